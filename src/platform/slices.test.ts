/**
 * `inSlices`: work in slices of about `SLICE_BUDGET_MS`, with the clock looked at every few items,
 * so that slow items end their slice soon instead of dozens of items later.
 */
import { describe, expect, it } from 'vitest';
import { inSlices, SLICE_BUDGET_MS } from './scheduling.ts';

describe('inSlices', () => {
  it('works every item once, in order', async () => {
    const seen: number[] = [];
    await inSlices([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], (n) => seen.push(n));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it.each([
    { itemMs: 0.5, expected: [16, 16, 8] },
    { itemMs: 1, expected: [8, 8, 8, 8, 8] },
    { itemMs: 3, expected: [8, 8, 8, 8, 8] },
    { itemMs: 20, expected: [8, 8, 8, 8, 8] },
    { itemMs: 0, expected: [40] },
  ])(
    'ends a slice at the first look at the clock past the budget ($itemMs ms an item)',
    async ({ itemMs, expected }) => {
      let clock = 0;
      const sizes: number[] = [0];
      await inSlices(
        Array.from({ length: 40 }, (_, i) => i),
        () => {
          clock += itemMs;
          sizes.push((sizes.pop() ?? 0) + 1);
        },
        { now: () => clock, pause: async () => void sizes.push(0) },
      );
      expect(SLICE_BUDGET_MS).toBe(8);
      expect(sizes).toEqual(expected);
    },
  );
});
