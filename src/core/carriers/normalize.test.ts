import { describe, expect, it } from 'vitest';
import {
  isPlausibleTrackingNumber,
  looksExcelDamaged,
  normalizeTrackingNumber,
  parseTrackingInput,
} from './normalize.ts';

describe('normalizeTrackingNumber', () => {
  it.each([
    ['1z 5r8 939 0357 567 127', '1Z5R89390357567127'],
    ['0034-0433-8364-4263-6597', '00340433836442636597'],
    ['99.60.123456.12345678', '996012345612345678'],
    ['\t RB 123 456 785 gb\n', 'RB123456785GB'],
    ['5682\u00a08361\u202f0012\u2013000', '568283610012000'],
    [']C100340433836442636597', '00340433836442636597'],
    ['(00)340433836442636597', '00340433836442636597'],
    ["'1Z5R89390357567127", '1Z5R89390357567127'],
    ['="00340433836442636597"', '00340433836442636597'],
    ['420787459400111206206406260787', '9400111206206406260787'],
    ['4201002334249200190132607600833457', '9200190132607600833457'],
    ['420 22153 9101026837331000039521', '9101026837331000039521'],
    ['', ''],
  ])('%j -> %s', (input, expected) => {
    expect(normalizeTrackingNumber(input)).toBe(expected);
  });

  it('keeps the ZIP from the IMpb routing prefix', () => {
    expect(parseTrackingInput('420787459400111206206406260787')).toEqual({
      normalized: '9400111206206406260787',
      zip: '78745',
    });
    expect(parseTrackingInput('4201002334249200190132607600833457').zip).toBe('100233424');
    expect(parseTrackingInput('1Z5R89390357567127').zip).toBeUndefined();
  });

  it('leaves a 420 that is not a routing prefix alone', () => {
    // 30 digits, but what follows 420+ZIP doesn't start with 9.
    expect(normalizeTrackingNumber('420787451400111206206406260787')).toBe('420787451400111206206406260787');
  });
});

describe('looksExcelDamaged', () => {
  it.each([
    ['1.23457E+17', true],
    ['5,58199E+12', true],
    ['1.2E17', true],
    ['9.40011E+21', true],
    ['123457000000000000', true],
    ['9400111206206400000000', true],
    ['1Z5R89390357567127', false],
    ['568283610012000', false], // 15 digits: Excel keeps them all
    ['0073938000549290', false], // one trailing zero is common in real numbers
    ['00340433836442636597', false],
    ['RB123456785GB', false],
    ['', false],
  ])('%s -> %s', (input, expected) => {
    expect(looksExcelDamaged(input)).toBe(expected);
  });
});

describe('isPlausibleTrackingNumber', () => {
  it.each([
    ['1Z5R89390357567127', true],
    ['RB 123 456 785 GB', true],
    ['XHAX4HDA', true],
    ['0000000000000', false],
    ['1234567', false],
    ['Max Mustermann', false],
    ['19.99', false],
    ['1.23457E+17', false],
    ['1Z5R8939#0357567127', false],
    ['A'.repeat(41), false],
  ])('%s -> %s', (input, expected) => {
    expect(isPlausibleTrackingNumber(input)).toBe(expected);
  });
});
