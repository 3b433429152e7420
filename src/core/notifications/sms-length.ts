/**
 * How long a text message is and how many parts it is sent in. A message that keeps to the GSM
 * 03.38 alphabet (basic set plus extension table) is GSM-7: 160 septets in one part, 153 per part
 * when split; an extension character (`€`, `[`, `{`, ...) takes two septets. One character outside
 * that alphabet (a typographic quote, `ł`, Cyrillic, an emoji) turns the whole message into UCS-2:
 * 70 UTF-16 units in one part, 67 per part when split. A character is never split across parts,
 * so the count packs part by part instead of dividing.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** Characters as the buyer sees them (code points). */
  characters: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  /** Parts the message is sent in; 0 for an empty message. */
  segments: number;
  /** Units per part at this length: 160/153 (GSM-7) or 70/67 (UCS-2). */
  perSegment: number;
  /** Units still free in the last part. */
  remaining: number;
}

export const GSM7_SINGLE_SEGMENT_UNITS = 160;
export const GSM7_MULTI_SEGMENT_UNITS = 153;
export const UCS2_SINGLE_SEGMENT_UNITS = 70;
export const UCS2_MULTI_SEGMENT_UNITS = 67;

/** GSM 03.38 basic character set (LF and CR included). */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** GSM 03.38 extension table: each costs an escape septet plus its own. */
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

function gsmCost(char: string): number | null {
  if (GSM7_BASIC.has(char)) return 1;
  if (GSM7_EXTENSION.has(char)) return 2;
  return null;
}

/** Whether the text can go as GSM-7. */
export function isGsm7(text: string): boolean {
  for (const char of text) if (gsmCost(char) === null) return false;
  return true;
}

export function smsLength(text: string): SmsLength {
  const chars = Array.from(text);
  const gsm = isGsm7(text);
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  const costs = chars.map((char) => (gsm ? (gsmCost(char) ?? 1) : char.length));
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const single = gsm ? GSM7_SINGLE_SEGMENT_UNITS : UCS2_SINGLE_SEGMENT_UNITS;
  const multi = gsm ? GSM7_MULTI_SEGMENT_UNITS : UCS2_MULTI_SEGMENT_UNITS;
  if (units === 0) {
    return { encoding, characters: 0, units: 0, segments: 0, perSegment: single, remaining: single };
  }
  if (units <= single) {
    return {
      encoding,
      characters: chars.length,
      units,
      segments: 1,
      perSegment: single,
      remaining: single - units,
    };
  }
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > multi) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, characters: chars.length, units, segments, perSegment: multi, remaining: multi - used };
}
