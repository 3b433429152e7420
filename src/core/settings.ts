/** Seller settings, stored on the device and synced to the seller's other devices. */
import type { Locale } from './i18n/locales.ts';
import type { OrderSource } from './ids.ts';
import type { TemplateOverrides } from './notifications/types.ts';
import { DEFAULT_ATTENTION_THRESHOLDS } from './workflow/attention.ts';
import { DEFAULT_UNIVERSAL_TEMPLATE } from './carriers/tracking-url.ts';

export const DATE_FORMATS = [
  'locale',
  'dd.MM.yyyy',
  'dd-MM-yyyy',
  'dd/MM/yyyy',
  'MM/dd/yyyy',
  'yyyy-MM-dd',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export interface ShopProfile {
  shopName: string;
  senderName: string;
  senderEmail: string;
  replyTo: string;
}

/** When an order needs attention (see src/core/workflow/attention.ts). */
export interface WorkflowSettings {
  /** ISO 3166-1 alpha-2 of the shop's own country ('' unknown): decides domestic thresholds. */
  shopCountry: string;
  notShippedDays: number;
  notDeliveredDomesticDays: number;
  notDeliveredInternationalDays: number;
}

/** Tracking links: the seller's own carriers and the link for numbers no carrier claims. */
export interface CarrierSettings {
  custom: { id: string; name: string; urlTemplate: string }[];
  /** Used when no carrier is known; `{number}` is replaced. */
  universalTemplate: string;
  /** For numbers several carriers use: format key -> the carrier the seller picked last. */
  preferred: Record<string, string>;
}

/** When buyers are told, automatically (the seller can always send by hand). */
export interface NotificationSettings {
  /** E-mail "your order is being prepared" when orders are imported. */
  preparingOnImport: boolean;
  /** E-mail the tracking links when an order becomes shipped. */
  shippedEmail: boolean;
  /** Also text them (off by default: texts cost money and need consent). */
  shippedSms: boolean;
  /** Days after delivery for the review reminder; 0 sends none. */
  reviewReminderDays: number;
  /** Marketplaces that forbid third-party messages to their buyers. */
  excludedSources: OrderSource[];
  /** The seller's own message texts (Settings > Messages); absent: the built-in ones. */
  templates?: TemplateOverrides;
}

export interface Settings {
  /** `null`: follow the browser. */
  locale: Locale | null;
  dateFormat: DateFormat;
  shop: ShopProfile;
  workflow: WorkflowSettings;
  carriers: CarrierSettings;
  notifications: NotificationSettings;
}

export const DEFAULT_SETTINGS: Settings = {
  locale: null,
  dateFormat: 'locale',
  shop: { shopName: '', senderName: '', senderEmail: '', replyTo: '' },
  workflow: {
    shopCountry: '',
    notShippedDays: DEFAULT_ATTENTION_THRESHOLDS.not_shipped,
    notDeliveredDomesticDays: DEFAULT_ATTENTION_THRESHOLDS.not_delivered_domestic,
    notDeliveredInternationalDays: DEFAULT_ATTENTION_THRESHOLDS.not_delivered_international,
  },
  carriers: { custom: [], universalTemplate: DEFAULT_UNIVERSAL_TEMPLATE, preferred: {} },
  notifications: {
    preparingOnImport: false,
    // On: buyers expect their tracking number, as the seed tools send it when uploaded. Safe
    // since the server holds automatic messages for a grace period and cancels them when the
    // "mark shipped" that caused them is undone (NOTIFY_AUTO_GRACE_SECONDS).
    shippedEmail: true,
    shippedSms: false,
    reviewReminderDays: 0,
    // Amazon's buyer-seller messaging rules forbid order-update mails outside its own channel.
    excludedSources: ['amazon'],
  },
};

/** Stored settings of any age, completed with the defaults for what they lack. */
export function withDefaults(stored: Partial<Settings> | undefined): Settings {
  const s = stored ?? {};
  return {
    ...DEFAULT_SETTINGS,
    ...s,
    shop: { ...DEFAULT_SETTINGS.shop, ...s.shop },
    workflow: { ...DEFAULT_SETTINGS.workflow, ...s.workflow },
    carriers: { ...DEFAULT_SETTINGS.carriers, ...s.carriers },
    notifications: { ...DEFAULT_SETTINGS.notifications, ...s.notifications },
  };
}

/** Light check of an e-mail address: something@something.tld, no spaces or line breaks. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}
