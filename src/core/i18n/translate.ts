/**
 * Message lookup with `{name}` placeholders and plural forms. A plural message is an object with
 * `Intl.PluralRules` categories (`one`, `few`, `many`, `other`); the `count` parameter selects.
 */
import type { Locale } from './locales.ts';

export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralMessage;
export type Params = Record<string, string | number>;

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

/** Made once per locale: building an `Intl.NumberFormat` costs far more than using one. */
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/**
 * A number as the language writes it. Whole numbers from 0 to 999 are written with plain digits in
 * every one of our languages (no grouping, no minus sign, Latin digits), and those are most of the
 * counts on screen: they skip `Intl.NumberFormat`, whose first use loads the language's number data
 * (measured at 20 ms in Chromium, 80 ms on a phone-class CPU, in the middle of the first render).
 * Every other number goes through one `Intl.NumberFormat` per language.
 */
export function formatNumber(locale: Locale, value: number): string {
  if (Number.isInteger(value) && value >= 0 && value < 1000) return String(value);
  let numbers = numberFormats.get(locale);
  if (!numbers) {
    numbers = new Intl.NumberFormat(locale);
    numberFormats.set(locale, numbers);
  }
  return numbers.format(value);
}

export function format(locale: Locale, message: Message, params: Params = {}): string {
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    const count = Number(params['count'] ?? 0);
    text = message[pluralCategory(locale, count)] ?? message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}
