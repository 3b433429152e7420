/**
 * Calendar days for test data, counted back from the day the test runs (the runner's clock, which
 * is the browser's and the server's too). Orders dated this way stay inside the list's default
 * "last 30 days" on any day, so no test depends on the calendar.
 */

const pad = (n: number): string => String(n).padStart(2, '0');

/** The local day `days` before today, as `yyyy-mm-dd`. */
export function daysAgo(days: number, now: Date = new Date()): string {
  const date = new Date(now);
  date.setDate(date.getDate() - days);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A `yyyy-mm-dd` day written the German way, `dd.mm.yyyy`. */
export function dotted(isoDay: string): string {
  const [year, month, day] = isoDay.split('-');
  return `${day}.${month}.${year}`;
}

/** Whole days from `from` to `to`, both `yyyy-mm-dd` (local days; daylight saving does not count). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.UTC(...ymd(to)) - Date.UTC(...ymd(from))) / 86_400_000);
}

function ymd(isoDay: string): [number, number, number] {
  const [year = 0, month = 1, day = 1] = isoDay.split('-').map(Number);
  return [year, month - 1, day];
}

/** Whether `yyyy-mm-dd` names a real day (`2026-11-31` does not). */
export function isRealDay(isoDay: string): boolean {
  const [year, month, day] = ymd(isoDay);
  const date = new Date(Date.UTC(year, month, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month && date.getUTCDate() === day;
}
