/**
 * Code 128 (ISO/IEC 15417) encoding: text to symbol values with the mod-103 check symbol, and to
 * bar and space widths in modules. Code set B for printable ASCII, with a switch to code set C
 * (two digits per symbol) for runs of digits long enough to save space, per the usual minimal-
 * length rules (ISO/IEC 15417 Annex E): start in C for 4+ leading digits, switch to C inside the
 * data for 6+ digits (4+ at the end), and encode an odd leading digit in B first.
 *
 * The pattern table is the standard one (107 symbols: values 0-102, the shift/code/FNC symbols,
 * starts A/B/C and the 13-module stop), checked in the tests against a published example of the
 * checksum arithmetic ("Kingcean", check value 64, in nuscien/trivial docs/data/code128/README.md)
 * and a full bar sequence from borisklug/jbarcode's Barcode128Test.
 */

/** Bar/space widths of symbols 0-106 (each six elements over 11 modules; the stop seven over 13). */
const PATTERNS = [
  '212222',
  '222122',
  '222221',
  '121223',
  '121322',
  '131222',
  '122213',
  '122312',
  '132212',
  '221213',
  '221312',
  '231212',
  '112232',
  '122132',
  '122231',
  '113222',
  '123122',
  '123221',
  '223211',
  '221132',
  '221231',
  '213212',
  '223112',
  '312131',
  '311222',
  '321122',
  '321221',
  '312212',
  '322112',
  '322211',
  '212123',
  '212321',
  '232121',
  '111323',
  '131123',
  '131321',
  '112313',
  '132113',
  '132311',
  '211313',
  '231113',
  '231311',
  '112133',
  '112331',
  '132131',
  '113123',
  '113321',
  '133121',
  '313121',
  '211331',
  '231131',
  '213113',
  '213311',
  '213131',
  '311123',
  '311321',
  '331121',
  '312113',
  '312311',
  '332111',
  '314111',
  '221411',
  '431111',
  '111224',
  '111422',
  '121124',
  '121421',
  '141122',
  '141221',
  '112214',
  '112412',
  '122114',
  '122411',
  '142112',
  '142211',
  '241211',
  '221114',
  '413111',
  '241112',
  '134111',
  '111242',
  '121142',
  '121241',
  '114212',
  '124112',
  '124211',
  '411212',
  '421112',
  '421211',
  '212141',
  '214121',
  '412121',
  '111143',
  '111341',
  '131141',
  '114113',
  '114311',
  '411113',
  '411311',
  '113141',
  '114131',
  '311141',
  '411131',
  '211412',
  '211214',
  '211232',
  '2331112',
] as const;

export const CODE_C = 99;
export const CODE_B = 100;
export const START_B = 104;
export const START_C = 105;
export const STOP = 106;

export interface Code128 {
  /** Symbol values: start, data and code switches, check symbol, stop. */
  symbols: number[];
  /** The mod-103 check value. */
  checksum: number;
  /** Alternating bar and space widths in modules, starting with a bar; no quiet zones. */
  widths: number[];
  /** Sum of `widths`: 11 per symbol plus 2 for the stop's final bar. */
  modules: number;
}

/** Characters code set B can hold: printable ASCII, space to tilde. */
const CODE_B_TEXT = /^[\x20-\x7e]*$/;

export function canEncodeCode128(text: string): boolean {
  return text.length > 0 && CODE_B_TEXT.test(text);
}

function digitRun(text: string, from: number): number {
  let end = from;
  while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
  return end - from;
}

/** Symbol values before the check symbol. */
function dataSymbols(text: string): number[] {
  const symbols: number[] = [];
  let i = 0;
  let set: 'B' | 'C';
  const leading = digitRun(text, 0);
  if (leading >= 4 || (leading === 2 && text.length === 2)) {
    set = 'C';
    symbols.push(START_C);
  } else {
    set = 'B';
    symbols.push(START_B);
  }
  while (i < text.length) {
    const run = digitRun(text, i);
    if (set === 'C') {
      if (run >= 2) {
        symbols.push(Number(text.slice(i, i + 2)));
        i += 2;
        continue;
      }
      set = 'B';
      symbols.push(CODE_B);
    }
    const atEnd = i + run === text.length;
    if (run >= 6 || (atEnd && run >= 4)) {
      // An odd run leaves its first digit in B, so that C gets pairs only.
      if (run % 2 === 1) {
        symbols.push(text.charCodeAt(i) - 32);
        i++;
      }
      set = 'C';
      symbols.push(CODE_C);
      continue;
    }
    symbols.push(text.charCodeAt(i) - 32);
    i++;
  }
  return symbols;
}

/** The mod-103 check value: start value plus each data symbol times its position (1-based). */
export function code128Checksum(symbols: readonly number[]): number {
  let sum = symbols[0] ?? 0;
  for (let i = 1; i < symbols.length; i++) sum += (symbols[i] as number) * i;
  return sum % 103;
}

/** Widths for symbol values (including start, check and stop). */
export function widthsOf(symbols: readonly number[]): number[] {
  const widths: number[] = [];
  for (const s of symbols) {
    const pattern = PATTERNS[s];
    if (pattern === undefined) throw new RangeError(`Not a Code 128 symbol value: ${s}`);
    for (const ch of pattern) widths.push(ch.charCodeAt(0) - 48);
  }
  return widths;
}

/** Encode printable ASCII text; throws a RangeError for other characters or an empty text. */
export function encodeCode128(text: string): Code128 {
  if (!canEncodeCode128(text)) {
    throw new RangeError('Code 128 B/C holds printable ASCII only (space to ~), at least one character');
  }
  const data = dataSymbols(text);
  const checksum = code128Checksum(data);
  const symbols = [...data, checksum, STOP];
  const widths = widthsOf(symbols);
  return { symbols, checksum, widths, modules: widths.reduce((a, b) => a + b, 0) };
}
