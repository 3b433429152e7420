/**
 * The current language and the date formatting that goes with it. The language follows the
 * browser until the seller picks one in Settings.
 */
import { format as formatWithDateFns, parseISO } from 'date-fns';
import { de, enGB, enUS, ru, sv, type Locale as DateFnsLocale } from 'date-fns/locale';
import { pickLocale, translate, type Locale, type MessageKey, type Params } from '../core/i18n/index.ts';
import type { DateFormat } from '../core/settings.ts';

function dateFnsLocaleFor(locale: Locale, preferred: readonly string[]): DateFnsLocale {
  switch (locale) {
    case 'de':
      return de;
    case 'sv':
      return sv;
    case 'ru':
      return ru;
    case 'en':
      return preferred.some((tag) => tag.toLowerCase() === 'en-us') ? enUS : enGB;
  }
}

export class I18n {
  #preferred = $state<readonly string[]>([]);
  #chosen = $state<Locale | null>(null);
  #dateFormat = $state<DateFormat>('locale');

  readonly locale: Locale = $derived(this.#chosen ?? pickLocale(this.#preferred));
  readonly dateLocale: DateFnsLocale = $derived(dateFnsLocaleFor(this.locale, this.#preferred));

  constructor(preferred: readonly string[]) {
    this.#preferred = preferred;
  }

  /** `null` follows the browser. */
  choose(locale: Locale | null, dateFormat: DateFormat): void {
    this.#chosen = locale;
    this.#dateFormat = dateFormat;
  }

  t = (key: MessageKey, params?: Params): string => translate(this.locale, key, params);

  /** A calendar day (`yyyy-mm-dd`) or an ISO timestamp as the seller reads dates. */
  formatDate = (value: string, dateFormat: DateFormat = this.#dateFormat): string => {
    const date = parseISO(value);
    if (Number.isNaN(date.getTime())) return value;
    return formatWithDateFns(date, dateFormat === 'locale' ? 'P' : dateFormat, { locale: this.dateLocale });
  };

  formatDateTime = (iso: string): string => {
    const date = parseISO(iso);
    if (Number.isNaN(date.getTime())) return iso;
    const day = this.formatDate(iso);
    return `${day} ${formatWithDateFns(date, 'p', { locale: this.dateLocale })}`;
  };

  formatBytes = (bytes: number): string => {
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    const digits = value < 10 && unit > 0 ? 1 : 0;
    return `${new Intl.NumberFormat(this.locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
  };
}
