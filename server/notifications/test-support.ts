/**
 * For the notification tests: a PGlite database with the base migrations and this module's
 * schema (applied here until it joins `server/migrations/`), a seller, orders, a config with
 * short timings, and a reader for the messages that come out.
 */
import { access, copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { openPglite } from '../db/pglite.ts';
import { migrate } from '../db/migrate.ts';
import type { Database } from '../db/database.ts';
import { NOTIFICATION_DEFAULTS, type NotificationConfig } from './config.ts';
import { orderIdOf, type ParcelId } from '../../src/core/ids.ts';
import type { Order } from '../../src/core/model/order.ts';
import type { Parcel } from '../../src/core/model/parcel.ts';

const MIGRATIONS_DIR = path.join(import.meta.dirname, '..', 'migrations');

/** `schema.sql` here, or the numbered migration it became (`server/migrations/NNN_notifications.sql`). */
export async function notificationsSchema(): Promise<string> {
  const here = path.join(import.meta.dirname, 'schema.sql');
  if (
    await access(here).then(
      () => true,
      () => false,
    )
  )
    return here;
  const moved = (await readdir(MIGRATIONS_DIR)).find((f) => /^\d+_notifications\.sql$/.test(f));
  if (moved === undefined)
    throw new Error('No notifications schema: neither schema.sql nor NNN_notifications.sql');
  return path.join(MIGRATIONS_DIR, moved);
}

/**
 * The later migrations the notifications table needs (`NNN_notification_causes.sql`, and
 * `NNN_access.sql` for the shops' own daily caps that the queue reads).
 */
export async function notificationsFollowUps(): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) =>
    /^\d+_(notification_causes|access)\.sql$/.test(f),
  );
  return files.sort().map((f) => path.join(MIGRATIONS_DIR, f));
}

export interface TestDb {
  db: Database;
  dir: string;
  sellerId: string;
  close(): Promise<void>;
}

/**
 * A fresh database in a temp folder: 001_init.sql, then the notifications schema and its later
 * changes. Only the base
 * migration is taken so that these tests don't depend on other migrations in progress.
 */
export async function openTestDb(): Promise<TestDb> {
  const dir = await mkdtemp(path.join(tmpdir(), 'trackpack-notify-'));
  const migrations = path.join(dir, 'migrations');
  await mkdir(migrations);
  await copyFile(path.join(MIGRATIONS_DIR, '001_init.sql'), path.join(migrations, '001_init.sql'));
  await copyFile(await notificationsSchema(), path.join(migrations, '900_notifications.sql'));
  for (const [i, file] of (await notificationsFollowUps()).entries())
    await copyFile(file, path.join(migrations, `${901 + i}_${path.basename(file).replace(/^\d+_/, '')}`));
  const db = await openPglite(path.join(dir, 'pglite'));
  await migrate(db, migrations);
  const sellerId = await addSeller(db, 'Kleiner Laden');
  return {
    db,
    dir,
    sellerId,
    async close() {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function addSeller(db: Database, shopName: string): Promise<string> {
  const id = randomUUID();
  await db.query('INSERT INTO sellers (id, shop_name) VALUES ($1, $2)', [id, shopName]);
  return id;
}

export function testConfig(dataDir: string, overrides: Partial<NotificationConfig> = {}): NotificationConfig {
  return {
    ...NOTIFICATION_DEFAULTS,
    dataDir,
    mailFrom: 'notify@trackpack.test',
    leaseMs: 10_000,
    sendTimeoutMs: 5_000,
    intervalMs: 50,
    backoffBaseMs: 60_000,
    ...overrides,
  };
}

/** A German order shipped in one DHL parcel, with the buyer's e-mail and mobile number. */
export function shippedOrder(overrides: Partial<Order> = {}): { order: Order; parcels: Parcel[] } {
  const at = '2026-11-20T10:00:00.000Z';
  const order: Order = {
    id: orderIdOf('shopify', '#4711'),
    source: 'shopify',
    externalId: '#4711',
    orderedAt: '2026-11-20',
    buyer: { name: 'Jürgen Groß', email: 'juergen@example.de', phone: '0171 1234567' },
    address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', country: 'DE' },
    lines: [{ sku: 'MUG-1', title: 'Mug', quantity: 1 }],
    status: 'shipped',
    notes: '',
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
  const parcel: Parcel = {
    id: randomUUID() as ParcelId,
    orderId: order.id,
    trackingNumber: '00340434161234567890',
    carrierId: 'dhl-paket',
    deliveryStatus: 'in_transit',
    updatedAt: at,
  };
  return { order, parcels: [parcel] };
}

export interface ParsedMessage {
  /** Header name (lower case) -> values, unfolded. */
  headers: Map<string, string[]>;
  /** The header block as sent. */
  head: string;
  /** The body with quoted-printable and base64 parts decoded, all parts concatenated. */
  decoded: string;
}

function decodePart(head: string, body: string): string {
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body, 'base64').toString('utf8');
  return body;
}

/** Just enough MIME to check what a buyer would read (the test's own SMTP server hands us raw bytes). */
export function parseMessage(raw: string): ParsedMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const headers = new Map<string, string[]>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const body = raw.slice(split + 4);
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)?.[1];
  if (boundary === undefined) return { headers, head, decoded: decodePart(head, body) };
  const parts = body.split(`--${boundary}`).slice(1, -1);
  const decoded = parts
    .map((part) => {
      const at = part.indexOf('\r\n\r\n');
      return decodePart(part.slice(0, at), part.slice(at + 4));
    })
    .join('\n');
  return { headers, head, decoded };
}

/** Decodes an RFC 2047 header value (`=?UTF-8?Q?...?=`). */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
}
