/**
 * Secrets of the accounts module: device tokens and pairing codes. Both are stored only as their
 * SHA-256; the clear value exists in the response that hands it out and on the device.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** 256 random bits; the prefix makes a leaked token recognisable to secret scanners. */
export function newDeviceToken(): string {
  return `tpd_${randomBytes(32).toString('base64url')}`;
}

export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Digits and capitals without 0/O, 1/I/L: nothing to confuse when typed from a screen. */
export const PAIRING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** 10 characters of 31: about 49 bits, against a rate-limited guesser over 10 minutes. */
export const PAIRING_CODE_LENGTH = 10;
export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;

/** A new code, shown as `ABCDE-FGHJK`. */
export function newPairingCode(): string {
  let code = '';
  // randomInt draws without modulo bias.
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What a person typed or a QR code carried, as stored: capitals, no dash or spaces. */
export function normalizePairingCode(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/**
 * Setup and recovery codes: 26 characters of the pairing alphabet, about 128.8 bits, shown as
 * `ABCDE-FGHJK-...` so they can be written down and typed back. Stored as their SHA-256, like
 * device tokens: with that much entropy a slow hash adds nothing.
 */
export const LONG_CODE_LENGTH = 26;

export function newLongCode(): string {
  let code = '';
  for (let i = 0; i < LONG_CODE_LENGTH; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
  return code.match(/.{1,5}/g)?.join('-') ?? code;
}

/** The SHA-256 of a setup or recovery code as typed: case, dashes and spaces don't matter. */
export function longCodeHash(input: string): string {
  return sha256Hex(normalizePairingCode(input));
}
