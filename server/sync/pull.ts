/**
 * Serving a pull: the seller's change-log rows after the cursor, one page at a time, answered
 * with the CURRENT state of the entities they name (several rows for one order give it once).
 * Serving a state newer than the row is safe: that newer write has its own, later row, which a
 * later pull serves again, and applying the same state twice changes nothing. Rows are appended
 * under the seller's lock (see push.ts), so no row can become visible behind a served cursor.
 */
import { PROTOCOL_VERSION, PULL_PAGE_CHANGES, type PullResponse } from '../../src/core/protocol/index.ts';
import type { Order } from '../../src/core/order.ts';
import type { Parcel } from '../../src/core/parcel.ts';
import type { OrderEvent } from '../../src/core/events.ts';
import type { ParcelId } from '../../src/core/ids.ts';
import type { Settings } from '../../src/core/settings.ts';
import type { Queryable } from '../db/database.ts';

export async function processPull(
  db: Queryable,
  sellerId: string,
  cursor: string,
  pageSize: number = PULL_PAGE_CHANGES,
): Promise<PullResponse> {
  const rows = await db.query<{ seq: string; kind: string; entity_id: string }>(
    // `c.seq`, not `seq`: ORDER BY a bare name sorts by the text output column ("10" < "9").
    `SELECT c.seq::text AS seq, c.kind, c.entity_id FROM sync_changes c
     WHERE c.seller_id = $1 AND c.seq > $2::bigint ORDER BY c.seq LIMIT $3`,
    [sellerId, cursor, pageSize],
  );
  const ids = { order: new Set<string>(), parcel: new Set<string>(), event: new Set<string>() };
  let settings = false;
  for (const row of rows) {
    if (row.kind === 'settings') settings = true;
    else if (row.kind === 'order' || row.kind === 'parcel' || row.kind === 'event')
      ids[row.kind].add(row.entity_id);
  }
  const next = rows.at(-1)?.seq ?? cursor;
  if (rows.length === 0) {
    return emptyPage(next);
  }
  const [state] = await db.query<{
    orders: Order[];
    parcels: { id: ParcelId; data: Parcel | null }[];
    events: OrderEvent[];
    settings: Settings | null;
  }>(
    `SELECT
       (SELECT coalesce(jsonb_agg(data), '[]'::jsonb) FROM sync_orders
          WHERE seller_id = $1 AND id = ANY($2::text[])) AS orders,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'data', data)), '[]'::jsonb) FROM sync_parcels
          WHERE seller_id = $1 AND id = ANY($3::text[])) AS parcels,
       (SELECT coalesce(jsonb_agg(data), '[]'::jsonb) FROM sync_events
          WHERE seller_id = $1 AND id = ANY($4::text[])) AS events,
       (SELECT data FROM sync_settings WHERE seller_id = $1 AND $5::boolean) AS settings`,
    [sellerId, [...ids.order], [...ids.parcel], [...ids.event], settings],
  );
  const parcels = state?.parcels ?? [];
  return {
    protocolVersion: PROTOCOL_VERSION,
    cursor: next,
    more: rows.length === pageSize,
    orders: state?.orders ?? [],
    parcels: parcels.flatMap((p) => (p.data ? [p.data] : [])),
    removedParcels: parcels.flatMap((p) => (p.data ? [] : [p.id])),
    events: state?.events ?? [],
    settings: state?.settings ?? null,
  };
}

function emptyPage(cursor: string): PullResponse {
  return {
    protocolVersion: PROTOCOL_VERSION,
    cursor,
    more: false,
    orders: [],
    parcels: [],
    removedParcels: [],
    events: [],
    settings: null,
  };
}
