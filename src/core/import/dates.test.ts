import { describe, expect, it } from 'vitest';
import { parseDate, parseDateColumn, type DateColumnOptions, type DateOrder } from './dates.ts';

describe('parseDate', () => {
  it.each<[string, DateOrder, string | null]>([
    // ISO and year-first, whatever order is asked for.
    ['2026-03-07', 'DMY', '2026-03-07'],
    ['2026/3/7', 'MDY', '2026-03-07'],
    ['2026.03.07', 'YMD', '2026-03-07'],
    // The calendar day as written: a time or zone is validated and ignored, never converted.
    ['2026-03-07T23:30:00-08:00', 'DMY', '2026-03-07'],
    ['2026-03-07T23:30:00.123Z', 'DMY', '2026-03-07'],
    ['2026-03-07 10:15', 'DMY', '2026-03-07'],
    ['07.03.2026 10:15:00', 'DMY', '2026-03-07'],
    ['03/07/2026 3:05 PM', 'MDY', '2026-03-07'],
    ['03/07/2026 3:05 p.m. PST', 'MDY', '2026-03-07'],
    ['07.03.2026 +0100', 'DMY', null],
    ['07.03.2026 banana', 'DMY', null],
    // Numeric day and month: the order decides.
    ['07.03.2026', 'DMY', '2026-03-07'],
    ['07.03.2026', 'MDY', '2026-07-03'],
    ['7-3-26', 'DMY', '2026-03-07'],
    ['07.03.2026', 'YMD', null],
    // Mixed separators are not a date.
    ['07.03/2026', 'DMY', null],
    // Month names, either way round, with or without a dot or comma.
    ['Mar 7, 2026', 'DMY', '2026-03-07'],
    ['March 7 2026', 'DMY', '2026-03-07'],
    ['Sept. 7, 2026', 'DMY', '2026-09-07'],
    ['7-Mar-26', 'MDY', '2026-03-07'],
    ['07 Dec 2026', 'MDY', '2026-12-07'],
    ['7 Foo 2026', 'DMY', null],
    // Impossible days.
    ['2026-02-29', 'YMD', null],
    ['2028-02-29', 'YMD', '2028-02-29'],
    ['2000-02-29', 'YMD', '2000-02-29'],
    ['2100-02-29', 'YMD', null],
    ['31.04.2026', 'DMY', null],
    ['2026-13-01', 'YMD', null],
    ['00.01.2026', 'DMY', null],
    // Not dates at all.
    ['', 'DMY', null],
    ['today', 'DMY', null],
    ['46000', 'DMY', null],
  ])('%j read %s -> %j', (value, order, expected) => {
    expect(parseDate(value, order)).toBe(expected);
  });
});

describe('parseDateColumn', () => {
  it.each<[string, string[], DateColumnOptions, { order: string; used: string; suggested?: string }]>([
    ['one value over 12 first settles DMY', ['03.04.2026', '13.03.2026'], {}, { order: 'DMY', used: 'DMY' }],
    ['one value over 12 second settles MDY', ['03/04/2026', '03/13/2026'], {}, { order: 'MDY', used: 'MDY' }],
    [
      'nothing over 12: ambiguous, the locale suggests',
      ['03/04/2026', '01/02/2026'],
      { localeDateOrder: 'MDY' },
      { order: 'ambiguous', used: 'MDY', suggested: 'MDY' },
    ],
    [
      'ambiguous without a locale suggests DMY',
      ['03/04/2026'],
      {},
      { order: 'ambiguous', used: 'DMY', suggested: 'DMY' },
    ],
    [
      'the source format settles an ambiguous column',
      ['03/04/26'],
      { formatHint: 'MDY' },
      { order: 'MDY', used: 'MDY' },
    ],
    ['evidence beats the source format', ['13/04/26'], { formatHint: 'MDY' }, { order: 'DMY', used: 'DMY' }],
    [
      'the seller’s choice beats evidence',
      ['13.04.2026'],
      { dateOrder: 'MDY' },
      { order: 'MDY', used: 'MDY' },
    ],
    ['ISO only', ['2026-03-07', ''], {}, { order: 'YMD', used: 'YMD' }],
    ['month names first', ['Mar 7, 2026'], {}, { order: 'MDY', used: 'MDY' }],
    ['nothing readable', ['x', ''], {}, { order: 'YMD', used: 'YMD' }],
  ])('%s', (_name, values, options, expected) => {
    const column = parseDateColumn(values, options);
    expect({ order: column.order, used: column.used, suggested: column.suggested }).toEqual({
      suggested: undefined,
      ...expected,
    });
  });

  it('keeps empty values empty and unreadable ones null, per value', () => {
    expect(parseDateColumn(['13.03.2026', '', 'soon', '03.04.2026', '31.02.2026']).dates).toEqual([
      '2026-03-13',
      '',
      null,
      '2026-04-03',
      null,
    ]);
  });

  it('reports the minority of a column that holds both orders', () => {
    const column = parseDateColumn(['13/01/2026', '14/01/2026', '01/13/2026']);
    expect(column.order).toBe('DMY');
    expect(column.dates).toEqual(['2026-01-13', '2026-01-14', null]);
  });
});
