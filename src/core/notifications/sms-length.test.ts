import { describe, expect, it } from 'vitest';
import { smsLength } from './sms-length.ts';

describe('smsLength', () => {
  it.each([
    // text, encoding, units, segments
    ['', 'GSM-7', 0, 0],
    ['Hello', 'GSM-7', 5, 1],
    ['a'.repeat(160), 'GSM-7', 160, 1],
    ['a'.repeat(161), 'GSM-7', 161, 2],
    ['a'.repeat(306), 'GSM-7', 306, 2],
    ['a'.repeat(307), 'GSM-7', 307, 3],
    // Swedish and German letters are in the basic set.
    ['Hej Åsa! Grüße aus Köln, Straße', 'GSM-7', 31, 1],
    // Extension characters count double.
    ['€', 'GSM-7', 2, 1],
    ['[x]{y}~^|\\', 'GSM-7', 18, 1],
    ['€'.repeat(80), 'GSM-7', 160, 1],
    ['€'.repeat(81), 'GSM-7', 162, 2],
    // One character outside the alphabet makes the whole message UCS-2.
    ['Hello “friend”', 'UCS-2', 14, 1],
    ['Łukasz', 'UCS-2', 6, 1],
    ['Привет', 'UCS-2', 6, 1],
    ['я'.repeat(70), 'UCS-2', 70, 1],
    ['я'.repeat(71), 'UCS-2', 71, 2],
    ['я'.repeat(134), 'UCS-2', 134, 2],
    ['я'.repeat(135), 'UCS-2', 135, 3],
    // An emoji is two UTF-16 units.
    ['📦', 'UCS-2', 2, 1],
    ['a — b', 'UCS-2', 5, 1],
    ['line\nbreak', 'GSM-7', 10, 1],
  ] as const)('%j is %s, %i units, %i part(s)', (text, encoding, units, segments) => {
    const length = smsLength(text);
    expect(length.encoding).toBe(encoding);
    expect(length.units).toBe(units);
    expect(length.segments).toBe(segments);
  });

  it('never splits an extension character across parts', () => {
    // 152 plain septets, then a two-septet euro: 154 > 153, so the euro starts part two.
    const length = smsLength(`${'a'.repeat(152)}€${'a'.repeat(10)}`);
    expect(length.units).toBe(164);
    expect(length.segments).toBe(2);
    expect(length.remaining).toBe(153 - 12);
  });

  it('never splits a surrogate pair across parts', () => {
    const length = smsLength(`${'я'.repeat(66)}📦${'я'.repeat(10)}`);
    expect(length.units).toBe(78);
    expect(length.segments).toBe(2);
    expect(length.remaining).toBe(67 - 12);
  });

  it('counts characters as the buyer sees them', () => {
    expect(smsLength('📦📦').characters).toBe(2);
  });
});
