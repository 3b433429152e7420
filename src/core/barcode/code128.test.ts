import { describe, expect, it } from 'vitest';
import { canEncodeCode128, code128Checksum, encodeCode128, widthsOf } from './index.ts';

describe('encodeCode128', () => {
  it('encodes "Kingcean" in code set B with check value 64 (nuscien/trivial, docs/data/code128)', () => {
    // Published as hex 682b494e474345414e406a: start B, K i n g c e a n, check 0x40, stop.
    const code = encodeCode128('Kingcean');
    expect(code.symbols).toEqual([104, 43, 73, 78, 71, 67, 69, 65, 78, 64, 106]);
    expect(code.checksum).toBe(64);
  });

  it('encodes a 32-digit GS1 string in code set C with the published bars (borisklug/jbarcode)', () => {
    const expected = [
      2, 1, 1, 2, 3, 2, 2, 2, 2, 1, 2, 2, 1, 2, 1, 3, 2, 2, 2, 2, 2, 1, 2, 2, 3, 1, 2, 1, 3, 1, 1, 1, 3, 1, 2,
      3, 1, 1, 1, 3, 2, 3, 1, 1, 1, 3, 2, 3, 1, 1, 2, 3, 1, 3, 1, 1, 3, 2, 2, 2, 1, 2, 1, 2, 2, 3, 1, 1, 2, 2,
      3, 2, 2, 1, 2, 3, 2, 1, 2, 2, 1, 3, 1, 2, 1, 1, 2, 2, 3, 2, 1, 3, 1, 1, 2, 3, 3, 3, 1, 1, 2, 1, 2, 2, 3,
      1, 1, 2, 2, 3, 3, 1, 1, 1, 2,
    ];
    const code = encodeCode128('01040123453333361503123110123456');
    expect(code.symbols[0]).toBe(105);
    expect(code.widths).toEqual(expected);
  });

  it.each([
    // Check values computed apart (start + sum of symbol * position, mod 103).
    ['A', [104, 33, 34, 106]],
    ['12', [105, 12, 14, 106]],
    ['1234', [105, 12, 34, 82, 106]],
    // Odd leading run: pairs in C, the last digit in B.
    ['12345', [105, 12, 34, 100, 21, 54, 106]],
    // A long run inside text switches to C; short runs stay in B.
    ['AB123456CD', [104, 33, 34, 99, 12, 34, 56, 100, 35, 36, 94, 106]],
    ['AB12CD', [104, 33, 34, 17, 18, 35, 36, 101, 106]],
    // A run of 4 at the end switches; an odd one keeps its first digit in B.
    ['1Z12345', [104, 17, 58, 17, 99, 23, 45, 39, 106]],
  ])('%j', (text, symbols) => {
    const code = encodeCode128(text);
    expect(code.symbols).toEqual(symbols);
    expect(code.checksum).toBe(code128Checksum(symbols.slice(0, -2)));
  });

  it('uses the standard pattern table: 11 modules per symbol, 13 for the stop, all distinct', () => {
    const patterns = Array.from({ length: 106 }, (_, v) => widthsOf([v]));
    for (const p of patterns) expect(p.reduce((a, b) => a + b, 0)).toBe(11);
    expect(new Set(patterns.map((p) => p.join(''))).size).toBe(106);
    expect(widthsOf([106])).toEqual([2, 3, 3, 1, 1, 1, 2]);
    const code = encodeCode128('Trackpack');
    expect(code.modules).toBe(11 * (code.symbols.length - 1) + 13);
  });

  it.each(['', 'Grüße', 'line\nbreak'])('refuses %j', (text) => {
    expect(canEncodeCode128(text)).toBe(false);
    expect(() => encodeCode128(text)).toThrow(RangeError);
  });
});
