/**
 * Check-digit algorithms used by parcel carriers, as small pure functions over a normalized number
 * (upper-case, no spaces). Each `isValid*` takes the whole number including its check character
 * and answers whether the check matches; a wrong length or a wrong character is simply `false`.
 *
 * The registry (`registry.ts`) decides which part of a number each rule covers. Rules and
 * published examples: jkeen/tracking_number_data `CHECKSUM_ALGORITHMS.md` and `couriers/*.json`
 * (MIT), GS1 General Specifications §7.9.1, UPU S10, paketda.de "Prüfziffern-Berechnung für
 * Paketnummern", ISO/IEC 7064. Written from those descriptions, not copied from any code.
 */

/** Whole-number check: `true` when the last character is the right check character. */
export type CheckDigitFn = (value: string) => boolean;

const DIGITS = /^\d+$/;

function digitsOf(value: string): number[] {
  return Array.from(value, (c) => c.charCodeAt(0) - 48);
}

/** Splits `data + check digit`; null when it is not all digits or too short to have data. */
function splitDigits(value: string): { data: number[]; check: number } | null {
  if (value.length < 2 || !DIGITS.test(value)) return null;
  const all = digitsOf(value);
  const check = all.pop();
  return check === undefined ? null : { data: all, check };
}

/** The usual "difference to the next multiple of ten" step of every mod 10 scheme. */
function tensComplement(sum: number): number {
  return (10 - (sum % 10)) % 10;
}

/**
 * GS1 mod 10 (GTIN, SSCC, GSIN; USPS, Canada Post, DHL Paket 20-digit, FedEx Ground, Hermes
 * 14-digit, Russian Post 14-digit): weights 3 and 1 alternating, 3 on the digit next to the check
 * digit, counting from the right.
 */
export function gs1Mod10CheckDigit(data: string): number | null {
  if (data.length === 0 || !DIGITS.test(data)) return null;
  const digits = digitsOf(data).reverse();
  const sum = digits.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return tensComplement(sum);
}

export const isValidGs1Mod10: CheckDigitFn = (value) => {
  const parts = splitDigits(value);
  return parts !== null && gs1Mod10CheckDigit(value.slice(0, -1)) === parts.check;
};

/**
 * UPS 1Z: over the 15 characters after `1Z`, letters become digits as `(charCode - 3) mod 10`
 * (A=2, B=3 ... I=0, J=1 ...), weights 1 and 2 alternating from the left, tens complement.
 * Takes the whole `1Z…` number (18 characters).
 */
export const isValidUps1Z: CheckDigitFn = (value) => {
  if (!/^1Z[0-9A-Z]{15}\d$/.test(value)) return false;
  const serial = value.slice(2, 17);
  let sum = 0;
  for (let i = 0; i < serial.length; i++) {
    const code = serial.charCodeAt(i);
    const n = code <= 57 ? code - 48 : (code - 3) % 10;
    sum += n * (i % 2 === 0 ? 1 : 2);
  }
  return tensComplement(sum) === value.charCodeAt(17) - 48;
};

/** Mod 7 (DHL Express air waybills): the number without its last digit, modulo 7. */
export const isValidMod7: CheckDigitFn = (value) => {
  const parts = splitDigits(value);
  if (parts === null) return false;
  // Digit by digit, so that any length stays exact without BigInt.
  const remainder = parts.data.reduce((r, d) => (r * 10 + d) % 7, 0);
  return remainder === parts.check;
};

/**
 * Weighted sum modulo 11, then modulo 10 (FedEx Express). Weights apply from the left and repeat
 * when the data is longer than the list.
 */
export function weightedMod11Mod10(weights: readonly number[]): CheckDigitFn {
  return (value) => {
    const parts = splitDigits(value);
    if (parts === null || weights.length === 0) return false;
    const sum = parts.data.reduce((acc, d, i) => acc + d * (weights[i % weights.length] ?? 0), 0);
    return (sum % 11) % 10 === parts.check;
  };
}

/** FedEx Express 12-digit: weights 3, 1, 7 from the left over the first 11 digits. */
export const isValidFedEx12 = weightedMod11Mod10([3, 1, 7]);

/** FedEx 34-digit barcodes: the last 14 digits (serial + check), weights 1, 7, 3 from the left. */
export const isValidFedExSerial14 = weightedMod11Mod10([1, 7, 3]);

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/** UPU S10 check digit of the 8-digit serial: 11 - (weighted sum mod 11); 10 -> 0, 11 -> 5. */
export function s10CheckDigit(serial: string): number | null {
  if (!/^\d{8}$/.test(serial)) return null;
  const sum = digitsOf(serial).reduce((acc, d, i) => acc + d * (S10_WEIGHTS[i] ?? 0), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return 0;
  if (check === 11) return 5;
  return check;
}

/** Whole S10 item id, `RB123456785GB`: 2 letters, 8 digits, check digit, 2-letter country. */
export const isValidS10: CheckDigitFn = (value) => {
  if (!/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(value)) return false;
  return s10CheckDigit(value.slice(2, 10)) === value.charCodeAt(10) - 48;
};

/** Luhn (ISO/IEC 7812). No carrier in the registry relies on it; kept for seller-defined rules. */
export const isValidLuhn: CheckDigitFn = (value) => {
  if (value.length < 2 || !DIGITS.test(value)) return false;
  const digits = digitsOf(value).reverse();
  const sum = digits.reduce((acc, d, i) => {
    if (i % 2 === 0) return acc + d;
    const doubled = d * 2;
    return acc + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
  return sum % 10 === 0;
};

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * ISO/IEC 7064 MOD 37,36 (hybrid system over 0-9A-Z), the check character DPD prints after its
 * parcel numbers.
 */
export function iso7064Mod37_36CheckChar(data: string): string | null {
  if (data.length === 0 || !/^[0-9A-Z]+$/.test(data)) return null;
  const modulus = 36;
  let product = modulus;
  for (const c of data) {
    let sum = (product + ALPHANUMERIC.indexOf(c)) % modulus;
    if (sum === 0) sum = modulus;
    product = (sum * 2) % (modulus + 1);
  }
  const check = (modulus + 1 - product) % modulus;
  return ALPHANUMERIC.charAt(check);
}

export const isValidIso7064Mod37_36: CheckDigitFn = (value) => {
  if (value.length < 2) return false;
  return iso7064Mod37_36CheckChar(value.slice(0, -1)) === value.slice(-1);
};

/**
 * Deutsche Post / DHL Paket 12-digit Identcode: weights 4 and 9 alternating from the left over 11
 * digits, tens complement (paketda.de; activebarcode.com "Identcode").
 */
export const isValidDeutschePostIdentcode: CheckDigitFn = (value) => {
  const parts = splitDigits(value);
  if (parts === null) return false;
  const sum = parts.data.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 4 : 9), 0);
  return tensComplement(sum) === parts.check;
};

/**
 * GLS parcel number (11 digits + check): weights 3 and 1 alternating from the left, plus 1, tens
 * complement (GLS Uni-Box technical documentation §3.2.1, as cited in public tracking libraries).
 */
export const isValidGls: CheckDigitFn = (value) => {
  const parts = splitDigits(value);
  if (parts === null) return false;
  const sum = parts.data.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return tensComplement(sum + 1) === parts.check;
};
