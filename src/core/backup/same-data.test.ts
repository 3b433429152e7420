import { describe, expect, it } from 'vitest';
import { sameData } from './same-data.ts';

const order = () => ({
  id: 'shopify:1001',
  buyer: { name: 'Jürgen Groß', email: 'j@example.com' },
  lines: [{ sku: 'A', quantity: 2 }],
  notes: '',
  shippedAt: null,
});

describe('sameData', () => {
  it.each([
    { name: 'equal strings', a: 'Groß', b: 'Groß', same: true },
    { name: 'different strings', a: 'Groß', b: 'Gross', same: false },
    { name: 'equal numbers', a: 2, b: 2, same: true },
    { name: 'a number and its text', a: 2, b: '2', same: false },
    { name: 'NaN (JSON writes null)', a: NaN, b: NaN, same: false },
    { name: 'Infinity (JSON writes null)', a: Infinity, b: Infinity, same: false },
    { name: 'true and true', a: true, b: true, same: true },
    { name: 'false and 0', a: false, b: 0, same: false },
    { name: 'null and null', a: null, b: null, same: true },
    { name: 'null and an empty object', a: null, b: {}, same: false },
    { name: 'undefined (JSON leaves it out)', a: undefined, b: undefined, same: false },
    { name: 'equal records', a: order(), b: order(), same: true },
    {
      name: 'the same keys in another order',
      a: { a: 1, b: { c: [1, 2], d: 'x' } },
      b: { b: { d: 'x', c: [1, 2] }, a: 1 },
      same: true,
    },
    {
      name: 'a nested value differs',
      a: order(),
      b: { ...order(), buyer: { name: 'Jürgen Groß', email: 'x' } },
      same: false,
    },
    { name: 'a key more', a: order(), b: { ...order(), tags: [] }, same: false },
    { name: 'a key less', a: { ...order(), tags: [] }, b: order(), same: false },
    {
      name: 'a key set to undefined against a missing key',
      a: { id: 'x', note: undefined },
      b: { id: 'x' },
      same: false,
    },
    { name: 'the same number of keys, different names', a: { a: 1 }, b: { b: 1 }, same: false },
    { name: 'arrays in another order', a: [1, 2], b: [2, 1], same: false },
    { name: 'arrays of different length', a: [1, 2], b: [1, 2, 3], same: false },
    { name: 'an array and an object with index keys', a: ['x'], b: { 0: 'x' }, same: false },
    { name: 'an object and an array', a: { 0: 'x' }, b: ['x'], same: false },
    { name: 'two equal dates (not JSON data)', a: new Date(0), b: new Date(0), same: false },
    { name: 'two empty maps (not JSON data)', a: new Map(), b: new Map(), same: false },
    {
      name: 'objects without a prototype',
      a: Object.assign(Object.create(null), { a: 1 }),
      b: { a: 1 },
      same: true,
    },
  ])('$name: $same', ({ a, b, same }) => {
    expect(sameData(a, b)).toBe(same);
    expect(sameData(b, a)).toBe(same);
  });
});
