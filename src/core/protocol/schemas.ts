/**
 * Valibot schemas of the domain data that crosses the wire (orders, parcels, events, settings).
 * Both ends parse with these: the server never trusts a client, the client never trusts a
 * response. Each schema's output is the domain type itself (checked by `satisfies`), so a parsed
 * value can be stored without casts.
 *
 * Strings are bounded and may not contain NUL: PostgreSQL's `jsonb` refuses `\u0000`, and a value
 * the database refuses would otherwise be a mutation that fails on every retry.
 */
import * as v from 'valibot';
import { LOCALES } from '../i18n/locales.ts';
import { ORDER_SOURCES, orderIdOf, type EventId, type OrderId, type ParcelId } from '../ids.ts';
import type { OrderEvent, OrderEventKind } from '../model/events.ts';
import {
  ORDER_CONFIRMATION_STATES,
  ORDER_STATUSES,
  type Address,
  type Buyer,
  type Order,
  type OrderConfirmation,
  type OrderLine,
} from '../model/order.ts';
import { DELIVERY_STATUSES, type Parcel } from '../model/parcel.ts';
import { DATE_FORMATS, type Settings } from '../settings.ts';
import type { ImportedFields } from '../import/plan.ts';
import type { TemplateOverrides } from '../notifications/types.ts';
import { TEMPLATE_MAX_CHARS } from '../notifications/overrides.ts';

export const MAX_TEXT_CHARS = 2_000;
export const MAX_NOTES_CHARS = 20_000;
export const MAX_ID_CHARS = 200;
export const MAX_LINES_PER_ORDER = 500;

const hasNoNul = (s: string): boolean => !s.includes('\u0000');

/** A bounded string without NUL characters. */
export function text(maxChars: number = MAX_TEXT_CHARS) {
  return v.pipe(v.string(), v.maxLength(maxChars), v.check(hasNoNul, 'contains a NUL character'));
}

const idText = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(MAX_ID_CHARS),
  v.check(hasNoNul, 'contains a NUL character'),
);

/** ISO 8601 date-time from a device clock. */
export const timestampSchema = v.pipe(
  v.string(),
  v.maxLength(40),
  v.check((s) => Number.isFinite(Date.parse(s)), 'not a date-time'),
);

/** A calendar day `yyyy-mm-dd`, or empty when the file had none. */
export const daySchema = v.pipe(v.string(), v.regex(/^(\d{4}-\d{2}-\d{2})?$/, 'not a yyyy-mm-dd date'));

export const orderIdSchema = v.pipe(
  idText,
  v.check((s) => ORDER_SOURCES.some((source) => s.startsWith(`${source}:`)), 'not an order id'),
  v.transform((s) => s as OrderId),
);
export const parcelIdSchema = v.pipe(
  idText,
  v.transform((s) => s as ParcelId),
);
export const eventIdSchema = v.pipe(
  idText,
  v.transform((s) => s as EventId),
);

export const orderStatusSchema = v.picklist(ORDER_STATUSES);

export const buyerSchema = v.object({
  name: text(),
  email: v.exactOptional(text()),
  phone: v.exactOptional(text()),
}) satisfies v.GenericSchema<unknown, Buyer>;

export const addressSchema = v.object({
  name: v.exactOptional(text()),
  line1: text(),
  line2: v.exactOptional(text()),
  zip: text(),
  city: text(),
  region: v.exactOptional(text()),
  country: text(),
}) satisfies v.GenericSchema<unknown, Address>;

export const orderLineSchema = v.object({
  sku: v.exactOptional(text()),
  title: v.exactOptional(text()),
  quantity: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
}) satisfies v.GenericSchema<unknown, OrderLine>;

export const linesSchema = v.pipe(v.array(orderLineSchema), v.maxLength(MAX_LINES_PER_ORDER));

/** The fields an import (or a manual order) owns; the id must be `source:externalId`. */
export const importedFieldsSchema: v.GenericSchema<unknown, ImportedFields> = v.pipe(
  v.object({
    id: orderIdSchema,
    source: v.picklist(ORDER_SOURCES),
    externalId: idText,
    orderedAt: daySchema,
    buyer: buyerSchema,
    address: addressSchema,
    lines: linesSchema,
  }),
  v.check((o) => o.id === orderIdOf(o.source, o.externalId), 'id is not source:externalId'),
);

export const orderConfirmationSchema = v.object({
  channel: text(40),
  state: v.picklist(ORDER_CONFIRMATION_STATES),
  since: timestampSchema,
  at: timestampSchema,
  reason: v.exactOptional(text()),
}) satisfies v.GenericSchema<unknown, OrderConfirmation>;

