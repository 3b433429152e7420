/**
 * All message catalogs, merged per language. Each feature keeps its messages in its own module
 * under `messages/`, with the four languages side by side; a key may live in one module only.
 */
import type { Locale } from './locales.ts';
import { format, type Message, type Params } from './translate.ts';
import { shellMessages } from './messages/shell.ts';
import { importErrorMessages } from './messages/import-errors.ts';
import { importMessages } from './messages/import.ts';
import { carrierMessages } from './messages/carriers.ts';
import { workflowMessages } from './messages/workflow.ts';
import { ordersMessages } from './messages/orders.ts';
import { syncMessages } from './messages/sync.ts';
import { devicesMessages } from './messages/devices.ts';
import { accessMessages } from './messages/access.ts';
import { trackingMessages } from './messages/tracking.ts';
import { notificationMessages } from './messages/notifications.ts';
import { buyerPageMessages } from './messages/buyer-page.ts';
import { scanningMessages } from './messages/scanning.ts';
import { channelMessages } from './messages/channels.ts';
import { backupMessages } from './messages/backup.ts';
import { deliveryMessages } from './messages/delivery.ts';
import { layoutMessages } from './messages/layout.ts';

const MODULES = [
  shellMessages,
  importErrorMessages,
  importMessages,
  carrierMessages,
  workflowMessages,
  ordersMessages,
  syncMessages,
  devicesMessages,
  accessMessages,
  trackingMessages,
  notificationMessages,
  buyerPageMessages,
  scanningMessages,
  channelMessages,
  backupMessages,
  deliveryMessages,
  layoutMessages,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
type EnglishCatalog = UnionToIntersection<(typeof MODULES)[number]['en']>;
export type MessageKey = keyof EnglishCatalog & string;

function merge(locale: Locale): Record<MessageKey, Message> {
  return Object.assign({}, ...MODULES.map((m) => m[locale])) as Record<MessageKey, Message>;
}

const catalogs: Record<Locale, Record<MessageKey, Message>> = {
  en: merge('en'),
  de: merge('de'),
  sv: merge('sv'),
  ru: merge('ru'),
};

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return format(locale, catalogs[locale][key], params);
}

/** One language's messages, every key. */
export type Catalog = Readonly<Record<MessageKey, Message>>;

export function catalogFor(locale: Locale): Catalog {
  return catalogs[locale];
}

/** Every module's keys, to check that no key is defined twice (tested). */
export function keysByModule(): string[][] {
  return MODULES.map((m) => Object.keys(m.en));
}

export { LOCALES, LOCALE_NAMES, isLocale, pickLocale, type Locale } from './locales.ts';
export type { Message, Params } from './translate.ts';

/** What components receive to show text: `t('orders.title')`. */
export type Translate = (key: MessageKey, params?: Params) => string;
