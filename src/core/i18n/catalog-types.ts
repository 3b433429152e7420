import type { Locale } from './locales.ts';
import type { Message } from './translate.ts';

/**
 * One feature's messages in every language. The English catalog defines the keys; every other
 * language must have exactly the same keys (a missing or extra key is a compile error), so no
 * screen can fall back to English by accident.
 */
export type Catalogs<En extends Record<string, Message>> = { en: En } & {
  [L in Exclude<Locale, 'en'>]: { [K in keyof En]: Message };
};
