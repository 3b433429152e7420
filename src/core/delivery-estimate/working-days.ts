/**
 * Working days per country: which weekdays are the weekend where a parcel is delivered, counting
 * working days between two `yyyy-mm-dd` days, and moving a day forward by working days. Pure and
 * clock-free. Public holidays are not modelled: they differ by region and year, and a learned
 * window already absorbs the few days they add.
 *
 * Weekends follow the "Workweek and weekend" table of Wikipedia (checked 2026): most countries
 * rest on Saturday and Sunday; the countries below rest on Friday and Saturday, Iran on Friday,
 * Nepal on Saturday. The United Arab Emirates moved to Saturday and Sunday in 2022.
 */

/** Bit `d` set when weekday `d` (0 = Sunday ... 6 = Saturday) is a weekend day. */
export type WeekendMask = number;

const SAT_SUN: WeekendMask = (1 << 6) | (1 << 0);
const FRI_SAT: WeekendMask = (1 << 5) | (1 << 6);

const WEEKENDS: Readonly<Record<string, WeekendMask>> = {
  DZ: FRI_SAT,
  BH: FRI_SAT,
  BD: FRI_SAT,
  EG: FRI_SAT,
  IQ: FRI_SAT,
  IL: FRI_SAT,
  JO: FRI_SAT,
  KW: FRI_SAT,
  LY: FRI_SAT,
  OM: FRI_SAT,
  QA: FRI_SAT,
  SA: FRI_SAT,
  SD: FRI_SAT,
  SY: FRI_SAT,
  YE: FRI_SAT,
  IR: 1 << 5,
  NP: 1 << 6,
};

/** The weekend of a country (ISO alpha-2, any case); Saturday and Sunday when not listed. */
export function weekendOf(country: string): WeekendMask {
  return WEEKENDS[country] ?? WEEKENDS[country.trim().toUpperCase()] ?? SAT_SUN;
}

const DAY_MS = 86_400_000;

/**
 * Parsed days, since a history has only a few hundred distinct ones: learning from 100,000
 * parcels parses 200,000 days. A pure cache (the answer never changes), emptied when it grows.
 */
const DAY_CACHE = new Map<string, number | null>();
const DAY_CACHE_MAX = 20_000;

/** Days since 1970-01-01 of a `yyyy-mm-dd`, or `null` when it is not one. */
export function dayNumber(day: string): number | null {
  const cached = DAY_CACHE.get(day);
  if (cached !== undefined) return cached;
  let n: number | null = null;
  if (day.length === 10 && day.charCodeAt(4) === 45 && day.charCodeAt(7) === 45) {
    const ms = Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
    n = Number.isNaN(ms) ? null : Math.round(ms / DAY_MS);
  }
  if (DAY_CACHE.size >= DAY_CACHE_MAX) DAY_CACHE.clear();
  DAY_CACHE.set(day, n);
  return n;
}

export function dayOfNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

function workingPerWeek(mask: WeekendMask): number {
  let n = 7;
  for (let d = 0; d < 7; d++) if (mask & (1 << d)) n--;
  return n;
}

/**
 * Working days `d` with `from < d <= to`, as day numbers: the ship day itself never counts (a
 * parcel handed over on Friday evening and delivered on Monday took one working day where the
 * weekend is Saturday and Sunday). Negative when `to` is before `from`.
 */
export function workingDaysBetweenNumbers(from: number, to: number, mask: WeekendMask): number {
  if (to < from) return -workingDaysBetweenNumbers(to, from, mask);
  const span = to - from;
  const weeks = Math.floor(span / 7);
  let count = weeks * workingPerWeek(mask);
  for (let d = from + weeks * 7 + 1; d <= to; d++) if ((mask & (1 << weekdayOf(d))) === 0) count++;
  return count;
}

/** As `workingDaysBetweenNumbers` for `yyyy-mm-dd` days; `null` when either is not a day. */
export function workingDaysBetween(from: string, to: string, country: string): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : workingDaysBetweenNumbers(a, b, weekendOf(country));
}

/**
 * The day `count` working days after `from` (the first day with that many working days after
 * `from`); `from` itself for 0.
 */
export function addWorkingDayNumbers(from: number, count: number, mask: WeekendMask): number {
  let day = from;
  let left = count;
  if (mask === 127) return from + count;
  while (left > 0) {
    day++;
    if ((mask & (1 << weekdayOf(day))) === 0) left--;
  }
  return day;
}

export function addWorkingDays(from: string, count: number, country: string): string | null {
  const n = dayNumber(from);
  return n === null ? null : dayOfNumber(addWorkingDayNumbers(n, count, weekendOf(country)));
}
