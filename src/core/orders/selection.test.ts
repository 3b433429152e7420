import { describe, expect, it } from 'vitest';
import type { OrderId } from '../ids.ts';
import { setOf, withRange } from './selection.ts';

const ids = ['a', 'b', 'c', 'd'] as OrderId[];

describe('withRange', () => {
  const cases: [string[], number, number, boolean, string[]][] = [
    [[], 1, 2, true, ['b', 'c']],
    [['a'], 0, 3, true, ['a', 'b', 'c', 'd']],
    [['a', 'b', 'c'], 1, 2, false, ['a']],
    [['a'], 2, 9, true, ['a', 'c', 'd']],
    [['d'], 0, 1, false, ['d']],
  ];
  it.each(cases)('%j, %i..%i selected=%s -> %j', (before, from, to, selected, expected) => {
    const set = setOf(before as OrderId[]);
    const next = withRange(set, ids, from, to, selected);
    expect([...next].sort()).toEqual(expected);
    expect(next).not.toBe(set);
    expect([...set]).toEqual(before);
  });
});
