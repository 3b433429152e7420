/**
 * All message catalogs, merged per language. Each feature keeps its messages in its own module
 * under `messages/`, with the four languages side by side.
 */
import type { Locale } from './locales.ts';
import { format, type Message, type Params } from './translate.ts';
import { shellMessages } from './messages/shell.ts';

const en = { ...shellMessages.en };
export type MessageKey = keyof typeof en;

const catalogs: Record<Locale, Record<MessageKey, Message>> = {
  en,
  de: { ...shellMessages.de },
  sv: { ...shellMessages.sv },
  ru: { ...shellMessages.ru },
};

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return format(locale, catalogs[locale][key], params);
}

export function catalogFor(locale: Locale): Readonly<Record<MessageKey, Message>> {
  return catalogs[locale];
}

export { LOCALES, LOCALE_NAMES, isLocale, pickLocale, type Locale } from './locales.ts';
export type { Message, Params } from './translate.ts';

/** What components receive to show text: `t('orders.title')`. */
export type Translate = (key: MessageKey, params?: Params) => string;
