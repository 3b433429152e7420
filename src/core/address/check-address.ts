/**
 * Address plausibility: the problems a seller should fix before printing a label (a missing
 * street, a postcode that cannot be right for the country). Pure and offline: it knows postcode
 * formats, not which postcodes exist. Never blocks anything by itself; the UI shows the problems.
 */
import type { WorkflowMessageKey } from '../i18n/messages/workflow.ts';
import { normalizeCountry } from '../import/country.ts';
import type { Address } from '../model/order.ts';

export type AddressField = 'line1' | 'zip' | 'city' | 'country';

export type AddressProblemCode = 'missing' | 'zip_format' | 'zip_leading_zero';

export interface AddressProblem {
  code: AddressProblemCode;
  field: AddressField;
  messageKey: WorkflowMessageKey;
  /** `zip`, `country` (ISO code), `example`, `suggestion`, where the message has them. */
  params: Record<string, string>;
}

export interface ZipFormat {
  /** Whole-string pattern for the postcode in upper case, surrounding space trimmed. */
  pattern: RegExp;
  /** A valid postcode, shown in the message. */
  example: string;
  /** Real postcodes can start with 0, so a short numeric one may have lost it in a spreadsheet. */
  leadingZero?: true;
}

/**
 * Postcode formats by ISO 3166-1 alpha-2 (from the national postal operators' published
 * formats). Where a space is customary it is optional here, because files drop it.
 */
export const ZIP_FORMATS: Readonly<Record<string, ZipFormat>> = {
  DE: { pattern: /^(?:0[1-9]|[1-9]\d)\d{3}$/, example: '10115', leadingZero: true },
  AT: { pattern: /^[1-9]\d{3}$/, example: '1010' },
  CH: { pattern: /^[1-9]\d{3}$/, example: '8001' },
  LI: { pattern: /^94[89]\d$/, example: '9490' },
  NL: { pattern: /^[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}$/, example: '1012 AB' },
  BE: { pattern: /^[1-9]\d{3}$/, example: '1000' },
  LU: { pattern: /^\d{4}$/, example: '1111' },
  FR: { pattern: /^(?:0[1-9]|[1-9]\d)\d{3}$/, example: '75001', leadingZero: true },
  IT: { pattern: /^\d{5}$/, example: '00184', leadingZero: true },
  // Spanish postcodes start with the province number, 01-52.
  ES: { pattern: /^(?:0[1-9]|[1-4]\d|5[0-2])\d{3}$/, example: '28013', leadingZero: true },
  PT: { pattern: /^\d{4}-?\d{3}$/, example: '1100-148' },
  // Royal Mail: outward code (A9, A99, A9A, AA9, AA99, AA9A) and inward code (9AA); the letters
  // that never occur in each position are excluded. GIR 0AA is the one historic exception.
  GB: {
    pattern:
      /^(?:GIR ?0AA|(?:[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?)) ?\d[ABD-HJLNP-UW-Z]{2})$/,
    example: 'SW1A 1AA',
  },
  IE: { pattern: /^(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}$/, example: 'D02 X285' },
  SE: { pattern: /^[1-9]\d{2} ?\d{2}$/, example: '114 55' },
  NO: { pattern: /^\d{4}$/, example: '0150', leadingZero: true },
  DK: { pattern: /^[1-9]\d{3}$/, example: '1050' },
  FI: { pattern: /^\d{5}$/, example: '00100', leadingZero: true },
  PL: { pattern: /^\d{2}-?\d{3}$/, example: '00-950', leadingZero: true },
  CZ: { pattern: /^\d{3} ?\d{2}$/, example: '110 00' },
  US: { pattern: /^\d{5}(?:-\d{4})?$/, example: '10001', leadingZero: true },
  // Canada Post: letter-digit-letter digit-letter-digit; D, F, I, O, Q, U never occur, nor W or Z first.
  CA: {
    pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/,
    example: 'K1A 0B1',
  },
  RU: { pattern: /^\d{6}$/, example: '101000' },
};

/**
 * Countries without postcodes, where a missing one is no problem. Ireland has Eircodes, but many
 * addresses are still written without one, so a missing Eircode is not flagged either.
 */
const NO_POSTCODE = new Set(['AE', 'AG', 'AO', 'BS', 'BZ', 'HK', 'IE', 'JM', 'QA', 'TT']);

/**
 * The ISO alpha-2 code of `country` (a code, or a name in one of the app's languages, matched as
 * the import matches it), or `null` for free text (then no format is checked).
 */
export function isoCountry(country: string): string | null {
  const code = normalizeCountry(country);
  return /^[A-Z]{2}$/.test(code) ? code : null;
}

/**
 * The postcode in the form the patterns expect: upper case, inner space runs collapsed, and a
 * leading country prefix ("D-10115", "CH-8001", "SE-114 55", old European style) removed.
 */
function canonicalZip(zip: string, country: string): string {
  const upper = zip.trim().toUpperCase().replace(/\s+/g, ' ');
  const prefixed = /^([A-Z]{1,2})[- ](?=\d)(.*)$/.exec(upper);
  if (prefixed) {
    const [, prefix, rest] = prefixed;
    // Old one-letter plates too: D (DE), A (AT), S (SE), F (FR), I (IT), N (NO), B (BE), L (LU).
    const oneLetter: Record<string, string> = {
      D: 'DE',
      A: 'AT',
      S: 'SE',
      F: 'FR',
      I: 'IT',
      N: 'NO',
      B: 'BE',
      L: 'LU',
    };
    if (prefix === country || oneLetter[prefix ?? ''] === country) return rest ?? '';
  }
  return upper;
}

const blank = (value: string | undefined): boolean => value === undefined || value.trim() === '';

function missing(field: AddressField): AddressProblem {
  return { code: 'missing', field, messageKey: `address.missing.${field}`, params: {} };
}

/** The problems of an address, in field order; empty when it looks fine. */
export function checkAddress(address: Address): AddressProblem[] {
  const problems: AddressProblem[] = [];
  const country = blank(address.country) ? null : isoCountry(address.country);
  if (blank(address.line1)) problems.push(missing('line1'));
  if (blank(address.zip)) {
    if (country === null || !NO_POSTCODE.has(country)) problems.push(missing('zip'));
  } else if (country !== null) {
    const zipProblem = checkZip(address.zip, country);
    if (zipProblem) problems.push(zipProblem);
  }
  if (blank(address.city)) problems.push(missing('city'));
  if (blank(address.country)) problems.push(missing('country'));
  return problems;
}

/**
 * The problem with `zip` for an ISO country, or `null` when it fits (or the country's format is
 * not known). A purely numeric postcode that fits once its leading zeros are restored gets its
 * own code: spreadsheets drop leading zeros ("01067" -> "1067"), and the fix is obvious.
 */
export function checkZip(zip: string, country: string): AddressProblem | null {
  const format = ZIP_FORMATS[country];
  if (!format) return null;
  const canonical = canonicalZip(zip, country);
  if (format.pattern.test(canonical)) return null;
  const shown = zip.trim();
  if (format.leadingZero && /^\d+$/.test(canonical)) {
    for (let width = canonical.length + 1; width <= canonical.length + 2; width++) {
      const padded = canonical.padStart(width, '0');
      if (format.pattern.test(padded)) {
        return {
          code: 'zip_leading_zero',
          field: 'zip',
          messageKey: 'address.zip.leadingZero',
          params: { zip: shown, country, suggestion: padded },
        };
      }
    }
  }
  return {
    code: 'zip_format',
    field: 'zip',
    messageKey: 'address.zip.format',
    params: { zip: shown, country, example: format.example },
  };
}
