import { describe, expect, it } from 'vitest';
import { orderIdOf, randomId, splitOrderId } from './ids.ts';

describe('randomId', () => {
  it('is a version 4 UUID, and never repeats across refills of its byte pool', () => {
    const ids = Array.from({ length: 5_000 }, randomId);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('spreads its bits: every hex digit appears in every free position', () => {
    const ids = Array.from({ length: 2_000 }, randomId);
    const seen = Array.from({ length: 36 }, () => new Set<string>());
    for (const id of ids) [...id].forEach((c, i) => seen[i]?.add(c));
    const free = [...Array(36).keys()].filter((i) => ![8, 13, 14, 18, 19, 23].includes(i));
    for (const i of free) expect(seen[i]?.size, `position ${i}`).toBe(16);
  });
});

describe('order ids', () => {
  it('round-trips source and external id', () => {
    expect(splitOrderId(orderIdOf('ebay', '12-345:6'))).toEqual({ source: 'ebay', externalId: '12-345:6' });
  });
});
