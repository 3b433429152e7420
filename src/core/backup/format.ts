/**
 * The backup file: everything a seller's device holds that matters, in one versioned JSON
 * document (gzip-compressed by the app; a plain JSON file is read too). Pure: encoding, parsing
 * and validation run the same in the browser, in Node and in the benchmark.
 *
 * Format `trackpack-backup`, version 1 (keys in this order; README "Backup and restore"):
 *
 *   {
 *     "format": "trackpack-backup",
 *     "version": 1,
 *     "createdAt": "2026-12-03T08:00:00.000Z",       device time of the backup
 *     "shop": { "name": "…", "accountId": "…" | null },  the sync account, if the device had one
 *     "counts": { "orders": n, "parcels": n, "events": n, "outbox": n },
 *     "settings": { … } | null,                       shop, workflow, own carriers, templates …
 *     "orders":  [ Order, … ],                        as in src/core/model/order.ts; ids unique
 *                                                     (in parcels and events too)
 *     "parcels": [ Parcel, … ],                       as in src/core/model/parcel.ts
 *     "events":  [ OrderEvent, … ],                   the history, write-once
 *     "outbox":  [ { "mutationId", "name", "args", "createdAt" }, … ]  changes not yet synced
 *   }
 *
 * Orders, parcels, events and settings are validated with the sync protocol's schemas, so a
 * restored backup holds nothing the server would refuse. A file of a newer version is refused
 * rather than half-read. Device-only things (the sync credentials, the pull cursor, refused
 * mutations already shown, per-device preferences) are not in a backup.
 */
import * as v from 'valibot';
import type { OrderEvent } from '../model/events.ts';
import type { Order } from '../model/order.ts';
import type { OutboxEntry } from '../model/outbox.ts';
import type { Parcel } from '../model/parcel.ts';
import type { Settings } from '../settings.ts';
import {
  describeIssues,
  eventSchema,
  orderSchema,
  parcelSchema,
  settingsSchema,
} from '../protocol/schemas.ts';

export const BACKUP_FORMAT = 'trackpack-backup';
export const BACKUP_VERSION = 1;
/** Items per encoded chunk: bounds the size of one string handed to the compressor. */
const CHUNK_ITEMS = 2_000;

export interface BackupShop {
  name: string;
  /** The sync account the device belonged to; `null` for a device that never synced. */
  accountId: string | null;
}

export interface BackupCounts {
  orders: number;
  parcels: number;
  events: number;
  outbox: number;
}

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  shop: BackupShop;
  counts: BackupCounts;
  settings: Settings | null;
  orders: Order[];
  parcels: Parcel[];
  events: OrderEvent[];
  outbox: OutboxEntry[];
}

/** What a preview shows before a restore. */
export interface BackupSummary {
  createdAt: string;
  shop: BackupShop;
  counts: BackupCounts;
}

export function newBackup(
  data: Pick<Backup, 'shop' | 'settings' | 'orders' | 'parcels' | 'events' | 'outbox'>,
  createdAt: string,
): Backup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt,
    shop: data.shop,
    counts: {
      orders: data.orders.length,
      parcels: data.parcels.length,
      events: data.events.length,
      outbox: data.outbox.length,
    },
    settings: data.settings,
    orders: data.orders,
    parcels: data.parcels,
    events: data.events,
    outbox: data.outbox,
  };
}

function* arrayChunks(key: string, items: readonly unknown[], last: boolean): Generator<string> {
  yield `${JSON.stringify(key)}:[`;
  for (let i = 0; i < items.length; i += CHUNK_ITEMS) {
    const part = items.slice(i, i + CHUNK_ITEMS).map((item) => JSON.stringify(item));
    yield (i > 0 ? ',' : '') + part.join(',');
  }
  yield last ? ']}' : '],';
}

/**
 * The backup as JSON text in pieces (never one 50 MB string); concatenated, they are exactly
 * `JSON.stringify(backup)` with the keys in the documented order.
 */
