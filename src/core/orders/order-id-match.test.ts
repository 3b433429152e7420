import { describe, expect, it } from 'vitest';
import { orderIdSpellings } from './order-id-match.ts';

describe('orderIdSpellings', () => {
  const cases: [string, readonly [string, string]][] = [
    ['1001', ['1001', '#1001']],
    ['#1001', ['#1001', '1001']],
    ['##7', ['##7', '#7']],
    ['A-1#2', ['A-1#2', '#A-1#2']],
    ['', ['', '#']],
  ];
  it.each(cases)('%j -> %j', (id, expected) => {
    expect(orderIdSpellings(id)).toEqual(expected);
  });
});
