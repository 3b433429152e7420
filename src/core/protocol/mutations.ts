/**
 * The mutations a device may send, one schema each: the registry `MUTATIONS` is what the server
 * accepts and what the rest of the app builds with `mutation(name, args)`, so a misspelt name or
 * a wrong argument is a compile error on the client and a recorded rejection on the server.
 *
 * Every mutation that changes an order carries the id of the history event the device wrote
 * (`eventId`) and the device time of the change (`at`): `at` orders conflicting writes
 * (last writer wins per field), `eventId` breaks ties and names the event on every device.
 * `orders.import` and `settings.update` keep the shapes the repository already writes; their time
 * is the outbox entry's `createdAt`.
 */
import * as v from 'valibot';
import { IMPORT_MUTATION, IMPORT_MUTATION_BATCH } from '../import/plan.ts';
import type { PendingMutation } from '../model/outbox.ts';
import { LOCALES } from '../i18n/locales.ts';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from '../notifications/types.ts';
import {
  addressSchema,
  buyerSchema,
  daySchema,
  describeIssues,
  eventIdSchema,
  importedFieldsSchema,
  linesSchema,
  MAX_NOTES_CHARS,
  orderIdSchema,
  orderStatusSchema,
  parcelIdSchema,
  parcelSchema,
  settingsSchema,
  text,
  timestampSchema,
} from './schemas.ts';

export const ordersImportArgs = v.object({
  eventId: eventIdSchema,
  fileName: text(500),
  part: v.pipe(v.number(), v.integer(), v.minValue(1)),
  // May be empty: the outbox keeps order ids and sends the orders still stored at push time.
  orders: v.pipe(v.array(importedFieldsSchema), v.maxLength(IMPORT_MUTATION_BATCH)),
});

export const settingsUpdateArgs = settingsSchema;

/**
 * A status change. With `undoes` it is the undo of the `status_changed` event of that id: the
 * server restores what that event replaced (status, reason, `heldFrom`) from its own copy of the
 * event, skipping the transition table, and refuses it (`undo_stale`) when the order has moved on
 * since; `to` and `reason` then only say what the device restored. `shippedOn` is the day the
 * seller said the parcel left (a bulk "mark shipped" for yesterday), kept in the event's `data`.
 */
export const orderTransitionArgs = v.object({
  orderId: orderIdSchema,
  to: orderStatusSchema,
  reason: v.exactOptional(text()),
  eventId: eventIdSchema,
  at: timestampSchema,
  undoes: v.exactOptional(eventIdSchema),
  shippedOn: v.exactOptional(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'not a yyyy-mm-dd date'))),
});

/** The fields a seller may correct by hand; at least one. Status and notes have their own. */
export const orderEditArgs = v.object({
  orderId: orderIdSchema,
  fields: v.pipe(
    v.object({
      orderedAt: v.exactOptional(daySchema),
      buyer: v.exactOptional(buyerSchema),
      address: v.exactOptional(addressSchema),
      lines: v.exactOptional(linesSchema),
    }),
    v.check((f) => Object.keys(f).length > 0, 'no fields to change'),
  ),
  eventId: eventIdSchema,
  at: timestampSchema,
});

/** A new order typed in by the seller (source `manual` usually); an existing id is updated. */
export const orderCreateArgs = v.object({
  order: importedFieldsSchema,
  notes: v.exactOptional(text(MAX_NOTES_CHARS)),
  eventId: eventIdSchema,
  at: timestampSchema,
});

export const parcelUpsertArgs = v.object({
  parcel: parcelSchema,
  eventId: eventIdSchema,
  at: timestampSchema,
});

export const parcelRemoveArgs = v.object({
  parcelId: parcelIdSchema,
  orderId: orderIdSchema,
  eventId: eventIdSchema,
  at: timestampSchema,
});

export const orderNoteArgs = v.object({
  orderId: orderIdSchema,
  notes: text(MAX_NOTES_CHARS),
  eventId: eventIdSchema,
  at: timestampSchema,
});

