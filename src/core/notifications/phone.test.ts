import { describe, expect, it } from 'vitest';
import { callingCodeOf, checkSmsNumber, toE164 } from './phone.ts';

/**
 * Mobile numbers in their national form, taken from the example numbers of libphonenumber's
 * metadata (`libphonenumber-js/mobile/examples`), with the trunk prefix a buyer writes.
 */
const MOBILE_EXAMPLES = [
  ['DE', '0151 23456789', '+4915123456789'],
  ['AT', '0664 123456', '+43664123456'],
  ['CH', '078 123 45 67', '+41781234567'],
  ['SE', '070-123 45 67', '+46701234567'],
  ['NO', '406 12 345', '+4740612345'],
  ['DK', '34 41 23 45', '+4534412345'],
  ['FI', '041 2345678', '+358412345678'],
  ['NL', '06 12345678', '+31612345678'],
  ['BE', '0450 00 12 34', '+32450001234'],
  ['FR', '06 12 34 56 78', '+33612345678'],
  ['GB', '07400 123456', '+447400123456'],
  ['IE', '085 012 3456', '+353850123456'],
  ['PL', '512 345 678', '+48512345678'],
  ['CZ', '601 123 456', '+420601123456'],
  ['IT', '312 345 6789', '+393123456789'],
  ['ES', '612 34 56 78', '+34612345678'],
  ['PT', '912 345 678', '+351912345678'],
  ['US', '(201) 555-0123', '+12015550123'],
  ['CA', '506-234-5678', '+15062345678'],
  ['RU', '8 (912) 345-67-89', '+79123456789'],
  ['KZ', '8 771 000 9998', '+77710009998'],
  ['BY', '8 029 491-19-11', '+375294911911'],
  ['UA', '050 123 4567', '+380501234567'],
  ['JP', '090-1234-5678', '+819012345678'],
  ['AU', '0412 345 678', '+61412345678'],
  ['BR', '(11) 96123-4567', '+5511961234567'],
] as const;

/** Fixed-line example numbers of the same metadata: a text to them never arrives. */
const LANDLINE_EXAMPLES = [
  ['DE', '030 123456'],
  ['AT', '01234567890'],
  ['CH', '021 234 56 78'],
  ['SE', '08-123 456'],
  ['GB', '0121 234 5678'],
  ['FR', '01 23 45 67 89'],
  ['NL', '010 123 4567'],
  ['IT', '02 1234 5678'],
  ['ES', '810 12 34 56'],
  ['RU', '8 (301) 123-45-67'],
] as const;

describe('checkSmsNumber', () => {
  it.each(MOBILE_EXAMPLES)('a %s mobile written %j is %s', (country, phone, e164) => {
    expect(checkSmsNumber(phone, country)).toEqual({ ok: true, e164, country });
  });

  it.each(MOBILE_EXAMPLES)('a %s mobile in international form stays itself', (country, _phone, e164) => {
    expect(toE164(e164, undefined)).toBe(e164);
    expect(toE164(`00${e164.slice(1)}`, country)).toBe(e164);
  });

  it.each(LANDLINE_EXAMPLES)('a %s landline %j is refused as not mobile', (country, phone) => {
    expect(checkSmsNumber(phone, country)).toEqual({ ok: false, problem: 'not_mobile' });
  });

  it.each([
    // Grouping characters are how people write numbers.
    ['+49 (151) 234-567.89', 'DE', '+4915123456789'],
    ['0049 151 23456789', 'AT', '+4915123456789'],
    ['  +46 70 123 45 67  ', undefined, '+46701234567'],
    // An international number keeps its own country, wherever the parcel goes.
    ['+46 70 123 45 67', 'DE', '+46701234567'],
    // Where the national format has no trunk prefix, or the prefix is optional.
    ['1 201 555 0123', 'US', '+12015550123'],
    ['2015550123', 'US', '+12015550123'],
    ['312 345 6789', 'IT', '+393123456789'],
    // The destination country may come in any case.
    ['0151 23456789', ' de ', '+4915123456789'],
  ] as const)('%j in %s is %s', (phone, country, e164) => {
    expect(toE164(phone, country)).toBe(e164);
  });

  it.each([
    [undefined, 'DE', 'missing'],
    ['', 'DE', 'missing'],
    ['   ', 'DE', 'missing'],
    ['+49 151 CALL ME', 'DE', 'not_a_number'],
    ['+4915123456789\r\nBcc: x', 'DE', 'not_a_number'],
    ['0151 23456789 ext. 3', 'DE', 'not_a_number'],
    // A national number read in no country, or in one nobody knows, would be a guess.
    ['0151 23456789', undefined, 'needs_country'],
    ['0151 23456789', 'XX', 'needs_country'],
    ['0151 23456789', '', 'needs_country'],
    // No trunk prefix where the country writes one: perhaps a foreign number without its +.
    ['171 1234567', 'DE', 'ambiguous'],
    ['4915123456789', 'DE', 'not_mobile'],
    ['912 345-67-89', 'RU', 'ambiguous'],
    // Too short, too long, or a German mobile written without +49 for a parcel to Austria.
    ['+12', 'DE', 'not_mobile'],
    ['0151 2345', 'DE', 'not_mobile'],
    ['0151 234567890123', 'DE', 'not_mobile'],
    ['0151 23456789', 'AT', 'not_mobile'],
    // Satellite and premium ranges are no one's mobile.
    ['+882 13 123456', 'DE', 'not_mobile'],
    ['0900 1234567', 'DE', 'not_mobile'],
  ] as const)('%j in %s is refused: %s', (phone, country, problem) => {
    expect(checkSmsNumber(phone, country)).toEqual({ ok: false, problem });
    expect(toE164(phone, country)).toBeNull();
  });
});

describe('callingCodeOf', () => {
  it.each([
    ['DE', '49'],
    ['se', '46'],
    ['US', '1'],
    ['CA', '1'],
    ['KZ', '7'],
    ['XX', undefined],
    ['49', undefined],
  ] as const)('%s -> %s', (country, code) => {
    expect(callingCodeOf(country)).toBe(code);
  });
});