export function* encodeBackup(backup: Backup): Generator<string> {
  const { format, version, createdAt, shop, counts, settings } = backup;
  const head = JSON.stringify({ format, version, createdAt, shop, counts, settings });
  yield `${head.slice(0, -1)},`;
  yield* arrayChunks('orders', backup.orders, false);
  yield* arrayChunks('parcels', backup.parcels, false);
  yield* arrayChunks('events', backup.events, false);
  yield* arrayChunks('outbox', backup.outbox, true);
}

const outboxEntrySchema = v.object({
  mutationId: v.pipe(v.number(), v.integer(), v.minValue(1)),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  args: v.unknown(),
  createdAt: v.string(),
});

const countsSchema = v.object({
  orders: v.number(),
  parcels: v.number(),
  events: v.number(),
  outbox: v.number(),
});

const headSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.number(),
  createdAt: v.string(),
  shop: v.object({ name: v.string(), accountId: v.nullable(v.string()) }),
  counts: countsSchema,
});

const backupSchema = v.object({
  ...headSchema.entries,
  version: v.literal(BACKUP_VERSION),
  settings: v.nullable(settingsSchema),
  orders: v.array(orderSchema),
  parcels: v.array(parcelSchema),
  events: v.array(eventSchema),
  outbox: v.array(outboxEntrySchema),
});

export type BackupProblem =
  | { code: 'not_json' }
  | { code: 'not_backup' }
  | { code: 'newer_version'; version: number }
  | { code: 'invalid'; detail: string };

export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; problem: BackupProblem };

/** Reads and validates a backup's JSON text. */
export function parseBackup(text: string): ParsedBackup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: { code: 'not_json' } };
  }
  const head = v.safeParse(headSchema, json);
  if (!head.success) return { ok: false, problem: { code: 'not_backup' } };
  if (head.output.version > BACKUP_VERSION)
    return { ok: false, problem: { code: 'newer_version', version: head.output.version } };
  const parsed = v.safeParse(backupSchema, json);
  if (!parsed.success)
    return { ok: false, problem: { code: 'invalid', detail: describeIssues(parsed.issues) } };
  const backup = parsed.output as Backup;
  const { counts } = backup;
  if (
    counts.orders !== backup.orders.length ||
    counts.parcels !== backup.parcels.length ||
    counts.events !== backup.events.length ||
    counts.outbox !== backup.outbox.length
  )
    return { ok: false, problem: { code: 'invalid', detail: 'the counts do not match the contents' } };
  const repeated =
    firstRepeated('orders', backup.orders) ??
    firstRepeated('parcels', backup.parcels) ??
    firstRepeated('events', backup.events);
  if (repeated) return { ok: false, problem: { code: 'invalid', detail: repeated } };
  const ids = backup.outbox.map((e) => e.mutationId);
  if (ids.some((id, i) => i > 0 && id !== (ids[i - 1] as number) + 1))
    return { ok: false, problem: { code: 'invalid', detail: 'the outbox ids have gaps' } };
  return { ok: true, backup };
}

/**
 * Where `items` repeat an id, as `orders.7.id: …`; null when every id is unique. A restore puts
 * rows over what the device holds, so two rows with one id would silently become one.
 */
function firstRepeated(key: string, items: readonly { id: string }[]): string | null {
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const id = (items[i] as { id: string }).id;
    if (seen.has(id)) return `${key}.${i}.id: the same id as an earlier one`;
    seen.add(id);
  }
  return null;
}

export function summaryOf(backup: Backup): BackupSummary {
  return { createdAt: backup.createdAt, shop: backup.shop, counts: backup.counts };
}

/** `trackpack-backup-<shop>-2026-12-03.json.gz`: the shop part keeps letters and digits only. */
export function backupFileName(shopName: string, createdAt: string): string {
  const shop = shopName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `trackpack-backup-${shop ? `${shop}-` : ''}${createdAt.slice(0, 10)}.json.gz`;
}

/**
 * Whether restoring `backup` onto a device would replace another shop's data: the device belongs
 * to an account and the backup to another one, or (both never synced) the shop names differ.
 */
export function isOtherShop(backup: BackupShop, device: BackupShop): boolean {
  if (backup.accountId && device.accountId) return backup.accountId !== device.accountId;
  return backup.name.trim().toLowerCase() !== device.name.trim().toLowerCase();
}

/** An instant in ms since the epoch as the ISO text backups use. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