export const orderSchema = v.object({
  id: orderIdSchema,
  source: v.picklist(ORDER_SOURCES),
  externalId: idText,
  orderedAt: daySchema,
  buyer: buyerSchema,
  address: addressSchema,
  lines: linesSchema,
  status: orderStatusSchema,
  statusReason: v.exactOptional(text()),
  heldFrom: v.exactOptional(orderStatusSchema),
  notes: text(MAX_NOTES_CHARS),
  confirmation: v.exactOptional(orderConfirmationSchema),
  updatedAt: timestampSchema,
  createdAt: timestampSchema,
}) satisfies v.GenericSchema<unknown, Order>;

export const parcelSchema = v.object({
  id: parcelIdSchema,
  orderId: orderIdSchema,
  trackingNumber: text(100),
  carrierId: v.exactOptional(text(100)),
  trackingUrl: v.exactOptional(text()),
  shippedAt: v.exactOptional(daySchema),
  expectedAt: v.exactOptional(daySchema),
  deliveryStatus: v.picklist(DELIVERY_STATUSES),
  remarks: v.exactOptional(text()),
  updatedAt: timestampSchema,
}) satisfies v.GenericSchema<unknown, Parcel>;

const EVENT_KINDS = [
  'created',
  'imported',
  'edited',
  'status_changed',
  'note_changed',
  'parcel_added',
  'parcel_changed',
  'parcel_removed',
  'notification_requested',
  'notification_sent',
  'notification_failed',
  'confirmed_by_buyer',
  'marketplace_confirmation',
] as const satisfies readonly OrderEventKind[];

export const eventSchema = v.object({
  id: eventIdSchema,
  orderId: v.nullable(orderIdSchema),
  kind: v.picklist(EVENT_KINDS),
  at: timestampSchema,
  from: v.exactOptional(orderStatusSchema),
  to: v.exactOptional(orderStatusSchema),
  reason: v.exactOptional(text()),
  data: v.exactOptional(v.record(v.string(), v.union([v.string(), v.number(), v.boolean(), v.null()]))),
}) satisfies v.GenericSchema<unknown, OrderEvent>;

/** A threshold in whole days (1 to 365). */
const days = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365));

/** One message's own wording; each part bounded (`TEMPLATE_MAX_CHARS`). */
const templateOverrideSchema = v.object({
  subject: v.exactOptional(text(TEMPLATE_MAX_CHARS.subject)),
  body: v.exactOptional(text(TEMPLATE_MAX_CHARS.body)),
  sms: v.exactOptional(text(TEMPLATE_MAX_CHARS.sms)),
});
const perLocaleSchema = v.object({
  en: v.exactOptional(templateOverrideSchema),
  de: v.exactOptional(templateOverrideSchema),
  sv: v.exactOptional(templateOverrideSchema),
  ru: v.exactOptional(templateOverrideSchema),
});

/** The seller's message texts, per kind and language; unknown kinds or languages are dropped. */
export const templateOverridesSchema = v.object({
  preparing: v.exactOptional(perLocaleSchema),
  reminder: v.exactOptional(perLocaleSchema),
  shipped: v.exactOptional(perLocaleSchema),
  delivered: v.exactOptional(perLocaleSchema),
  review_reminder: v.exactOptional(perLocaleSchema),
}) satisfies v.GenericSchema<unknown, TemplateOverrides>;

export const settingsSchema = v.object({
  locale: v.nullable(v.picklist(LOCALES)),
  dateFormat: v.picklist(DATE_FORMATS),
  shop: v.object({
    shopName: text(200),
    senderName: text(200),
    senderEmail: text(320),
    replyTo: text(320),
  }),
  workflow: v.object({
    shopCountry: v.pipe(v.string(), v.regex(/^([A-Z]{2})?$/)),
    notShippedDays: days,
    notDeliveredDomesticDays: days,
    notDeliveredInternationalDays: days,
  }),
  carriers: v.object({
    custom: v.pipe(
      v.array(v.object({ id: text(80), name: text(120), urlTemplate: text(500) })),
      v.maxLength(100),
    ),
    universalTemplate: text(500),
    preferred: v.record(v.pipe(v.string(), v.maxLength(80)), v.pipe(v.string(), v.maxLength(80))),
  }),
  notifications: v.object({
    preparingOnImport: v.boolean(),
    shippedEmail: v.boolean(),
    shippedSms: v.boolean(),
    reviewReminderDays: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(365)),
    excludedSources: v.array(v.picklist(ORDER_SOURCES)),
    // Optional: settings from devices older than the message editor have none.
    templates: v.exactOptional(templateOverridesSchema),
  }),
}) satisfies v.GenericSchema<unknown, Settings>;

/** The first issue of a failed parse as one line: `orders.3.buyer.name: Invalid type ...`. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'invalid';
  const where = v.getDotPath(first);
  return where ? `${where}: ${first.message}` : first.message;
}
