/**
 * The current language and the date formatting that goes with it. The language follows the
 * browser until the seller picks one in Settings.
 *
 * Only the shown language's message catalog is loaded (`CatalogSource`: in the app a chunk per
 * language, in tests the core's catalogs directly). Until a newly chosen language's catalog has
 * arrived, the previous one stays on screen; `ready()` resolves once the current one is shown.
 *
 * The shell paints before the catalog has arrived with its first words (`FirstWords`, every
 * language's few messages of the header, navigation and first screen); any other message is asked
 * for only once `ready()` has resolved.
 *
 * Dates are formatted with date-fns, which the shell's first paint does without: it arrives with
 * the data half (`useDates`), before any screen shows a date. Until then a date is shown as written.
 */
import type { Locale as DateFnsLocale } from 'date-fns/locale';
import type { Catalog, MessageKey, Params } from '../core/i18n/index.ts';
import { pickLocale, type Locale } from '../core/i18n/locales.ts';
import { format, formatNumber, type Message } from '../core/i18n/translate.ts';
import type { DateFormat } from '../core/settings.ts';
import type { DateFormatting } from './date-formatting.ts';
import type { FirstWords } from '../core/i18n/first-words.ts';

function dateFnsLocaleFor(
  { locales }: DateFormatting,
  locale: Locale,
  preferred: readonly string[],
): DateFnsLocale {
  switch (locale) {
    case 'de':
      return locales.de;
    case 'sv':
      return locales.sv;
    case 'ru':
      return locales.ru;
    case 'en':
      return preferred.some((tag) => tag.toLowerCase() === 'en-us') ? locales.enUS : locales.enGB;
  }
}

/**
 * Formatted dates remembered per language and format: the order list shows a day per row and
 * formats them again on every keystroke of a search, most of them the same few days.
 */
const FORMATTED_DATES_KEPT = 2_000;

/** A language's catalog, at once or when its chunk has loaded. */
export type CatalogSource = (locale: Locale) => Catalog | Promise<Catalog>;

export class I18n {
  #preferred = $state<readonly string[]>([]);
  #chosen = $state<Locale | null>(null);
  #dateFormat = $state<DateFormat>('locale');
  #catalogs: CatalogSource;
  #shown = $state.raw<{ locale: Locale; catalog: Catalog } | undefined>(undefined);
  #loading: Promise<void> = Promise.resolve();
  #dates = $state.raw<DateFormatting | undefined>(undefined);
  readonly #firstWords: FirstWords | undefined;
  /** Dates formatted for one date-fns locale and format; not reactive, only a cache. */
  #formattedDates: { locale: DateFnsLocale; dateFormat: DateFormat; texts: Map<string, string> } | null =
    null;

  readonly locale: Locale = $derived(this.#chosen ?? pickLocale(this.#preferred));
  /** The date-fns locale of the shown language; undefined until `useDates`. */
  readonly dateLocale: DateFnsLocale | undefined = $derived(
    this.#dates && dateFnsLocaleFor(this.#dates, this.locale, this.#preferred),
  );

  constructor(
    preferred: readonly string[],
    catalogs: CatalogSource,
    options: { dates?: DateFormatting; firstWords?: FirstWords } = {},
  ) {
    this.#preferred = preferred;
    this.#catalogs = catalogs;
    this.#dates = options.dates;
    this.#firstWords = options.firstWords;
    this.#show(this.locale);
  }

  /** Dates are formatted from now on (they were shown as written before). */
  useDates(dates: DateFormatting): void {
    this.#dates = dates;
  }

  /** `null` follows the browser. */
  choose(locale: Locale | null, dateFormat: DateFormat): void {
    this.#chosen = locale;
    this.#dateFormat = dateFormat;
    this.#show(this.locale);
  }

  /** Resolves when the current language's catalog is shown (rejects if it cannot be loaded). */
  ready(): Promise<void> {
    return this.#loading;
  }

  #show(locale: Locale): void {
    if (this.#shown?.locale === locale) return;
    const catalog = this.#catalogs(locale);
    if (!(catalog instanceof Promise)) {
      this.#shown = { locale, catalog };
      this.#loading = Promise.resolve();
      return;
    }
    this.#loading = catalog.then((loaded) => {
      // A later choice wins over a slower earlier load.
      if (this.locale === locale) this.#shown = { locale, catalog: loaded };
    });
  }

  /**
   * Before the first catalog has arrived: one of the first words, else the key itself (never seen:
   * only the shell paints before `ready()`, with first words alone).
   */
  t = (key: MessageKey, params?: Params): string => {
    const shown = this.#shown;
    if (shown !== undefined) return format(shown.locale, shown.catalog[key], params);
    const early = (this.#firstWords?.[this.locale] as Partial<Record<MessageKey, Message>> | undefined)?.[
      key
    ];
    return early === undefined ? key : format(this.locale, early, params);
  };

  /** A calendar day (`yyyy-mm-dd`) or an ISO timestamp as the seller reads dates. */
  formatDate = (value: string, dateFormat: DateFormat = this.#dateFormat): string => {
    const dates = this.#dates;
    const locale = this.dateLocale;
    if (!dates || !locale) return value;
    let memo = this.#formattedDates;
    if (memo?.locale !== locale || memo.dateFormat !== dateFormat) {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache, never read reactively
      memo = { locale, dateFormat, texts: new Map() };
      this.#formattedDates = memo;
    }
    const known = memo.texts.get(value);
    if (known !== undefined) return known;
    const date = dates.parseISO(value);
    const text = Number.isNaN(date.getTime())
      ? value
      : dates.format(date, dateFormat === 'locale' ? 'P' : dateFormat, { locale });
    if (memo.texts.size >= FORMATTED_DATES_KEPT) memo.texts.clear();
    memo.texts.set(value, text);
    return text;
  };

  formatDateTime = (iso: string): string => {
    const dates = this.#dates;
    const locale = this.dateLocale;
    if (!dates || !locale) return iso;
    const date = dates.parseISO(iso);
    if (Number.isNaN(date.getTime())) return iso;
    const day = this.formatDate(iso);
    return `${day} ${dates.format(date, 'p', { locale })}`;
  };

  /** A number as the seller's language writes it (one `Intl.NumberFormat` per language, kept). */
  formatNumber = (value: number): string => formatNumber(this.locale, value);

  /**
   * Builds the language's number format now: its first use loads the language's number data
   * (about 15 ms of a 4x slower CPU), which would otherwise land in the middle of a render, such
   * as the import preview's "Import 1,234 orders".
   */
  prepareNumbers(): void {
    formatNumber(this.locale, 1000);
  }

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
