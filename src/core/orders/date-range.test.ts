import { describe, expect, it } from 'vitest';
import { addDays, inRange, isDay, localDay, rangeOf, type DatePreset } from './date-range.ts';

describe('rangeOf', () => {
  it.each<[DatePreset, { from?: string; to?: string }, string | null, string | null]>([
    ['today', {}, '2026-03-08', '2026-03-08'],
    ['7d', {}, '2026-03-02', '2026-03-08'],
    ['30d', {}, '2026-02-07', '2026-03-08'],
    ['90d', {}, '2025-12-09', '2026-03-08'],
    ['365d', {}, '2025-03-09', '2026-03-08'],
    ['all', {}, null, null],
    ['custom', { from: '2026-01-01', to: '2026-01-31' }, '2026-01-01', '2026-01-31'],
    ['custom', { from: '2026-01-31', to: '2026-01-01' }, '2026-01-01', '2026-01-31'],
    ['custom', { from: '2026-02-30' }, null, null],
    ['custom', { to: '2026-01-31' }, null, '2026-01-31'],
    ['custom', {}, null, null],
  ])('%s %j on 2026-03-08 -> %s..%s', (preset, custom, from, to) => {
    expect(rangeOf(preset, '2026-03-08', custom)).toEqual({ from, to });
  });
});

describe('inRange', () => {
  const last7 = rangeOf('7d', '2026-03-08');
  const january = rangeOf('custom', '2026-03-08', { from: '2026-01-01', to: '2026-01-31' });
  it.each<[string, ReturnType<typeof rangeOf>, DatePreset, boolean]>([
    ['2026-03-02', last7, '7d', true],
    ['2026-03-01', last7, '7d', false],
    ['2026-03-08', last7, '7d', true],
    // A marketplace a time zone ahead: tomorrow's order still shows in "last 7 days".
    ['2026-03-09', last7, '7d', true],
    ['2026-01-01', january, 'custom', true],
    ['2026-01-31', january, 'custom', true],
    ['2026-02-01', january, 'custom', false],
    ['2025-12-31', january, 'custom', false],
    ['1999-01-01', { from: null, to: null }, 'all', true],
  ])('%s in %j (%s) = %s', (day, range, preset, expected) => {
    expect(inRange(day, range, preset)).toBe(expected);
  });
});

describe('calendar helpers', () => {
  it.each([
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-29', 1, '2026-03-30'],
  ])('addDays(%s, %i) = %s', (day, delta, expected) => {
    expect(addDays(day, delta)).toBe(expected);
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2026-13-01', false],
    ['26-01-01', false],
    ['', false],
  ])('isDay(%j) = %s', (value, expected) => {
    expect(isDay(value)).toBe(expected);
  });

  it('takes the local calendar day', () => {
    expect(localDay(new Date(2026, 2, 8, 23, 59))).toBe('2026-03-08');
    expect(localDay(new Date(2026, 0, 1, 0, 0))).toBe('2026-01-01');
  });
});
