import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.ts';

describe('seededRandom', () => {
  it.each([
    { seed: 42, first: [0.6011037519201636, 0.44829055899754167, 0.8524657934904099] },
    { seed: 0, first: [0.26642920868471265, 0.0003297457005828619] },
  ])('gives mulberry32 sequence for seed $seed', ({ seed, first }) => {
    const next = seededRandom(seed);
    expect(first.map(() => next())).toEqual(first);
  });

  it('repeats for a seed, differs between seeds, and stays in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const values = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(values);
    expect(c()).not.toBe(values[0]);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});
