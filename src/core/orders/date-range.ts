/**
 * Date ranges of the orders list: presets relative to "today" and a custom range. Days are
 * calendar days `yyyy-mm-dd` (as `order.orderedAt`), compared as strings; nothing here reads a
 * clock, so "today" is passed in and the tests pin the boundaries.
 */

export const DATE_PRESETS = ['today', '7d', '30d', '90d', '365d', 'all', 'custom'] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

/** What the list shows until the seller picks another range. */
export const DEFAULT_DATE_PRESET: DatePreset = '30d';

/** Inclusive bounds; `null` means open on that side. */
export interface DayRange {
  from: string | null;
  to: string | null;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDatePreset(value: string): value is DatePreset {
  return (DATE_PRESETS as readonly string[]).includes(value);
}

/** Whether `value` is a real calendar day written `yyyy-mm-dd`. */
export function isDay(value: string): boolean {
  const match = DAY_RE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return (
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(m) - 1 &&
    date.getUTCDate() === Number(d)
  );
}

/** `day` moved by `delta` calendar days (UTC arithmetic, so daylight saving never interferes). */
export function addDays(day: string, delta: number): string {
  const match = DAY_RE.exec(day);
  if (!match) return day;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d) + delta));
  return date.toISOString().slice(0, 10);
}

/**
 * The days a preset covers on `today`. "Last 7 days" includes today and the 6 days before it,
 * so it is exactly 7 calendar days. A custom range uses `from`/`to` where they are valid days;
 * reversed bounds are swapped rather than showing nothing.
 */
export function rangeOf(
  preset: DatePreset,
  today: string,
  custom: { from?: string; to?: string } = {},
): DayRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case '7d':
      return { from: addDays(today, -6), to: today };
    case '30d':
      return { from: addDays(today, -29), to: today };
    case '90d':
      return { from: addDays(today, -89), to: today };
    case '365d':
      return { from: addDays(today, -364), to: today };
    case 'all':
      return { from: null, to: null };
    case 'custom': {
      const from = custom.from !== undefined && isDay(custom.from) ? custom.from : null;
      const to = custom.to !== undefined && isDay(custom.to) ? custom.to : null;
      if (from !== null && to !== null && from > to) return { from: to, to: from };
      return { from, to };
    }
  }
}

/**
 * Whether a day lies in the range. Orders dated after "today" (a marketplace in another time
 * zone) are kept in the relative presets: `to` is only a bound for custom ranges.
 */
export function inRange(day: string, range: DayRange, preset: DatePreset): boolean {
  if (range.from !== null && day < range.from) return false;
  if (preset === 'custom' && range.to !== null && day > range.to) return false;
  return true;
}

/** The seller's calendar day of a `Date`, in the device's time zone. */
export function localDay(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
