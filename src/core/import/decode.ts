/**
 * Bytes to text. Owns the decision which character encoding a spreadsheet export uses; never
 * guesses anything about columns or rows.
 *
 * Order of evidence: a byte order mark; the NUL pattern of BOM-less UTF-16LE (Excel's "Unicode
 * Text" without BOM, and some tools); valid UTF-8; otherwise a Windows code page. Excel's "CSV"
 * export uses the local ANSI code page, so a file that is not valid UTF-8 is windows-1252 (western
 * Europe, the Americas) or, when most letters are high bytes, windows-1251 (Russian Excel).
 */
import { createTextDecoder } from './text-decoder.ts';

export const KNOWN_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'windows-1251'] as const;
export type KnownEncoding = (typeof KNOWN_ENCODINGS)[number];

export interface DecodedText {
  text: string;
  /** The encoding used: a KnownEncoding, or the caller's label when it forced another one. */
  encoding: string;
  /** Whether a byte order mark was found (and removed). */
  bom: boolean;
}

/** How many bytes the BOM-less UTF-16 sniffing looks at. */
const UTF16_SNIFF_BYTES = 512;
/** Share of NUL bytes on one parity above which the text is taken as UTF-16 without BOM. */
const UTF16_NUL_SHARE = 0.4;
/** Share of high bytes among letters above which a non-UTF-8 file is taken as Cyrillic cp1251. */
const CP1251_HIGH_LETTER_SHARE = 0.3;
/** Share of those high bytes that must sit next to another one (letters of a Cyrillic word). */
const CP1251_RUN_SHARE = 0.5;

/**
 * Windows-1252 bytes 0x80-0x9F per the WHATWG Encoding Standard (index-windows-1252). Decoded
 * here rather than with `TextDecoder('windows-1252')` because Node 20.18.3+ / 22.13+ wrongly
 * decode that range as Latin-1 (0x80 becomes U+0080 instead of €): nodejs/node#60888, #56542.
 * Seen on this machine with Node 20.20.
 */
const CP1252_C1 = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122,
  0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
] as const;

/** Characters per `String.fromCharCode.apply` call: well below engines' argument limits. */
const FROM_CHAR_CODE_CHUNK = 8192;

function codeUnitsToString(units: Uint16Array): string {
  let out = '';
  for (let i = 0; i < units.length; i += FROM_CHAR_CODE_CHUNK) {
    out += String.fromCharCode.apply(
      null,
      units.subarray(i, i + FROM_CHAR_CODE_CHUNK) as unknown as number[],
    );
  }
  return out;
}

export function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    units[i] = b >= 0x80 && b < 0xa0 ? (CP1252_C1[b - 0x80] as number) : b;
  }
  return codeUnitsToString(units);
}

function decodeUtf16Be(bytes: Uint8Array): string {
  // Swapped into little-endian rather than relying on TextDecoder('utf-16be'), which small-ICU
  // builds of Node lack.
  const swapped = new Uint8Array(bytes.length & ~1);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1] as number;
    swapped[i + 1] = bytes[i] as number;
  }
  return createTextDecoder('utf-16le', { ignoreBOM: true }).decode(swapped);
}

function bomOf(bytes: Uint8Array): { encoding: KnownEncoding; length: number } | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

function sniffUtf16(bytes: Uint8Array): KnownEncoding | undefined {
  const n = Math.min(bytes.length, UTF16_SNIFF_BYTES) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > UTF16_NUL_SHARE && evenNul / pairs < 0.05) return 'utf-16le';
  if (evenNul / pairs > UTF16_NUL_SHARE && oddNul / pairs < 0.05) return 'utf-16be';
  return undefined;
}

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return createTextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function looksCyrillic1251(bytes: Uint8Array): boolean {
  // Russian text in cp1251 is words of bytes >= 0xC0; western text in cp1252 has an occasional
  // accented letter between ASCII ones. Both the share and the runs must look Cyrillic.
  let high = 0;
  let highInRun = 0;
  let ascii = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b >= 0xc0) {
      high++;
      if ((bytes[i - 1] ?? 0) >= 0xc0 || (bytes[i + 1] ?? 0) >= 0xc0) highInRun++;
    } else if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) ascii++;
  }
  return high > 0 && high / (high + ascii) > CP1251_HIGH_LETTER_SHARE && highInRun / high > CP1251_RUN_SHARE;
}

/** Decide the encoding of `bytes` without decoding all of it twice. */
export function detectEncoding(bytes: Uint8Array): KnownEncoding {
  const bom = bomOf(bytes);
  if (bom) return bom.encoding;
  const utf16 = sniffUtf16(bytes);
  if (utf16) return utf16;
  if (tryUtf8(bytes) !== undefined) return 'utf-8';
  return looksCyrillic1251(bytes) ? 'windows-1251' : 'windows-1252';
}

function normaliseLabel(label: string): string {
  const l = label.trim().toLowerCase();
  if (l === 'utf8') return 'utf-8';
  if (l === 'utf-16' || l === 'utf16' || l === 'unicode') return 'utf-16le';
  // WHATWG maps latin1 and ISO-8859-1 to windows-1252; Excel's "ANSI" in the west is cp1252.
  if (l === 'cp1252' || l === 'latin1' || l === 'iso-8859-1' || l === 'ansi') return 'windows-1252';
  if (l === 'cp1251') return 'windows-1251';
  return l;
}

/**
 * Decode a whole file. `encoding` forces a label (any the runtime's TextDecoder knows); without it
 * the encoding is detected. A BOM matching the encoding is removed, so the first header is clean.
 */
export function decodeBytes(bytes: Uint8Array, encoding?: string): DecodedText {
  if (encoding === undefined && !bomOf(bytes) && !sniffUtf16(bytes)) {
    // The common case, valid UTF-8 without BOM: validate and decode in one pass, not two.
    const utf8 = tryUtf8(bytes);
    if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8', bom: false };
  }
  const label = encoding === undefined ? detectEncoding(bytes) : normaliseLabel(encoding);
  const bom = bomOf(bytes);
  const hasBom = bom !== undefined && bom.encoding === label;
  const body = hasBom ? bytes.subarray(bom.length) : bytes;
  let text: string;
  if (label === 'windows-1252') text = decodeWindows1252(body);
  else if (label === 'utf-16be') text = decodeUtf16Be(body);
  else text = createTextDecoder(label, { ignoreBOM: true }).decode(body);
  // A forced label that disagrees with a BOM still must not leave U+FEFF glued to the first header.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding: label, bom: hasBom };
}