/**
 * Ask the server to write to the buyer. `notificationId` is chosen by the device, so a resent
 * mutation (or a second device sending the same request) never queues a second message. The
 * server renders the message from the order and parcels IT has, so the parcels must be pushed
 * before (in the same push is fine). Results come back by pull as `notification_sent` /
 * `notification_failed` events carrying `notificationId`.
 */
export const notifyRequestArgs = v.object({
  notificationId: v.pipe(v.string(), v.uuid()),
  orderId: orderIdSchema,
  kind: v.picklist(NOTIFICATION_KINDS),
  channel: v.picklist(NOTIFICATION_CHANNELS),
  /** The seller's language choice for this buyer; else from the delivery country. */
  locale: v.exactOptional(v.picklist(LOCALES)),
  /**
   * For a message a rule sent by itself: the `status_changed` event that caused it. The server
   * holds such a message for a grace period and cancels it when that event is undone first (an
   * undone bulk "mark shipped" must not mail anybody). Absent: the seller asked; sent at once.
   */
  cause: v.exactOptional(eventIdSchema),
  eventId: eventIdSchema,
  at: timestampSchema,
});

/** Ask the tracking provider again about one parcel (rejected when none is configured). */
export const parcelRetrackArgs = v.object({
  parcelId: parcelIdSchema,
  orderId: orderIdSchema,
  eventId: eventIdSchema,
  at: timestampSchema,
});

/** Every mutation name and its argument schema. */
export const MUTATIONS = {
  [IMPORT_MUTATION]: ordersImportArgs,
  'settings.update': settingsUpdateArgs,
  'order.transition': orderTransitionArgs,
  'order.edit': orderEditArgs,
  'order.create': orderCreateArgs,
  'parcel.upsert': parcelUpsertArgs,
  'parcel.remove': parcelRemoveArgs,
  'order.note': orderNoteArgs,
  'notify.request': notifyRequestArgs,
  'parcel.retrack': parcelRetrackArgs,
} as const;

export type MutationName = keyof typeof MUTATIONS;
export type MutationArgs<N extends MutationName> = v.InferOutput<(typeof MUTATIONS)[N]>;

export type OrdersImportArgs = MutationArgs<'orders.import'>;
export type SettingsUpdateArgs = MutationArgs<'settings.update'>;
export type OrderTransitionArgs = MutationArgs<'order.transition'>;
export type OrderEditArgs = MutationArgs<'order.edit'>;
export type OrderCreateArgs = MutationArgs<'order.create'>;
export type ParcelUpsertArgs = MutationArgs<'parcel.upsert'>;
export type ParcelRemoveArgs = MutationArgs<'parcel.remove'>;
export type OrderNoteArgs = MutationArgs<'order.note'>;
export type NotifyRequestArgs = MutationArgs<'notify.request'>;
export type ParcelRetrackArgs = MutationArgs<'parcel.retrack'>;

/** A parsed mutation: a union discriminated by `name`, so `switch (m.name)` narrows `m.args`. */
export type KnownMutation = { [N in MutationName]: { name: N; args: MutationArgs<N> } }[MutationName];

/**
 * Sent by the client in place of a mutation too large for one request (over the body limit). The
 * server records it as rejected (`too_large`): the queue moves on, and the seller sees it.
 */
export const OVERSIZED_MUTATION = 'sync.oversized';

/** Type-safe construction of an outbox mutation: `mutation('order.note', { ... })`. */
export function mutation<N extends MutationName>(name: N, args: MutationArgs<N>): PendingMutation {
  return { name, args };
}

export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(MUTATIONS, name);
}

export type ParseMutationResult =
  | { ok: true; mutation: KnownMutation }
  | { ok: false; code: 'unknown_mutation' | 'invalid_args'; message: string };

/** Validates a mutation from the wire. Unknown keys in `args` are dropped. */
export function parseMutation(name: string, args: unknown): ParseMutationResult {
  if (!isMutationName(name)) {
    return { ok: false, code: 'unknown_mutation', message: `Unknown mutation "${name.slice(0, 100)}"` };
  }
  const result = v.safeParse(MUTATIONS[name], args);
  if (!result.success) return { ok: false, code: 'invalid_args', message: describeIssues(result.issues) };
  return { ok: true, mutation: { name, args: result.output } as KnownMutation };
}
