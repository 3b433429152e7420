/**
 * Cleaning what sellers type, paste and scan into one canonical tracking number, and spotting
 * numbers Excel has already ruined. Pure string work; never guesses a carrier.
 */

/** AIM symbology identifier a scanner may put in front (`]C1` for GS1-128, `]d2`, `]Q3`). */
const SYMBOLOGY_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;
/** Excel's "keep as text" tricks: a leading apostrophe, or `="…"`. */
const EXCEL_TEXT_WRAPPER = /^(?:'|="?)(.*?)"?$/s;
/** Spaces of every kind, dashes of every kind, dots, slashes, parentheses, GS1 group separators. */
// The GS1 group separator (0x1D) is a control character that scanners do send.
// eslint-disable-next-line no-control-regex
const SEPARATORS = /[\s\u00a0\u2007\u202f\-\u2010-\u2015\u2212./()\u001d]/g;

/**
 * USPS IMpb routing prefix: `420` + 5- or 9-digit ZIP in front of a 22- or 26-digit number that
 * starts with 9. With 34 digits in all, ZIP+4 + 22 digits is read first, as USPS prints it.
 */
const IMPB_ZIP9 = /^420(\d{9})(9\d{21})$/;
const IMPB_ZIP5 = /^420(\d{5})(9\d{21}|9\d{25})$/;

/** Excel keeps 15 significant digits. */
const EXCEL_SIGNIFICANT_DIGITS = 15;
/**
 * Trailing zeros needed before a long number counts as Excel-rounded. Fewer would flag one real
 * 16-digit number in ten; three leaves about one in a thousand.
 */
const EXCEL_MIN_TRAILING_ZEROS = 3;

export interface ParsedTrackingInput {
  /** Upper-case, separators and prefixes removed. */
  normalized: string;
  /** The ZIP taken from a USPS `420` routing prefix, when there was one. */
  zip?: string;
}

/** Normalizes and also returns what the normalization removed that is still useful (the ZIP). */
export function parseTrackingInput(input: string): ParsedTrackingInput {
  let text = input.trim();
  text = EXCEL_TEXT_WRAPPER.exec(text)?.[1] ?? text;
  text = text.trim().replace(SYMBOLOGY_PREFIX, '');
  const compact = text.replace(SEPARATORS, '').toUpperCase();
  const routed = IMPB_ZIP9.exec(compact) ?? IMPB_ZIP5.exec(compact);
  if (routed?.[1] !== undefined && routed[2] !== undefined) {
    return { normalized: routed[2], zip: routed[1] };
  }
  return { normalized: compact };
}

/**
 * The canonical form of a tracking number: no spaces, dashes, dots or scanner prefix, upper case,
 * without a USPS `420`+ZIP routing prefix.
 */
export function normalizeTrackingNumber(input: string): string {
  return parseTrackingInput(input).normalized;
}

/**
 * True when Excel has probably turned the number into something else: scientific notation
 * (`1.23457E+17`, German `5,58199E+12`), or a long number whose digits after the 15th are zeros
 * (what scientific notation becomes when formatted back as a number). The lost digits can't be
 * recovered: the seller has to export again with the column as text.
 */
export function looksExcelDamaged(input: string): boolean {
  const text = input.trim();
  if (/^\d+(?:[.,]\d+)?E\+?\d+$/i.test(text)) return true;
  const digits = text.replace(/[\s\u00a0]/g, '');
  if (!/^\d+$/.test(digits) || digits.length <= EXCEL_SIGNIFICANT_DIGITS) return false;
  const tail = digits.slice(EXCEL_SIGNIFICANT_DIGITS);
  const trailingZeros = digits.length - digits.replace(/0+$/, '').length;
  return /^0+$/.test(tail) && trailingZeros >= EXCEL_MIN_TRAILING_ZEROS;
}

/** Shortest and longest tracking numbers in the registry (GLS Track-ID, FedEx 34-digit). */
const MIN_LENGTH = 8;
const MAX_LENGTH = 40;

/**
 * Could this be a tracking number of some carrier, known or not? Letters and digits only, 8 to 40
 * of them, at least one digit, not one character repeated, not damaged by Excel. For flagging
 * order-import mistakes (a name or a price in the tracking column), not for choosing a carrier.
 */
export function isPlausibleTrackingNumber(input: string): boolean {
  if (looksExcelDamaged(input)) return false;
  const n = normalizeTrackingNumber(input);
  if (n.length < MIN_LENGTH || n.length > MAX_LENGTH) return false;
  if (!/^[0-9A-Z]+$/.test(n) || !/\d/.test(n)) return false;
  return !/^(.)\1*$/.test(n);
}
