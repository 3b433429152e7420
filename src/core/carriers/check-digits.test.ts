import { describe, expect, it } from 'vitest';
import {
  gs1Mod10CheckDigit,
  iso7064Mod37_36CheckChar,
  isValidDeutschePostIdentcode,
  isValidFedEx12,
  isValidFedExSerial14,
  isValidGls,
  isValidGs1Mod10,
  isValidIso7064Mod37_36,
  isValidLuhn,
  isValidMod7,
  isValidS10,
  isValidUps1Z,
  s10CheckDigit,
  type CheckDigitFn,
} from './check-digits.ts';

/**
 * Published examples. "jkeen" = github.com/jkeen/tracking_number_data couriers/*.json test numbers;
 * "paketda" = paketda.de "Prüfziffern-Berechnung für Paketnummern".
 */
const cases: { name: string; fn: CheckDigitFn; valid: string[]; invalid: string[]; source: string }[] = [
  {
    name: 'UPS 1Z mod 10',
    fn: isValidUps1Z,
    valid: ['1Z5R89390357567127', '1Z879E930346834440', '1Z410E7W0392751591', '1ZXX3150YW44070023'],
    invalid: ['1Z5R89390357567128', '1Z1111111111111111', '2Z5R89390357567127', '1Z5R8939035756712'],
    source: 'jkeen ups.json',
  },
  {
    name: 'GS1 mod 10 (weights 3/1)',
    fn: isValidGs1Mod10,
    valid: [
      '951356230501236986', // SSCC, GS1 check digit calculator (via lloricode/check-digit)
      '917394563212', // GTIN-12, same source
      '6291041500213', // GTIN-13, same source
      '4260304620007', // GLN, ecosio.com
      '00340433836442636597', // DHL Paket 20, paketda
      '09133131530724', // Hermes 14, paketda
      '03071790000523483741', // USPS 20, jkeen
      '9400111206206406260787', // USPS IMpb, jkeen
      '0073938000549297', // Canada Post, jkeen
      '568283610012000', // FedEx Ground 15, jkeen
    ],
    invalid: ['03071790000523483742', '0073938000549292', '568283610012732', '12A4', '7'],
    source: 'GS1 GenSpecs 7.9.1; jkeen; paketda',
  },
  {
    name: 'mod 7 (DHL Express)',
    fn: isValidMod7,
    valid: ['3318810025', '73891051146', '8487135506', '1099255990', '3821724944'],
    invalid: ['3318810010', '3318810034', '3318810011'],
    source: 'jkeen dhl.json',
  },
  {
    name: 'mod 11 weights 3,1,7 (FedEx Express 12)',
    fn: isValidFedEx12,
    valid: ['986578788855', '477179081230', '799531274483', '790535312317', '974367662710'],
    invalid: ['996578788855', '986578788854'],
    source: 'jkeen fedex.json',
  },
  {
    name: 'mod 11 weights 1,7,3 (FedEx 34-digit serial)',
    fn: isValidFedExSerial14,
    // Last 14 digits of jkeen's 34-digit examples.
    valid: ['00779017972697', '00639585804382', '00617767839437'],
    invalid: ['00617767839438'],
    source: 'jkeen fedex.json',
  },
  {
    name: 'UPU S10 (weights 8 6 4 2 3 5 9 7)',
    fn: isValidS10,
    valid: ['RB123456785GB', 'RB123456785US', 'AA473124829GB'],
    invalid: ['RB123456786US', 'RB123456795GB', 'RB12345678GB', '1B123456785GB'],
    source: 'jkeen s10.json; UPU S10 example via Wikipedia',
  },
  {
    name: 'Luhn',
    fn: isValidLuhn,
    valid: ['79927398713', '4539578763621486'],
    invalid: ['79927398710', '79927398714'],
    source: 'Wikipedia "Luhn algorithm"; ISO/IEC 7812',
  },
  {
    name: 'ISO 7064 MOD 37,36 (DPD)',
    fn: isValidIso7064Mod37_36,
    valid: [
      '09980000020033F',
      '09980000020034D',
      '008182709980000020033350276C',
      '008182709980000020045327276N',
    ],
    invalid: ['09980000020033D', '008182709980000020033350276A', '008182709980000020045000000N'],
    source: 'jkeen dpd.json',
  },
  {
    name: 'Deutsche Post Identcode (weights 4/9)',
    fn: isValidDeutschePostIdentcode,
    valid: ['201298452277', '563102430313'],
    invalid: ['201298452278', '201298542277'],
    source: 'paketda; activebarcode.com "Identcode"',
  },
  {
    name: 'GLS (weights 3/1 + 1)',
    fn: isValidGls,
    // No published GLS number was found; these are built from the documented rule.
    valid: ['123456789011', '201012345670'],
    invalid: ['123456789012', '201012345671'],
    source: 'GLS Uni-Box TechDoku 3.2.1 (rule only)',
  },
];

describe.each(cases)('$name ($source)', ({ fn, valid, invalid }) => {
  it.each(valid)('accepts %s', (n) => expect(fn(n)).toBe(true));
  it.each(invalid)('rejects %s', (n) => expect(fn(n)).toBe(false));
});

describe('check-digit calculators', () => {
  it('computes the GS1 digit', () => {
    expect(gs1Mod10CheckDigit('95135623050123698')).toBe(6);
    expect(gs1Mod10CheckDigit('')).toBeNull();
  });
  it('maps S10 remainders 10 -> 0 and 11 -> 5', () => {
    expect(s10CheckDigit('12345678')).toBe(5);
    expect(s10CheckDigit('47312482')).toBe(9);
    // Sum 0 gives 11, written 5; some serial must give 10, written 0.
    expect(s10CheckDigit('00000000')).toBe(5);
    const zeroCase = Array.from({ length: 200 }, (_, i) => String(i).padStart(8, '0')).find(
      (s) => (s10CheckDigit(s) ?? -1) === 0,
    );
    expect(zeroCase).toBeDefined();
  });
  it('computes the DPD check character', () => {
    expect(iso7064Mod37_36CheckChar('09980000020033')).toBe('F');
    expect(iso7064Mod37_36CheckChar('0998000002003')).not.toBeNull();
    expect(iso7064Mod37_36CheckChar('ab')).toBeNull();
  });
});
