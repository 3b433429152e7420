/** The languages Trackpack speaks. Each has a complete message catalog. */
export const LOCALES = ['en', 'de', 'sv', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  de: 'Deutsch',
  sv: 'Svenska',
  ru: 'Русский',
};

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * The best supported locale for a list of BCP 47 tags in order of preference (as
 * `navigator.languages` gives them); English when none fits.
 */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isLocale(base)) return base;
  }
  return 'en';
}
