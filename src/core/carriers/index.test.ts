import { describe, expect, it } from 'vitest';
import { CARRIERS, detectCarriers, type CarrierMatch } from './index.ts';

function find(matches: CarrierMatch[], carrierId: string): CarrierMatch | undefined {
  return matches.find((m) => m.carrierId === carrierId);
}

/**
 * One row per registry carrier: a number it must recognise, and for carriers with a check digit a
 * one-character typo that must come back `valid: false`. Numbers marked "built" were made from the
 * carrier's rule because no published example was found.
 */
const table: { carrierId: string; number: string; typo: string | null; verified: boolean }[] = [
  { carrierId: 'ups', number: '1Z5R89390357567127', typo: '1Z5R89390357567126', verified: true },
  { carrierId: 'fedex', number: '986578788855', typo: '986578788856', verified: true },
  { carrierId: 'usps', number: '9400111206206406260787', typo: '9400111206206406260788', verified: true },
  { carrierId: 'dhl-express', number: '3318810025', typo: '3318810026', verified: true },
  { carrierId: 'dhl-paket', number: '00340433836442636597', typo: '00340433836442636598', verified: true },
  { carrierId: 'dhl-ecommerce', number: 'GM2951173225174494', typo: null, verified: false },
  { carrierId: 'dpd', number: '09980000020033F', typo: '09980000020034F', verified: true },
  { carrierId: 'gls', number: '201012345670', typo: '201012345671', verified: true }, // built
  { carrierId: 'hermes', number: '09133131530724', typo: '09133131530725', verified: true },
  { carrierId: 'evri', number: 'H00A0A1234567890', typo: null, verified: false },
  { carrierId: 'postnl', number: '3SABCD123456789', typo: null, verified: false },
  { carrierId: 'postnord', number: '373500123456789012', typo: '373500123456789013', verified: true }, // built
  { carrierId: 'bring', number: '370701234567890125', typo: '370701234567890126', verified: true }, // built
  { carrierId: 'royal-mail', number: 'RB123456785GB', typo: 'RB123456795GB', verified: true },
  { carrierId: 'la-poste', number: '6A12345678901', typo: null, verified: false },
  { carrierId: 'correos', number: 'PQ4F6P0700001190128001M', typo: null, verified: false },
  { carrierId: 'poste-italiane', number: 'RB123456785IT', typo: 'RB123456784IT', verified: true },
  { carrierId: 'swiss-post', number: '996012345612345678', typo: null, verified: false },
  { carrierId: 'austrian-post', number: 'RB123456785AT', typo: 'RB223456785AT', verified: true },
  { carrierId: 'inpost', number: '520000012345678901234567', typo: null, verified: false },
  { carrierId: 'poczta-polska', number: 'RB123456785PL', typo: 'RB123456786PL', verified: true },
  { carrierId: 'packeta', number: 'Z1234567890', typo: null, verified: false },
  { carrierId: 'russian-post', number: '14102372012858', typo: '14102372012859', verified: true }, // built
  { carrierId: 'china-post', number: 'RB123456785CN', typo: 'RB123456775CN', verified: true },
  { carrierId: 'yunexpress', number: 'YT2229521272164446', typo: null, verified: false },
  { carrierId: 'canada-post', number: '0073938000549297', typo: '0073938000549298', verified: true },
  { carrierId: 'australia-post', number: 'RB123456785AU', typo: 'RB123456783AU', verified: true },
  { carrierId: 'amazon-logistics', number: 'TBA502887274000', typo: null, verified: false },
];

