/**
 * Date formatting with date-fns and the locales of the languages Trackpack speaks. Its own module
 * so that the shell's first paint does without it: the data half of start-up hands it to `I18n`
 * (`useDates`) before any screen formats a date.
 */
import { format, parseISO } from 'date-fns';
import { de, enGB, enUS, ru, sv, type Locale as DateFnsLocale } from 'date-fns/locale';

export interface DateFormatting {
  format: typeof format;
  parseISO: typeof parseISO;
  locales: {
    de: DateFnsLocale;
    enGB: DateFnsLocale;
    enUS: DateFnsLocale;
    ru: DateFnsLocale;
    sv: DateFnsLocale;
  };
}

export const DATE_FORMATTING: DateFormatting = { format, parseISO, locales: { de, enGB, enUS, ru, sv } };
