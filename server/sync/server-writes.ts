/**
 * Changes the SERVER makes to a seller's data (a buyer's confirmation, a notification's outcome, a
 * tracking provider's update), written like a push writes them: under the seller's lock, with a
 * change-log row per entity, so that `pull` brings them to every device and the log's order stays
 * its commit order (see push.ts). `device_id` is NULL on these rows: no device made them.
 */
import type { OrderEvent } from '../../src/core/model/events.ts';
import type { Parcel } from '../../src/core/model/parcel.ts';
import type { StoredOrder, StoredParcel } from '../../src/core/protocol/index.ts';
import type { FollowResult } from '../../src/core/workflow/follow-parcels.ts';
import type { Database, Queryable } from '../db/database.ts';

/**
 * Seed of the seller locks' keys. `pg_advisory_xact_lock` takes one 64-bit key; a seller's key is
 * the 64-bit hash of the seller id, and `hashtextextended` hashes with a seed, so this number
 * makes seller keys a family of their own: the same id hashed elsewhere with another seed (or the
 * default 0) does not land on a seller's lock. The small fixed keys (migrations 727_001, the
 * notification claim 727_002, compaction 727_003) meet a seller key only by a 1 in 2^64 chance.
 */
const SELLER_LOCK_SEED = 727_002;

/**
 * Takes the seller's write lock for the rest of the transaction. Every write to a seller's synced
 * data (a push, a change the server makes) holds it, so the change log's order is
 * its commit order across processes. PostgreSQL only; PGlite runs one transaction at a time.
 */
export async function lockSellerFor(
  db: Pick<Database, 'kind'>,
  tx: Queryable,
  sellerId: string,
): Promise<void> {
  if (db.kind === 'postgres') {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, $2))', [sellerId, SELLER_LOCK_SEED]);
  }
}

export interface ServerWrites {
  orders?: readonly StoredOrder[];
  parcels?: readonly StoredParcel[];
  events?: readonly OrderEvent[];
}

/** Writes entities and their change rows; the caller holds the seller's lock in `tx`. */
export async function writeServerChanges(
  tx: Queryable,
  sellerId: string,
  writes: ServerWrites,
): Promise<void> {
  const orders = writes.orders ?? [];
  const parcels = writes.parcels ?? [];
  const events = writes.events ?? [];
  if (orders.length + parcels.length + events.length === 0) return;
  const changes = [
    ...orders.map((o) => ['order', o.order.id]),
    ...parcels.map((p) => ['parcel', p.id]),
    ...events.map((e) => ['event', e.id]),
  ];
  await tx.query(
    `WITH
       o AS (INSERT INTO sync_orders (seller_id, id, data, clock)
             SELECT $1, x->'order'->>'id', x->'order', x->'clock' FROM jsonb_array_elements($2::jsonb) AS x
             ON CONFLICT (seller_id, id) DO UPDATE SET data = EXCLUDED.data, clock = EXCLUDED.clock),
       p AS (INSERT INTO sync_parcels (seller_id, id, order_id, data, stamp)
             SELECT $1, x->>'id', x->>'orderId', NULLIF(x->'parcel', 'null'::jsonb), x->'stamp'
             FROM jsonb_array_elements($3::jsonb) AS x
             ON CONFLICT (seller_id, id) DO UPDATE
               SET order_id = EXCLUDED.order_id, data = EXCLUDED.data, stamp = EXCLUDED.stamp),
       e AS (INSERT INTO sync_events (seller_id, id, order_id, data)
             SELECT $1, x->>'id', x->>'orderId', x FROM jsonb_array_elements($4::jsonb) AS x
             ON CONFLICT (seller_id, id) DO NOTHING)
     INSERT INTO sync_changes (seller_id, kind, entity_id, device_id)
     SELECT $1, x->>0, x->>1, NULL FROM jsonb_array_elements($5::jsonb) AS x`,
    [
      sellerId,
      JSON.stringify(orders),
      JSON.stringify(parcels),
      JSON.stringify(events),
      JSON.stringify(changes),
    ],
  );
}

/** The seller's order and its live parcels as the server has them (`null` when unknown). */
export async function readOrderWithParcels(
  tx: Queryable,
  sellerId: string,
  orderId: string,
): Promise<{ order: StoredOrder; parcels: StoredParcel[] } | null> {
  const [row] = await tx.query<{ stored: StoredOrder | null; parcels: StoredParcel[] }>(
    `SELECT
       (SELECT jsonb_build_object('order', data, 'clock', clock) FROM sync_orders
          WHERE seller_id = $1 AND id = $2) AS stored,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'orderId', order_id, 'parcel', data, 'stamp', stamp)
                                  ORDER BY data->>'updatedAt', id), '[]'::jsonb)
          FROM sync_parcels WHERE seller_id = $1 AND order_id = $2 AND data IS NOT NULL) AS parcels`,
    [sellerId, orderId],
  );
  if (!row?.stored) return null;
  return { order: row.stored, parcels: row.parcels };
}

/** The parcels that exist (a removed parcel is stored without data). */
export function liveParcels(parcels: readonly StoredParcel[]): Parcel[] {
  return parcels.flatMap((p) => (p.parcel ? [p.parcel] : []));
}

/**
 * The stored order after `followParcels` moved its status. The server's time stamps the status
 * clock (`<source>:<event id>`), so a device's later change, by its own clock, still wins as usual.
 */
export function storedAfterFollow(
  stored: StoredOrder,
  followed: FollowResult,
  at: string,
  source: string,
): StoredOrder {
  const last = followed.events.at(-1);
  if (last === undefined) return stored;
  return {
    order: followed.order,
    clock: { ...stored.clock, status: { t: Date.parse(at), id: `${source}:${last.id}` } },
  };
}
