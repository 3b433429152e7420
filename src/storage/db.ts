/**
 * The IndexedDB schema, through Dexie. Only `src/storage/` imports Dexie.
 *
 * Indexes are kept to what IndexedDB must answer by itself; everything else (search, filters,
 * counts per status) is served by in-memory indexes built once from `orders`. Each secondary
 * index nearly doubles the cost of writing 100,000 orders (see the import benchmark), so:
 * - orders: primary key only; the key is `source:externalId`, which makes the import's upsert by
 *   (source, order id) a primary-key lookup.
 * - parcels: by order (the order detail and the list join).
 * - events: by order (the history timeline).
 * - outbox: by mutation id (push order), and by creation time (the oldest pending change).
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Order } from '../core/model/order.ts';
import type { Parcel } from '../core/model/parcel.ts';
import type { OrderEvent } from '../core/model/events.ts';
import type { OutboxEntry } from '../core/model/outbox.ts';

export interface SettingRow {
  key: string;
  value: unknown;
}

/** Batch events (`orderId === null`) are stored under this key so that they can be indexed. */
export const BATCH_ORDER_KEY = '';

export interface EventRow extends Omit<OrderEvent, 'orderId'> {
  orderKey: string;
}

/** A mutation the server refused, kept until the seller has seen it (see src/sync/store.ts). */
export interface RejectionRow {
  /** The mutation id. */
  id: number;
  name: string;
  code: string;
  /** English, for support; the UI translates `code` with `params`. */
  message: string;
  params: Record<string, string>;
  /** The outbox entry's args as they were (they name the order, parcel or event). */
  args: unknown;
  createdAt: string;
}

export type TrackpackDb = Dexie & {
  orders: EntityTable<Order, 'id'>;
  parcels: EntityTable<Parcel, 'id'>;
  events: EntityTable<EventRow, 'id'>;
  outbox: EntityTable<OutboxEntry, 'mutationId'>;
  settings: EntityTable<SettingRow, 'key'>;
  meta: EntityTable<SettingRow, 'key'>;
  rejections: EntityTable<RejectionRow, 'id'>;
  bases: EntityTable<SettingRow, 'key'>;
};

export const DB_NAME = 'trackpack';

// Dexie turns its debug mode on by itself when the page is served from localhost or 127.0.0.1
// (as `npm start` serves it): every promise and table call then records an async stack trace for
// DevTools, several times the main-thread work of opening the database. A production build
// behaves the same on every host.
if (import.meta.env.PROD) Dexie.debug = false;

export function openDb(name: string = DB_NAME): TrackpackDb {
  const db = new Dexie(name) as TrackpackDb;
  db.version(1).stores({
    orders: 'id',
    parcels: 'id, orderId',
    events: 'id, [orderKey+at]',
    outbox: 'mutationId',
    settings: 'key',
    meta: 'key',
  });
  // v2: mutations the server refused, shown on the order and in the sync-problems list.
  db.version(2).stores({ rejections: 'id' });
  // v3: the server's versions of entities that pending mutations are rebased on (dexie-sync-store).
  db.version(3).stores({ bases: 'key' });
  // v4: the outbox by creation time, so the oldest pending change's time is read from the index
  // alone (a row can be a run of 1,000 orders).
  db.version(4).stores({ outbox: 'mutationId, createdAt' });
  return db;
}
