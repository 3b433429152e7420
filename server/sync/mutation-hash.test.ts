import { describe, expect, it } from 'vitest';
import { canonicalJson, mutationBodyHash } from './mutation-hash.ts';

describe('canonicalJson', () => {
  it.each<[string, unknown, string]>([
    [
      'keys sorted at every level',
      { b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } },
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    ],
    ['undefined properties left out, as JSON.stringify does', { a: undefined, b: 'x' }, '{"b":"x"}'],
    ['undefined in an array is null', [undefined, 1], '[null,1]'],
    ['strings escaped', { 'k"': 'line\nbreak' }, '{"k\\"":"line\\nbreak"}'],
    ['a bare value', 'x', '"x"'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});

describe('mutationBodyHash', () => {
  const base = {
    name: 'order.note',
    args: { orderId: 'manual:1', notes: 'a' },
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  it('ignores key order', () => {
    expect(
      mutationBodyHash({
        createdAt: base.createdAt,
        args: { notes: 'a', orderId: 'manual:1' },
        name: base.name,
      }),
    ).toBe(mutationBodyHash(base));
  });
  it.each<[string, Partial<typeof base>]>([
    ['another name', { name: 'order.edit' }],
    ['other args', { args: { orderId: 'manual:1', notes: 'b' } }],
    ['another createdAt', { createdAt: '2026-01-01T00:00:00.001Z' }],
  ])('changes with %s', (_name, change) => {
    expect(mutationBodyHash({ ...base, ...change })).not.toBe(mutationBodyHash(base));
  });
});
