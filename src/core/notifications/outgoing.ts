/**
 * One buyer message, ready to queue: which language and text it takes, who it goes to, and the
 * rendered subject and bodies; or why it can't go out. Pure: the server's sender queues what this
 * answers, and a preview on the device can show the very same message.
 */
import type { CustomCarrier } from '../carriers/index.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Order } from '../model/order.ts';
import type { Parcel } from '../model/parcel.ts';
import { buildNotificationContext } from './context.ts';
import { notificationLocale } from './language.ts';
import { templateFor } from './overrides.ts';
import { toE164 } from './phone.ts';
import { cleanEmailAddress } from './recipient.ts';
import { smsCountriesFor, smsCountryAllowed } from './sms-countries.ts';
import { renderEmail, renderSms } from './template.ts';
import type {
  NotificationChannel,
  NotificationKind,
  NotificationTemplate,
  TemplateOverrides,
} from './types.ts';

/** What a message is made from: the order, what happened, and the seller's wording and links. */
export interface NotificationMessageRequest {
  order: Pick<Order, 'id' | 'externalId' | 'orderedAt' | 'buyer' | 'address'>;
  parcels?: readonly Pick<Parcel, 'trackingNumber' | 'carrierId' | 'trackingUrl'>[];
  kind: NotificationKind;
  channel: NotificationChannel;
  /** `country`: of the shop's own address; texts go only there unless an allow-list says otherwise. */
  shop: { name?: string; senderName?: string; replyTo?: string; country?: string };
  /** The seller's language choice for this order; else from the delivery country. */
  locale?: Locale | null;
  /** This exact text; else the seller's own for this kind and language, else the default. */
  template?: NotificationTemplate;
  /** The seller's rewritten messages. */
  templates?: TemplateOverrides;
  links?: { trackingPage?: string; confirm?: string; review?: string };
  customCarriers?: readonly CustomCarrier[];
}

/** What rendering needs beyond the request: facts the caller looked up. */
export interface NotificationMessageFacts {
  /** The parcels' usual delivery window, when the seller's history gives one. */
  expectedDelivery?: { from: string; to: string } | null;
  /** Countries whose numbers may be texted (the server's setting); absent: the shop's own. */
  smsCountries?: readonly string[];
}

export type NotificationMessageRefusal = 'no_recipient' | 'empty_message' | 'sms_country_not_allowed';

/** A message ready to queue. E-mail recipients are lower-cased: caps count one spelling each. */
export interface NotificationMessage {
  locale: Locale;
  channel: NotificationChannel;
  recipient: string;
  recipientName: string;
  /** The name the message is sent under: the shop's sender name, else its name, else empty. */
  senderName: string;
  replyTo: string | null;
  /** Empty for a text message. */
  subject: string;
  text: string;
  /** Null for a text message. */
  html: string | null;
}

export type NotificationMessageResult =
  { ok: true; message: NotificationMessage } | { ok: false; reason: NotificationMessageRefusal };

/** The language and the text a request is written in. */
export function notificationTemplateOf(
  request: Pick<NotificationMessageRequest, 'order' | 'kind' | 'locale' | 'template' | 'templates'>,
): { locale: Locale; template: NotificationTemplate } {
  const locale = notificationLocale(request.order.address.country, request.locale);
  return { locale, template: request.template ?? templateFor(request.kind, locale, request.templates) };
}

/**
 * Renders one message for `request`, or says why none can go out: no usable address or number,
 * a number outside the countries that may be texted, or a text that renders empty.
 */
export function renderNotificationMessage(
  request: NotificationMessageRequest,
  facts: NotificationMessageFacts = {},
): NotificationMessageResult {
  const { locale, template } = notificationTemplateOf(request);
  const { order, shop, links } = request;
  const context = buildNotificationContext(order, request.parcels ?? [], {
    locale,
    shop: {
      ...(shop.name !== undefined && { name: shop.name }),
      ...(shop.replyTo !== undefined && { replyTo: shop.replyTo }),
    },
    ...(links?.trackingPage !== undefined && { trackingPage: links.trackingPage }),
    ...(links?.confirm !== undefined && { confirmLink: links.confirm }),
    ...(links?.review !== undefined && { reviewLink: links.review }),
    ...(request.customCarriers !== undefined && { customCarriers: request.customCarriers }),
    ...(facts.expectedDelivery && { expectedDelivery: facts.expectedDelivery }),
  });

  let recipient: string | null;
  let subject = '';
  let text: string;
  let html: string | null = null;
  if (request.channel === 'email') {
    recipient = cleanEmailAddress(order.buyer.email)?.toLowerCase() ?? null;
    ({ subject, text, html } = renderEmail(template, context));
  } else {
    recipient = toE164(order.buyer.phone, order.address.country);
    text = renderSms(template, context).text;
  }
  if (recipient === null) return { ok: false, reason: 'no_recipient' };
  if (
    request.channel === 'sms' &&
    !smsCountryAllowed(recipient, smsCountriesFor(facts.smsCountries, shop.country))
  )
    return { ok: false, reason: 'sms_country_not_allowed' };
  if (text.trim() === '') return { ok: false, reason: 'empty_message' };
  return {
    ok: true,
    message: {
      locale,
      channel: request.channel,
      recipient,
      recipientName: order.buyer.name,
      senderName: shop.senderName || shop.name || '',
      replyTo: cleanEmailAddress(shop.replyTo),
      subject,
      text,
      html,
    },
  };
}
