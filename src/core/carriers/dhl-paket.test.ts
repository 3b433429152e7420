import { describe, expect, it } from 'vitest';
import { detectCarriers } from './index.ts';

/** The forms a DHL Paket number comes in, and what else each one may be. */
const table: { number: string; format: string; verified: boolean; alsoExpress: boolean }[] = [
  { number: '201298452277', format: 'dhl-paket-12', verified: true, alsoExpress: false },
  { number: '00340433836442636597', format: 'dhl-paket-20', verified: true, alsoExpress: false },
  { number: 'JJD1298765432109', format: 'dhl-paket-jjd', verified: false, alsoExpress: true },
  { number: 'JJD000390007830470513', format: 'dhl-paket-jjd', verified: false, alsoExpress: true },
  { number: 'jjd 0003 9000 7830 4705 13', format: 'dhl-paket-jjd', verified: false, alsoExpress: true },
  { number: 'JJD000390007830470513123', format: 'dhl-paket-jjd', verified: false, alsoExpress: false },
];

describe('DHL Paket numbers', () => {
  it.each(table)('$number is $format', ({ number, format, verified, alsoExpress }) => {
    const matches = detectCarriers(number);
    const paket = matches.find((m) => m.carrierId === 'dhl-paket');
    expect(paket).toMatchObject({ formatId: format, valid: true, verified });
    expect(matches.some((m) => m.carrierId === 'dhl-express')).toBe(alsoExpress);
  });

  it('follows the seller’s pick for a JJD number', () => {
    const preferred = { 'dhl-paket-jjd': 'dhl-paket' };
    expect(detectCarriers('JJD1298765432109', { preferred })[0]?.carrierId).toBe('dhl-paket');
  });

  it.each([
    ['JJD12345678', 'too short for a parcel'],
    ['JJD1234567890123456789012', 'too long'],
    ['JJX1298765432109', 'another prefix'],
  ])('%s is no DHL Paket number (%s)', (number) => {
    expect(detectCarriers(number).some((m) => m.carrierId === 'dhl-paket')).toBe(false);
  });
});
