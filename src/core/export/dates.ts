/**
 * Calendar days (`yyyy-mm-dd`) in the seller's date format, for files opened in Excel. Pure
 * string work: a day has no time zone, so no `Date` is involved.
 */
import type { Locale } from '../i18n/locales.ts';
import type { DateFormat } from '../settings.ts';

export type DayPattern = Exclude<DateFormat, 'locale'>;

/** What `locale` means per language: what Excel in that language writes by default. */
export const LOCALE_DAY_PATTERNS: Readonly<Record<Locale, DayPattern>> = {
  en: 'MM/dd/yyyy',
  de: 'dd.MM.yyyy',
  sv: 'yyyy-MM-dd',
  ru: 'dd.MM.yyyy',
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `day` written in `format`; '' for an empty day, the input unchanged when it is not `yyyy-mm-dd`. */
export function formatDay(day: string, format: DateFormat, locale: Locale): string {
  const m = DAY.exec(day);
  if (!m) return day;
  const [, yyyy, mm, dd] = m as unknown as [string, string, string, string];
  const pattern = format === 'locale' ? LOCALE_DAY_PATTERNS[locale] : format;
  return pattern.replace('yyyy', yyyy).replace('MM', mm).replace('dd', dd);
}

/** How numeric dates in a file written with `format` read back, for `parseTrackingFile`'s `dateOrder`. */
export function dateOrderOf(format: DateFormat, locale: Locale): 'DMY' | 'MDY' | 'YMD' {
  const pattern = format === 'locale' ? LOCALE_DAY_PATTERNS[locale] : format;
  if (pattern.startsWith('yyyy')) return 'YMD';
  return pattern.startsWith('MM') ? 'MDY' : 'DMY';
}
