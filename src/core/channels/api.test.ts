import { describe, expect, it } from 'vitest';
import { consentReturnOf, consentReturnQuery, CONSENT_RESULTS, type ConsentReturn } from './api.ts';

describe('consentReturnOf', () => {
  const cases: [string, ConsentReturn | null][] = [
    ['', null],
    ['?q=hat', null],
    ['?shops=connected&shop=HolmKnits', { result: 'connected', shop: 'HolmKnits' }],
    ['shops=connected&shop=Holm%20%26%20Co', { result: 'connected', shop: 'Holm & Co' }],
    ['?shops=connected', { result: 'connected', shop: '' }],
    ['?shops=denied&shop=ignored', { result: 'denied', shop: '' }],
    ['?shops=expired', { result: 'expired', shop: '' }],
    ['?shops=state', { result: 'state', shop: '' }],
    ['?shops=off', { result: 'off', shop: '' }],
    // A result from a newer server still tells the seller it did not work.
    ['?shops=teapot', { result: 'unavailable', shop: '' }],
    ['?shops=', { result: 'unavailable', shop: '' }],
  ];
  it.each(cases)('%s', (search, expected) => {
    expect(consentReturnOf(search)).toEqual(expected);
  });

  it('reads back every result the server writes', () => {
    for (const result of CONSENT_RESULTS)
      expect(consentReturnOf(consentReturnQuery(result, 'Shop & Co'))).toEqual({
        result,
        shop: result === 'connected' ? 'Shop & Co' : '',
      });
  });
});

describe('consentReturnOf on odd queries', () => {
  it.each([
    ['?shops=connected&shop=Holm+Knits', 'Holm Knits'],
    ['?shop=first&shops=connected&shop=second', 'first'],
    ['?shops=connected&shop=%E0%A4%A', ''],
  ])('%s', (search, shop) => {
    expect(consentReturnOf(search)).toEqual({ result: 'connected', shop });
  });
});
