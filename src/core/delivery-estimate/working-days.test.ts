import { describe, expect, test } from 'vitest';
import { addWorkingDays, weekendOf, workingDaysBetween } from './working-days.ts';

// 2026-12-04 is a Friday.
describe('workingDaysBetween', () => {
  test.each([
    ['same day', '2026-12-04', '2026-12-04', 'DE', 0],
    ['Friday to Monday, Saturday-Sunday weekend', '2026-12-04', '2026-12-07', 'DE', 1],
    ['shipped Saturday, delivered Monday', '2026-12-05', '2026-12-07', 'SE', 1],
    ['shipped Sunday, delivered Tuesday', '2026-12-06', '2026-12-08', 'GB', 2],
    ['Friday to Monday, Friday-Saturday weekend', '2026-12-04', '2026-12-07', 'SA', 2],
    ['Thursday to Sunday, Friday-Saturday weekend', '2026-12-03', '2026-12-06', 'IL', 1],
    ['two whole weeks', '2026-12-01', '2026-12-15', 'DE', 10],
    ['two whole weeks, Friday-only weekend', '2026-12-01', '2026-12-15', 'IR', 12],
    ['backwards is negative', '2026-12-07', '2026-12-04', 'DE', -1],
    ['not a day', '2026-12-xx', '2026-12-04', 'DE', null],
  ])('%s', (_, from, to, country, expected) => {
    expect(workingDaysBetween(from, to, country)).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  test.each([
    ['zero stays on the day', '2026-12-05', 0, 'DE', '2026-12-05'],
    ['one from Friday is Monday', '2026-12-04', 1, 'DE', '2026-12-07'],
    ['one from Saturday is Monday', '2026-12-05', 1, 'DE', '2026-12-07'],
    [
      'one from Thursday is Friday in the Emirates (Saturday-Sunday since 2022)',
      '2026-12-03',
      1,
      'AE',
      '2026-12-04',
    ],
    ['one from Thursday is Sunday in Saudi Arabia', '2026-12-03', 1, 'SA', '2026-12-06'],
    ['five from Monday', '2026-12-07', 5, 'de', '2026-12-14'],
  ])('%s', (_, from, count, country, expected) => {
    expect(addWorkingDays(from, count, country)).toBe(expected);
  });

  test('the weekend of an unlisted or free-text country is Saturday and Sunday', () => {
    expect(weekendOf('Germany')).toBe(weekendOf('DE'));
  });
});
