/**
 * Serving a pull. From a change-log cursor: the seller's change-log rows after it, one page at a
 * time, answered with the CURRENT state of the entities they name (several rows for one order
 * give it once). Serving a state newer than the row is safe: that newer write has its own, later
 * row, which a later pull serves again, and applying the same state twice changes nothing. Rows
 * are appended under the seller's lock (see push.ts), so no row can become visible behind a
 * served cursor.
 *
 * From the beginning (`"0"`), or from a cursor below the seller's horizon (the change log up to
 * there may be pruned, see compaction.ts): a snapshot. Its position is the seller's highest
 * change-log row at its start; its pages walk orders, parcels and events in key order and serve
 * their current state; its last page hands over to the change log at that position. Whatever
 * changed during the walk has a row after the position, so it reaches the device (again).
 *
 * Snapshot pages are the bulk of what a new device receives (100,000 orders are 200,000 rows with
 * their events), so the database writes their JSON text itself (`string_agg` of each row's
 * `data::text`) and the server puts it into the response as it is: no `jsonb_agg` (four times
 * slower in PGlite), no parsing into objects and serialising them again.
 */
import {
  formatCursor,
  nextPhase,
  parseCursor,
  PROTOCOL_VERSION,
  PULL_PAGE_CHANGES,
  seqBefore,
  SNAPSHOT_PAGE_ROWS,
  type PullResponse,
  type SnapshotPhase,
} from '../../src/core/protocol/index.ts';
import type { Order } from '../../src/core/model/order.ts';
import type { Parcel } from '../../src/core/model/parcel.ts';
import type { OrderEvent } from '../../src/core/model/events.ts';
import type { ParcelId } from '../../src/core/ids.ts';
import type { Settings } from '../../src/core/settings.ts';
import type { Database, Queryable } from '../db/database.ts';

export interface PullPageSizes {
  /** Change-log rows per page. */
  changes?: number;
  /** Entities per snapshot page. */
  snapshot?: number;
}

/** One pull, as the response's JSON text (what the route sends). */
export async function processPullJson(
  db: Database,
  sellerId: string,
  cursor: string,
  sizes: PullPageSizes = {},
): Promise<string> {
  const page = await pullPage(db, sellerId, cursor, sizes);
  return 'text' in page ? snapshotJson(page) : JSON.stringify(page);
}

/** One pull, parsed: the same response as `processPullJson`, for callers in the server's tests. */
export async function processPull(
  db: Database,
  sellerId: string,
  cursor: string,
  sizes: PullPageSizes = {},
): Promise<PullResponse> {
  return JSON.parse(await processPullJson(db, sellerId, cursor, sizes)) as PullResponse;
}

async function pullPage(
  db: Database,
  sellerId: string,
  cursor: string,
  sizes: PullPageSizes,
): Promise<PullResponse | SnapshotText> {
  const position = parseCursor(cursor);
  // The request schema admits only cursors that parse.
  if (!position) throw new Error(`not a cursor: ${cursor}`);
  const snapshotRows = sizes.snapshot ?? SNAPSHOT_PAGE_ROWS;
  if (position.kind === 'snapshot') {
    const { seq, phase, after } = position;
    return db.transaction((tx) => snapshotPage(tx, sellerId, seq, phase, after, snapshotRows));
  }
  if (position.seq === '0') return db.transaction((tx) => startSnapshot(tx, sellerId, snapshotRows));

  const pageSize = sizes.changes ?? PULL_PAGE_CHANGES;
  const rows = await db.query<{ seq: string; kind: string; entity_id: string }>(
    // `c.seq`, not `seq`: ORDER BY a bare name sorts by the text output column ("10" < "9").
    `SELECT c.seq::text AS seq, c.kind, c.entity_id FROM sync_changes c
     WHERE c.seller_id = $1 AND c.seq > $2::bigint ORDER BY c.seq LIMIT $3`,
    [sellerId, position.seq, pageSize],
  );
  // Read after the rows: compaction moves the horizon in the transaction that deletes rows, so
  // a page that misses a deleted row is always followed by a horizon that reveals it.
  const horizon = await horizonOf(db, sellerId);
  if (seqBefore(position.seq, horizon)) {
    return db.transaction((tx) => startSnapshot(tx, sellerId, snapshotRows));
  }

  const ids = { order: new Set<string>(), parcel: new Set<string>(), event: new Set<string>() };
  let settings = false;
  for (const row of rows) {
    if (row.kind === 'settings') settings = true;
    else if (row.kind === 'order' || row.kind === 'parcel' || row.kind === 'event')
      ids[row.kind].add(row.entity_id);
  }
  const next = rows.at(-1)?.seq ?? position.seq;
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
    snapshot: false,
    orders: state?.orders ?? [],
    parcels: parcels.flatMap((p) => (p.data ? [p.data] : [])),
    removedParcels: parcels.flatMap((p) => (p.data ? [] : [p.id])),
    events: state?.events ?? [],
    settings: state?.settings ?? null,
  };
}

/** The seller's horizon: change-log rows at or below it may be pruned. `"0"` when none. */
async function horizonOf(db: Queryable, sellerId: string): Promise<string> {
  const [row] = await db.query<{ seq: string }>(
    'SELECT seq::text AS seq FROM sync_horizons WHERE seller_id = $1',
    [sellerId],
  );
  return row?.seq ?? '0';
}

