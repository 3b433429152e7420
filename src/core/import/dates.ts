/**
 * Dates as written in marketplace and spreadsheet exports, to `yyyy-mm-dd`.
 *
 * Two rules that make imports trustworthy:
 * - The day/month order is decided for the WHOLE column (one `13.03.2026` settles DMY for
 *   `03.04.2026` too), never value by value; a column with nothing above 12 is `ambiguous`, and
 *   the caller shows the seller a fallback to confirm.
 * - The calendar day is kept as written. A time or zone after the date is validated and ignored,
 *   never converted: `2026-03-07T23:30:00-08:00` is 2026-03-07, as the seller saw it.
 */

export const DATE_ORDERS = ['DMY', 'MDY', 'YMD'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];
export type DetectedDateOrder = DateOrder | 'ambiguous';
/** The orders a locale can suggest for `01/02/2026`. */
export type LocaleDateOrder = 'DMY' | 'MDY';

/** A value whose order is settled by its own shape (ISO, year first, month name). */
interface FixedDate {
  kind: 'fixed';
  year: number;
  month: number;
  day: number;
  /** The order the shape was written in, to describe a column with no numeric d/m values. */
  order: DateOrder;
}

/** `p1 sep p2 sep year`: day and month in an order only the column can decide. */
interface NumericDate {
  kind: 'numeric';
  p1: number;
  p2: number;
  year: number;
}

type DateShape = FixedDate | NumericDate;

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

// A time after the date: `10:15`, `10:15:00`, `10:15:00.123`, `3:05 PM`, then an optional zone
// (`Z`, `+01:00`, `+0100`, `PST`, `UTC`). Validated so that `07.03.2026 banana` is not a date.
const TIME = String.raw`(?:[T ]\s*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?|[A-Z]{2,5}(?:[+-]\d{1,2})?)?)?`;
const ISO = new RegExp(String.raw`^(\d{4})[-./](\d{1,2})[-./](\d{1,2})${TIME}$`);
const NUMERIC = new RegExp(String.raw`^(\d{1,2})([-./])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);
const MONTH_FIRST = new RegExp(String.raw`^([A-Za-z]{3,9})\.?[- ](\d{1,2}),?[- ](\d{4}|\d{2})${TIME}$`);
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})[-. ]([A-Za-z]{3,9})\.?[-. ](\d{4}|\d{2})${TIME}$`);

function fullYear(text: string): number {
  const y = Number(text);
  // Two-digit years are this century: order exports are recent.
  return text.length === 2 ? 2000 + y : y;
}

function monthNumber(name: string): number | undefined {
  const key = name.toLowerCase();
  return MONTHS[key] ?? MONTHS[key.slice(0, 3)];
}

/** The shape of one value, or undefined when it is not a date in any supported form. */
function shapeOf(value: string): DateShape | undefined {
  let m = ISO.exec(value);
  if (m) return { kind: 'fixed', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), order: 'YMD' };
  m = NUMERIC.exec(value);
  if (m) return { kind: 'numeric', p1: Number(m[1]), p2: Number(m[3]), year: fullYear(m[4] as string) };
  m = MONTH_FIRST.exec(value);
  if (m) {
    const month = monthNumber(m[1] as string);
    if (month)
      return { kind: 'fixed', year: fullYear(m[3] as string), month, day: Number(m[2]), order: 'MDY' };
  }
  m = DAY_FIRST.exec(value);
  if (m) {
    const month = monthNumber(m[2] as string);
    if (month)
      return { kind: 'fixed', year: fullYear(m[3] as string), month, day: Number(m[1]), order: 'DMY' };
  }
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function formatDay(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function resolve(shape: DateShape, order: DateOrder): string | null {
  if (shape.kind === 'fixed') return formatDay(shape.year, shape.month, shape.day);
  if (order === 'DMY') return formatDay(shape.year, shape.p2, shape.p1);
  if (order === 'MDY') return formatDay(shape.year, shape.p1, shape.p2);
  return null; // Year-last values cannot be read year-first.
}

/** Parse one value with a known order; null when it is not a valid date. */
export function parseDate(value: string, order: DateOrder): string | null {
  const shape = shapeOf(value.trim());
  return shape ? resolve(shape, order) : null;
}

export interface DateColumnOptions {
  /** Force the order (the seller chose it); numeric values are then read this way. */
  dateOrder?: DateOrder;
  /** What the source format is known to use (Etsy writes MM/DD/YY); settles an ambiguous column. */
  formatHint?: DateOrder;
  /** The seller's locale habit, suggested when the column is ambiguous. Default 'DMY'. */
  localeDateOrder?: LocaleDateOrder;
}

export interface DateColumn {
  /** What the column itself says, or what was forced; 'ambiguous' when nothing decides. */
  order: DetectedDateOrder;
  /** The order used to produce `dates` (the suggestion when ambiguous). */
  used: DateOrder;
  /** Present when `order` is 'ambiguous': the fallback the caller should confirm with the seller. */
  suggested?: LocaleDateOrder;
  /** Per input value: `yyyy-mm-dd`, '' for an empty value, null when not a valid date. */
  dates: (string | null)[];
}

/**
 * Parse a whole column. A value with 13-31 in the first place is evidence for DMY, in the second
 * for MDY; when the column holds both (a broken file), the majority wins and the minority values
 * come back as null so the rows are reported.
 */
export function parseDateColumn(values: readonly string[], options: DateColumnOptions = {}): DateColumn {
  const shapes = values.map((v) => (v.trim() === '' ? null : shapeOf(v.trim())));
  let dmyEvidence = 0;
  let mdyEvidence = 0;
  let numeric = 0;
  let firstFixed: DateOrder | undefined;
  for (const s of shapes) {
    if (!s) continue;
    if (s.kind === 'fixed') {
      firstFixed ??= s.order;
      continue;
    }
    numeric++;
    if (s.p1 > 12 && s.p1 <= 31) dmyEvidence++;
    if (s.p2 > 12 && s.p2 <= 31) mdyEvidence++;
  }

  let order: DetectedDateOrder;
  let used: DateOrder;
  let suggested: LocaleDateOrder | undefined;
  if (options.dateOrder) {
    order = used = options.dateOrder;
  } else if (dmyEvidence > 0 || mdyEvidence > 0) {
    order = used = dmyEvidence >= mdyEvidence ? 'DMY' : 'MDY';
  } else if (numeric > 0 && options.formatHint) {
    order = used = options.formatHint;
  } else if (numeric > 0) {
    order = 'ambiguous';
    suggested = options.localeDateOrder ?? 'DMY';
    used = suggested;
  } else {
    order = used = firstFixed ?? options.formatHint ?? 'YMD';
  }

  const dates = shapes.map((s) => {
    if (s === null) return '';
    if (s === undefined) return null;
    return resolve(s, used);
  });
  const result: DateColumn = { order, used, dates };
  if (suggested) result.suggested = suggested;
  return result;
}
