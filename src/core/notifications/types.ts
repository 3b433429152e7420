/**
 * The shapes of buyer notifications: which messages exist, how a template looks (plain data the
 * seller may edit later in Settings) and what a template is filled from. No behaviour here.
 */
import type { Locale } from '../i18n/locales.ts';

/** What happened to the order, in the order a buyer usually hears about it. */
export const NOTIFICATION_KINDS = [
  'preparing',
  'reminder',
  'shipped',
  'delivered',
  'review_reminder',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** How a notification reaches the buyer. */
export const NOTIFICATION_CHANNELS = ['email', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * Where a rendered value ends up; each has its own escaping: `subject` is a mail header (no line
 * breaks or control characters), `text` the plain-text body, `html` the HTML body (escaped, links
 * only http(s)), `sms` the text message (no control characters but the line feed).
 */
export const NOTIFICATION_MEDIA = ['subject', 'text', 'html', 'sms'] as const;
export type NotificationMedium = (typeof NOTIFICATION_MEDIA)[number];

/**
 * One message in one language. `body` is plain text with placeholders; the HTML version is made
 * from it (paragraphs, links), so the seller edits one text, never HTML.
 */
export interface NotificationTemplate {
  subject: string;
  body: string;
  sms: string;
}

/** One parcel as the buyer sees it: the carrier's name, the number and, when known, a link. */
export interface ParcelLine {
  carrier: string;
  number: string;
  /** Only http(s) links are ever shown; anything else is dropped at rendering. */
  url?: string;
}

/**
 * Everything a template can say. All fields but `locale` may be missing: a missing value renders
 * as empty text (a missing buyer name as a friendly fallback), never as `undefined`.
 */
export interface NotificationContext {
  locale: Locale;
  buyer?: { name?: string };
  /** `id` is the order number as the marketplace shows it; `date` is `yyyy-mm-dd`. */
  order?: { id?: string; date?: string };
  parcels?: readonly ParcelLine[];
  shop?: { name?: string; replyTo?: string };
  /** The order's public tracking page. */
  trackingPage?: string;
  /**
   * The page where the buyer confirms the parcel arrived. It must only show a button that POSTs:
   * mail scanners open every link, so a GET must never change anything.
   */
  confirmLink?: string;
  /** Where the buyer can leave a review (the marketplace's page). */
  reviewLink?: string;
  /** When the parcels usually arrive, learned from the seller's parcels (`yyyy-mm-dd` each). */
  expectedDelivery?: { from: string; to: string };
}

/** The seller's own wording for one message in one language; a missing part is the default's. */
export type TemplateOverride = Partial<NotificationTemplate>;

/**
 * The seller's rewritten messages, per kind and language. Absent means the built-in text: only
 * what the seller changed is stored, so improved defaults still reach everything else.
 */
export type TemplateOverrides = {
  [K in NotificationKind]?: { [L in Locale]?: TemplateOverride };
};