describe('detectCarriers over every carrier', () => {
  it('has a row for every registry carrier', () => {
    expect(table.map((r) => r.carrierId).sort()).toEqual(CARRIERS.map((c) => c.id).sort());
  });

  it.each(table)('$carrierId recognises $number', ({ carrierId, number, verified }) => {
    const match = find(detectCarriers(number), carrierId);
    expect(match).toMatchObject({ valid: true, verified });
    expect(match?.trackingUrl).toMatch(/^https:\/\//);
  });

  it.each(table.filter((r) => r.typo !== null))('$carrierId flags the typo $typo', ({ carrierId, typo }) => {
    const match = find(detectCarriers(typo ?? ''), carrierId);
    expect(match).toMatchObject({ valid: false, verified: false });
  });

  it('puts a failing check digit after every other candidate', () => {
    const matches = detectCarriers('986578788856');
    const firstInvalid = matches.findIndex((m) => !m.valid);
    expect(firstInvalid).toBeGreaterThanOrEqual(0);
    expect(matches.slice(firstInvalid).every((m) => !m.valid)).toBe(true);
  });
});

describe('ambiguous numbers', () => {
  it('returns several verified carriers for a bare 12-digit number', () => {
    const matches = detectCarriers('201298452277');
    expect(matches.filter((m) => m.verified).map((m) => m.carrierId)).toEqual(['fedex', 'dhl-paket', 'gls']);
    expect(new Set(matches.map((m) => m.formatKey))).toEqual(new Set(['digits-12']));
  });

  it('returns DHL Paket and USPS for a 20-digit number', () => {
    const ids = detectCarriers('00340433836442636597').map((m) => m.carrierId);
    expect(ids).toEqual(expect.arrayContaining(['dhl-paket', 'usps']));
  });

  it('ranks formats without check digit below verified ones', () => {
    const matches = detectCarriers('09133131530724');
    expect(matches.map((m) => [m.carrierId, m.verified])).toEqual([
      ['hermes', true],
      ['russian-post', true],
      ['dpd', false],
    ]);
  });

  it('puts the seller’s remembered pick first', () => {
    const matches = detectCarriers('00340433836442636597', { preferred: { 'digits-20': 'usps' } });
    expect(matches[0]?.carrierId).toBe('usps');
    const dpdFirst = detectCarriers('09133131530724', { preferred: { 'digits-14': 'dpd' } });
    expect(dpdFirst[0]?.carrierId).toBe('dpd');
  });

  it('does not put a remembered pick first when its check digit fails', () => {
    const matches = detectCarriers('986578788855', { preferred: { 'digits-12': 'dhl-paket' } });
    expect(matches[0]?.carrierId).toBe('fedex');
    expect(find(matches, 'dhl-paket')?.valid).toBe(false);
  });
});

describe('S10 numbers resolve to the post of their country', () => {
  const posts: [string, string][] = [
    ['GB', 'royal-mail'],
    ['DE', 'dhl-paket'],
    ['SE', 'postnord'],
    ['DK', 'postnord'],
    ['NO', 'bring'],
    ['FR', 'la-poste'],
    ['ES', 'correos'],
    ['IT', 'poste-italiane'],
    ['CH', 'swiss-post'],
    ['AT', 'austrian-post'],
    ['NL', 'postnl'],
    ['RU', 'russian-post'],
    ['CN', 'china-post'],
    ['CA', 'canada-post'],
    ['AU', 'australia-post'],
    ['US', 'usps'],
    ['PL', 'poczta-polska'],
  ];
  it.each(posts)('%s -> %s', (country, carrierId) => {
    const matches = detectCarriers(`RB123456785${country}`);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ carrierId, valid: true, formatKey: 's10', countryCode: country });
  });

  it('gives a generic postal service with the universal link for other countries', () => {
    const [match, ...rest] = detectCarriers('RB123456785CV');
    expect(rest).toHaveLength(0);
    expect(match).toMatchObject({
      carrierId: 'post-cv',
      countryCode: 'CV',
      valid: true,
      trackingUrl: 'https://t.17track.net/en#nums=RB123456785CV',
    });
    const custom = detectCarriers('RB123456785CV', {
      universalTemplate: 'https://parcelsapp.com/{lang}/tracking/{number}',
      lang: 'de',
    });
    expect(custom[0]?.trackingUrl).toBe('https://parcelsapp.com/de/tracking/RB123456785CV');
  });

  it('flags a bad check digit for a generic postal service too', () => {
    expect(detectCarriers('RB123456786CV')[0]).toMatchObject({ carrierId: 'post-cv', valid: false });
  });

  it('does not take a non-country suffix for S10', () => {
    expect(detectCarriers('RB123456785XX')).toEqual([]);
  });
});

describe('detection details', () => {
  it('normalizes before matching and returns the normalized number', () => {
    const [match] = detectCarriers(' 1z 5r8 939-0357.567127 ');
    expect(match).toMatchObject({ carrierId: 'ups', normalized: '1Z5R89390357567127' });
  });

  it('strips the USPS 420+ZIP routing prefix', () => {
    const [match] = detectCarriers('420787459400111206206406260787');
    expect(match).toMatchObject({ carrierId: 'usps', normalized: '9400111206206406260787', valid: true });
  });

  it('links DPD label barcodes by their 14-digit parcel number', () => {
    const match = find(detectCarriers('008182709980000020033350276C'), 'dpd');
    expect(match).toMatchObject({ valid: true, normalized: '09980000020033' });
    expect(match?.trackingUrl).toBe('https://tracking.dpd.de/status/en_US/parcel/09980000020033');
  });

  it('links FedEx 34-digit barcodes by their 12-digit tracking number', () => {
    const match = find(detectCarriers('1001921334250001000300779017972697'), 'fedex');
    expect(match).toMatchObject({ valid: true, normalized: '779017972697' });
  });

  it('uses the language for carrier pages that take one', () => {
    const [match] = detectCarriers('1Z5R89390357567127', { lang: 'de-AT' });
    expect(match?.trackingUrl).toBe('https://www.ups.com/track?loc=de_DE&tracknum=1Z5R89390357567127');
  });

  it('passes the ZIP to carriers that take one', () => {
    const [match] = detectCarriers('3SABCD123456789', { zip: '1234 AB', lang: 'nl' });
    expect(match?.trackingUrl).toBe(
      'https://postnl.nl/tracktrace/?B=3SABCD123456789&P=1234%20AB&D=NL&T=C&L=NL',
    );
  });

  it('returns nothing for empty or unknown input', () => {
    expect(detectCarriers('')).toEqual([]);
    expect(detectCarriers('   ')).toEqual([]);
    expect(detectCarriers('hello world')).toEqual([]);
    expect(detectCarriers('1.23457E+17')).toEqual([]);
  });
});

describe('formats without a check digit, for carriers the seller has not used', () => {
  it.each([
    // [number, carriers used, expected first candidate]
    ['520000012345678901234567', [], undefined],
    ['520000012345678901234567', ['inpost'], 'inpost'],
    ['GM2951173225174494', ['dhl-paket'], undefined],
    ['GM2951173225174494', ['dhl-ecommerce'], 'dhl-ecommerce'],
    // A check digit proves the carrier, used or not.
    ['RB123456785GB', [], 'royal-mail'],
    ['09133131530724', [], 'hermes'],
  ] as const)('%s with %j used: %s', (number, used, expected) => {
    expect(detectCarriers(number, { usedCarriers: used })[0]?.carrierId).toBe(expected);
  });

  it('without the list every carrier counts as used', () => {
    expect(detectCarriers('520000012345678901234567')[0]?.carrierId).toBe('inpost');
  });
});