/** The first page of a new snapshot, taken at the seller's latest change-log row. */
async function startSnapshot(db: Queryable, sellerId: string, limit: number): Promise<SnapshotText> {
  const [row] = await db.query<{ seq: string }>(
    `SELECT greatest(
       (SELECT max(seq) FROM sync_changes WHERE seller_id = $1),
       (SELECT seq FROM sync_horizons WHERE seller_id = $1),
       0)::text AS seq`,
    [sellerId],
  );
  return snapshotPage(db, sellerId, row?.seq ?? '0', 'orders', '', limit);
}

/**
 * A snapshot page with its entities as JSON text: each list is the comma-separated JSON of its
 * items, without the brackets (`''` for none); `settings` is the settings' JSON or `null`.
 */
interface SnapshotText {
  text: true;
  cursor: string;
  more: boolean;
  settings: string | null;
  orders: string[];
  parcels: string[];
  removedParcels: string[];
  events: string[];
}

interface PhaseRow {
  items: string | null;
  removed: string | null;
  last: string | null;
  n: number;
}

// Keyset pages on the primary key (seller_id, id); `removed` only for parcels (`data` null). The
// order within a page does not matter: the device writes the page whole.
const PHASE_SQL: Record<SnapshotPhase, string> = {
  orders: `SELECT string_agg(data::text, ',') AS items, NULL AS removed, max(id) AS last,
             count(*)::int AS n
           FROM (SELECT id, data FROM sync_orders WHERE seller_id = $1 AND id > $2 ORDER BY id LIMIT $3) t`,
  parcels: `SELECT string_agg(data::text, ',') FILTER (WHERE data IS NOT NULL) AS items,
              string_agg(to_json(id)::text, ',') FILTER (WHERE data IS NULL) AS removed,
              max(id) AS last, count(*)::int AS n
            FROM (SELECT id, data FROM sync_parcels WHERE seller_id = $1 AND id > $2 ORDER BY id LIMIT $3) t`,
  events: `SELECT string_agg(data::text, ',') AS items, NULL AS removed, max(id) AS last,
             count(*)::int AS n
           FROM (SELECT id, data FROM sync_events WHERE seller_id = $1 AND id > $2 ORDER BY id LIMIT $3) t`,
};

/** Up to `limit` entities from (`phase`, after `after`) on, crossing into the next phases. */
async function snapshotPage(
  db: Queryable,
  sellerId: string,
  seq: string,
  phase: SnapshotPhase,
  after: string,
  limit: number,
): Promise<SnapshotText> {
  const page: SnapshotText = {
    text: true,
    cursor: seq,
    // After the last phase the device continues with the change log at once.
    more: true,
    settings: null,
    orders: [],
    parcels: [],
    removedParcels: [],
    events: [],
  };
  // A keyset page must walk the primary key in order. Without fresh statistics (PGlite has no
  // autovacuum; a shop imported a minute ago has none in PostgreSQL either) the planner
  // estimates a few hundred rows, scans the whole shop and sorts it on disk for every page:
  // 1.1 s instead of 60 ms per 10,000 of 100,000 orders, measured on PGlite.
  await db.query('SET LOCAL enable_sort = off');
  await db.query('SET LOCAL enable_bitmapscan = off');
  if (phase === 'orders' && after === '') {
    const [row] = await db.query<{ data: string }>(
      'SELECT data::text AS data FROM sync_settings WHERE seller_id = $1',
      [sellerId],
    );
    page.settings = row?.data ?? null;
  }
  let budget = limit;
  let current: SnapshotPhase | null = phase;
  let from = after;
  while (current !== null) {
    const [rows] = await db.query<PhaseRow>(PHASE_SQL[current], [sellerId, from, budget]);
    const n = rows?.n ?? 0;
    if (rows?.items) {
      if (current === 'orders') page.orders.push(rows.items);
      else if (current === 'events') page.events.push(rows.items);
      else page.parcels.push(rows.items);
    }
    if (rows?.removed) page.removedParcels.push(rows.removed);
    budget -= n;
    if (budget <= 0 && rows?.last != null) {
      // The page is full; the rest of this phase (perhaps nothing) comes next time.
      page.cursor = formatCursor({ kind: 'snapshot', seq, phase: current, after: rows.last });
      return page;
    }
    current = nextPhase(current);
    from = '';
  }
  page.cursor = seq;
  // From "0" the next pull would start a snapshot again: an empty log has nothing to follow.
  page.more = seq !== '0';
  return page;
}

function snapshotJson(page: SnapshotText): string {
  const list = (parts: string[]) => `[${parts.join(',')}]`;
  return (
    `{"protocolVersion":${JSON.stringify(PROTOCOL_VERSION)},"cursor":${JSON.stringify(page.cursor)},` +
    `"more":${page.more},"snapshot":true,"orders":${list(page.orders)},` +
    `"parcels":${list(page.parcels)},"removedParcels":${list(page.removedParcels)},` +
    `"events":${list(page.events)},"settings":${page.settings ?? 'null'}}`
  );
}

function emptyPage(cursor: string): PullResponse {
  return {
    protocolVersion: PROTOCOL_VERSION,
    cursor,
    more: false,
    snapshot: false,
    orders: [],
    parcels: [],
    removedParcels: [],
    events: [],
    settings: null,
  };
}
