/**
 * Shop connections at work: connecting (credentials checked, then sealed), the poller that
 * fetches each connection's changed orders into the seller's data, and the confirmer that tells
 * a channel about shipped parcels. Every piece of background work is claimed with a lease in the
 * database, so several processes on one PostgreSQL share it without doing anything twice:
 *
 *   poll:    claim a due connection (lease) -> fetch a page -> write its orders + the cursor in
 *            one transaction, only while the lease is ours -> next page ... -> next poll time
 *   confirm: claim an order's pending parcels (lease, attempts + 1, logged "sent") -> one call
 *            -> accepted / refused / pending again later / failed, logged as order events
 *
 * A confirmation whose process died mid-call is never sent again on its own: once its lease has
 * run out it becomes `needs_check` (the channel may have it), and only the seller's "send again"
 * queues it anew. Orders and confirmation steps are written like every server-side change
 * (`writeServerChanges`), so every device learns them by pull.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { ChannelId } from '../../src/core/channels/carriers.ts';
import { channelCarrier, isChannelId } from '../../src/core/channels/carriers.ts';
import {
  CONFIRMATION_EVENT,
  confirmationEventId,
  isConfirmationStatus,
  orderConfirmationState,
  type ConfirmationStatus,
} from '../../src/core/channels/confirmations.ts';
import type { Order } from '../../src/core/model/order.ts';
import { channelOrdersToImported, type ChannelOrder } from '../../src/core/channels/orders.ts';
import type { OrderEvent } from '../../src/core/model/events.ts';
import type { EventId, OrderId } from '../../src/core/ids.ts';
import { sameData } from '../../src/core/import/plan.ts';
import type { Parcel } from '../../src/core/model/parcel.ts';
import { applyMutation, type StoredOrder } from '../../src/core/protocol/index.ts';
import type { Database, Queryable } from '../db/database.ts';
import { lockSellerFor, writeServerChanges } from '../sync/server-writes.ts';
import type { ConfirmWhen } from '../../src/core/channels/api.ts';
import { channelMessages } from '../../src/core/i18n/messages/channels.ts';
import {
  ChannelError,
  type ChannelAdapter,
  type ChannelContext,
  type ShipmentLine,
  type ShipmentResult,
} from './adapter.ts';
import { createAuthorizations } from './authorization.ts';
import type { SecretBox } from './secrets.ts';

export interface ChannelServiceConfig {
  /** Time between two polls of one connection. */
  pollIntervalMs: number;
  /** How long a claim (poll or confirmation) is ours before others may take over. */
  leaseMs: number;
  /** A shipped order waits this long before it is confirmed (an undo in time cancels it). */
  confirmGraceMs: number;
  /** Calls per parcel before a transiently failing confirmation is given up (`failed`). */
  maxAttempts: number;
  /** The first poll of a new connection fetches orders changed in this many days. */
  firstFetchDays: number;
  /** Pages one poll may fetch before it lets other connections have a turn. */
  maxPagesPerPoll: number;
}

export const CHANNEL_DEFAULTS: ChannelServiceConfig = {
  pollIntervalMs: 5 * 60_000,
  leaseMs: 2 * 60_000,
  confirmGraceMs: 60_000,
  maxAttempts: 5,
  firstFetchDays: 30,
  maxPagesPerPoll: 20,
};

/** Backoff caps: a failing connection is tried again at most this far apart. */
const MAX_POLL_BACKOFF_MS = 60 * 60_000;
const FIRST_RETRY_MS = 30_000;

export interface ChannelServiceDeps {
  db: Database;
  secrets: SecretBox;
  /** The adapters this server offers, by channel. */
  adapters: Partial<Record<ChannelId, ChannelAdapter<never>>>;
  config?: Partial<ChannelServiceConfig>;
  now?: () => Date;
  workerId?: string;
  /** One JSON line per event worth a log; never a secret. */
  log?: (line: string) => void;
}

/** A connection as the seller's devices see it (no secrets). */
export interface ConnectionView {
  id: string;
  channel: string;
  shop: string;
  status: string;
  lastRunAt: string | null;
  lastRunOrders: number | null;
  lastError: string | null;
  nextPollAt: string;
  confirmWhen: ConfirmWhen;
}

export type ConnectFailure = 'invalid' | 'auth' | 'unavailable' | 'exists' | 'unknown_channel';

export interface ChannelService {
  readonly channels: readonly ChannelId[];
  connect(
    sellerId: string,
    channel: string,
    shop: string,
    input: Record<string, unknown>,
  ): Promise<{ ok: true; connection: ConnectionView } | { ok: false; code: ConnectFailure }>;
  /** The consent URL of a channel's authorisation-code flow; null when it has none. */
  authorize(
    sellerId: string,
    channel: string,
    shop: string,
    app: Record<string, string>,
    redirectUri: string,
  ): string | null;
  /** The channel's redirect back: the code exchanged, then connected like pasted credentials. */
  finishAuthorization(
    query: Record<string, string>,
    redirectUri: string,
  ): Promise<
    | { ok: true; connection: ConnectionView }
    | { ok: false; code: ConnectFailure | 'state' | 'expired' | 'denied' }
  >;
  list(sellerId: string): Promise<ConnectionView[]>;
  remove(sellerId: string, id: string): Promise<boolean>;
  /** Polls one connection now (when no other process holds it); answers the orders it wrote. */
  fetchNow(
    sellerId: string,
    id: string,
  ): Promise<
    { ok: true; fetched: number } | { ok: false; code: 'not_found' | 'busy' | 'failed'; message?: string }
  >;
  /** "Send again": a refused, failed or unchecked confirmation becomes pending. */
  sendAgain(sellerId: string, confirmationId: string): Promise<boolean>;
  /** "Confirm to the marketplace when shipped / when the buyer is told", per connection. */
  setConfirmWhen(sellerId: string, id: string, when: ConfirmWhen): Promise<ConnectionView | null>;
  /**
   * In a push's transaction: orders of connected channels that the push shipped get one pending
   * confirmation per live parcel (a parcel already confirmed or pending is left alone), for
   * connections that confirm when shipped. A parcel added to an order whose confirmation is
   * under way or done gets its own, whatever the setting; a confirmed parcel whose tracking
   * number changed is queued to be updated.
   */
  record(tx: Queryable, sellerId: string, events: readonly OrderEvent[]): Promise<void>;
  /**
   * In the transaction that records a buyer message's outcome (the notification sender's hook,
   * after the seller's lock is taken): a sent "shipped" message queues the order's
   * confirmations for connections that confirm when the buyer is told.
   */
  notified(
    tx: Queryable,
    outcome: { sellerId: string; orderId: string; kind: string; status: string },
  ): Promise<void>;
  /** One round of everything due: expired claims, polls, confirmations. */
  runOnce(): Promise<void>;
  start(): void;
  wake(): void;
  stop(): Promise<void>;
}

interface ConnectionRow {
  id: string;
  seller_id: string;
  channel: string;
  shop: string;
  sealed_secrets: string;
  cursor: string | null;
  status: string;
  next_poll_at: Date;
  failures: number;
  last_run_at: Date | null;
  last_run_orders: number | null;
  last_error: string | null;
  confirm_when: ConfirmWhen;
  created_at: Date;
}

interface ConfirmationRow {
  id: string;
  seller_id: string;
  connection_id: string;
  order_id: string;
  parcel_id: string;
  status: string;
  attempts: number;
  reason: string | null;
  /** The number the channel has (set when accepted). */
  tracking_number: string | null;
  action: 'create' | 'update';
  remote_id: string | null;
}

class LeaseLost extends Error {}

function view(row: ConnectionRow): ConnectionView {
  const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
  return {
    id: row.id,
    channel: row.channel,
    shop: row.shop,
    status: row.status,
    lastRunAt: iso(row.last_run_at),
    lastRunOrders: row.last_run_orders,
    lastError: row.last_error,
    nextPollAt: new Date(row.next_poll_at).toISOString(),
    confirmWhen: row.confirm_when === 'told' ? 'told' : 'shipped',
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A channel as it calls itself (the catalog's name), for reasons written into the protocol. */
function channelName(channel: string): string {
  const messages: Partial<Record<string, unknown>> = channelMessages.en;
  const name = messages[`channels.name.${channel}`];
  return typeof name === 'string' ? name : channel;
}

/** Statuses in which an order counts as shipped for its channel. */
const SHIPPED = new Set(['shipped', 'partially_shipped', 'delivered']);

export function createChannelService(deps: ChannelServiceDeps): ChannelService {
  const { db, secrets } = deps;
  const config = { ...CHANNEL_DEFAULTS, ...deps.config };
  const now = deps.now ?? (() => new Date());
  const owner = deps.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const log = deps.log ?? ((line: string) => console.log(line));
  const adapters = deps.adapters as Partial<Record<ChannelId, ChannelAdapter<Record<string, unknown>>>>;
  const channels = (Object.keys(adapters) as string[]).filter(isChannelId);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;
  let again = false;

  function emit(msg: string, fields: Record<string, unknown>): void {
    log(JSON.stringify({ level: 'info', msg, ...fields }));
  }

  function contextFor<S>(
    row: Pick<ConnectionRow, 'id' | 'shop'>,
    opened: S,
  ): ChannelContext<S> & { changed: boolean } {
    const ctx = {
      shop: row.shop,
      secrets: opened,
      changed: false,
      update(next: S) {
        ctx.secrets = next;
        ctx.changed = true;
      },
      now,
    };
    return ctx;
  }

  function confirmationEvent(
    row: Pick<ConfirmationRow, 'id' | 'order_id' | 'parcel_id'>,
    channel: string,
    trackingNumber: string,
    status: ConfirmationStatus,
    attempt: number,
    reason = '',
  ): OrderEvent {
    const at = now().toISOString();
    return {
      id: confirmationEventId(row.id, status, attempt) as EventId,
      orderId: row.order_id as OrderId,
      kind: CONFIRMATION_EVENT,
      at,
      data: {
        confirmationId: row.id,
        channel,
        parcelId: row.parcel_id,
        trackingNumber,
        status,
        reason,
        attempt,
      },
    };
  }

  /**
   * Sums the order's confirmations into `order.confirmation` (`orderConfirmationState`) and writes
   * the order when that changed, so devices learn it by pull and the attention rules and the
   * "marketplace refused" filter work offline. Called in the transaction that changed a row.
   */
  async function writeOrderConfirmation(
    tx: Queryable,
    sellerId: string,
    orderId: string,
    channel: string,
  ): Promise<void> {
    const rows = await tx.query<{ status: string; reason: string | null; created_at: Date }>(
      `SELECT status, reason, created_at FROM channel_confirmations
        WHERE seller_id = $1 AND order_id = $2 ORDER BY created_at, id`,
      [sellerId, orderId],
    );
    const statuses = rows
      .map((r) => (r.status === 'sending' ? 'sent' : r.status))
      .filter(isConfirmationStatus);
    const state = orderConfirmationState(statuses);
    const [found] = await tx.query<{ stored: StoredOrder }>(
      `SELECT jsonb_build_object('order', data, 'clock', clock) AS stored
         FROM sync_orders WHERE seller_id = $1 AND id = $2`,
      [sellerId, orderId],
    );
    if (!found) return;
    const { confirmation: before, ...order } = found.stored.order;
    const reason = state === 'refused' ? (rows.find((r) => r.status === 'refused')?.reason ?? '') : undefined;
    if (state === (before?.state ?? null) && before?.reason === reason) return;
    const next: Order =
      state === null
        ? order
        : {
            ...order,
            confirmation: {
              channel,
              state,
              since: new Date(rows[0]?.created_at ?? now()).toISOString(),
              at: now().toISOString(),
              ...(reason !== undefined && { reason }),
            },
          };
    await writeServerChanges(tx, sellerId, { orders: [{ order: next, clock: found.stored.clock }] });
  }

  // ---- connections -------------------------------------------------------------------------

  async function connect(
    sellerId: string,
    channel: string,
    shop: string,
    input: Record<string, unknown>,
  ): Promise<{ ok: true; connection: ConnectionView } | { ok: false; code: ConnectFailure }> {
    if (!isChannelId(channel)) return { ok: false, code: 'unknown_channel' };
    const adapter = adapters[channel];
    if (!adapter) return { ok: false, code: 'unknown_channel' };
    const parsed = adapter.parseSecrets(input);
    if (parsed === null || shop === '') return { ok: false, code: 'invalid' };
    const id = randomUUID();
    const ctx = contextFor({ id, shop }, parsed);
    let canonical: string;
    try {
      canonical = (await adapter.validate(ctx)).shop;
    } catch (error) {
      if (error instanceof ChannelError) {
        emit('channel connect failed', { channel, kind: error.kind, error: error.message });
        return {
          ok: false,
          code: error.kind === 'auth' || error.kind === 'refused' ? 'auth' : 'unavailable',
        };
      }
      throw error;
    }
    const rows = await db.query<ConnectionRow>(
      `INSERT INTO channel_connections (id, seller_id, channel, shop, sealed_secrets, next_poll_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (seller_id, channel, shop) DO NOTHING
       RETURNING *`,
      [id, sellerId, channel, canonical, secrets.seal(ctx.secrets, id), now()],
    );
    const row = rows[0];
    if (!row) return { ok: false, code: 'exists' };
    emit('channel connected', { channel, connection: id });
    wake();
    return { ok: true, connection: view(row) };
  }

  const authorizations = createAuthorizations({ secrets, adapters: deps.adapters, now });

  async function finishAuthorization(query: Record<string, string>, redirectUri: string) {
    const done = await authorizations.finish(query, redirectUri);
    if (!done.ok) return done;
    return connect(done.sellerId, done.channel, done.shop, done.input);
  }

  async function list(sellerId: string): Promise<ConnectionView[]> {
    const rows = await db.query<ConnectionRow>(
      'SELECT * FROM channel_connections WHERE seller_id = $1 ORDER BY created_at, id',
      [sellerId],
    );
    return rows.map(view);
  }

  async function setConfirmWhen(sellerId: string, id: string, when: ConfirmWhen) {
    if (!UUID.test(id)) return null;
    const [row] = await db.query<ConnectionRow>(
      'UPDATE channel_connections SET confirm_when = $3 WHERE seller_id = $1 AND id = $2 RETURNING *',
      [sellerId, id, when],
    );
    return row ? view(row) : null;
  }

  async function remove(sellerId: string, id: string): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const rows = await db.query<{ id: string }>(
      'DELETE FROM channel_connections WHERE seller_id = $1 AND id = $2 RETURNING id',
      [sellerId, id],
    );
    return rows.length > 0;
  }

  // ---- polling -----------------------------------------------------------------------------

  /** Takes a connection for polling: the given one, or the most overdue one. */
  async function claimPoll(which?: { sellerId: string; id: string }): Promise<ConnectionRow | null> {
    const at = now();
    const rows = await db.transaction((tx) =>
      tx.query<ConnectionRow>(
        `UPDATE channel_connections SET lease_owner = $1, lease_until = $2
          WHERE id = (
            SELECT id FROM channel_connections
             WHERE status = 'active' AND (lease_until IS NULL OR lease_until < $3)
               AND ${which ? 'seller_id = $4 AND id = $5' : 'next_poll_at <= $3'}
             ORDER BY next_poll_at LIMIT 1
             FOR UPDATE SKIP LOCKED)
          RETURNING *`,
        which
          ? [owner, new Date(at.getTime() + config.leaseMs), at, which.sellerId, which.id]
          : [owner, new Date(at.getTime() + config.leaseMs), at],
      ),
    );
    return rows[0] ?? null;
  }

  /** Writes one page: its orders (as an import would), their channel ids, the new cursor. */
  async function writePage(
    row: ConnectionRow,
    adapter: ChannelAdapter<Record<string, unknown>>,
    fetched: readonly ChannelOrder[],
    cursor: string,
    sealed: string,
  ): Promise<number> {
    const { orders } = channelOrdersToImported(adapter.source, fetched);
    return db.transaction(async (tx) => {
      await lockSellerFor(db, tx, row.seller_id);
      const held = await tx.query<{ id: string }>(
        `UPDATE channel_connections SET cursor = $3, sealed_secrets = $4
          WHERE id = $1 AND lease_owner = $2 RETURNING id`,
        [row.id, owner, cursor, sealed],
      );
      if (held.length === 0) throw new LeaseLost();
      if (orders.length === 0) return 0;
      const ids = orders.map((o) => o.id);
      const existing = await tx.query<{ stored: StoredOrder }>(
        `SELECT jsonb_build_object('order', data, 'clock', clock) AS stored
           FROM sync_orders WHERE seller_id = $1 AND id = ANY($2::text[])`,
        [row.seller_id, ids],
      );
      const stored = new Map(existing.map((r) => [r.stored.order.id, r.stored]));
      const at = now().toISOString();
      const eventId = randomUUID() as EventId;
      const result = applyMutation(
        { orders: stored, parcels: new Map(), events: new Map(), settings: undefined },
        { name: 'orders.import', args: { eventId, fileName: `${adapter.id}: ${row.shop}`, part: 1, orders } },
        { createdAt: at, origin: `channel:${row.id}` },
      );
      if (!result.ok) throw new Error(`import refused: ${result.rejection.code}`);
      const changed = result.orders.filter((o) => !sameData(stored.get(o.order.id), o));
      if (changed.length > 0) {
        await writeServerChanges(tx, row.seller_id, { orders: changed, events: result.events });
      }
      const remote = fetched.flatMap((f) => {
        const id = orders.find((o) => o.externalId === f.orderId)?.id;
        return id === undefined ? [] : [{ id, remoteId: f.remoteId, lines: f.lines }];
      });
      await tx.query(
        `INSERT INTO channel_orders (seller_id, order_id, connection_id, remote_id, remote)
         SELECT $1, x->>'id', $2, x->>'remoteId', jsonb_build_object('lines', x->'lines')
           FROM jsonb_array_elements($3::jsonb) AS x
         ON CONFLICT (seller_id, order_id) DO UPDATE
           SET connection_id = EXCLUDED.connection_id, remote_id = EXCLUDED.remote_id, remote = EXCLUDED.remote`,
        [row.seller_id, row.id, JSON.stringify(remote)],
      );
      return changed.length;
    });
  }

  async function poll(
    row: ConnectionRow,
  ): Promise<{ ok: true; fetched: number } | { ok: false; message: string }> {
    const adapter = isChannelId(row.channel) ? adapters[row.channel] : undefined;
    const finish = async (fields: {
      failures: number;
      error: string | null;
      next: Date;
      orders: number | null;
    }) =>
      db.query(
        `UPDATE channel_connections
            SET failures = $3, last_error = $4, next_poll_at = $5, last_run_at = $6,
                last_run_orders = coalesce($7, last_run_orders), lease_owner = NULL, lease_until = NULL
          WHERE id = $1 AND lease_owner = $2`,
        [row.id, owner, fields.failures, fields.error, fields.next, now(), fields.orders],
      );
    if (!adapter) {
      await finish({
        failures: row.failures + 1,
        error: `no adapter for ${row.channel}`,
        next: new Date(now().getTime() + MAX_POLL_BACKOFF_MS),
        orders: null,
      });
      return { ok: false, message: `no adapter for ${row.channel}` };
    }
    const ctx = contextFor(row, secrets.open<Record<string, unknown>>(row.sealed_secrets, row.id));
    const since = new Date(now().getTime() - config.firstFetchDays * 24 * 60 * 60_000);
    let cursor = row.cursor;
    let written = 0;
    try {
      for (let page = 0; page < config.maxPagesPerPoll; page++) {
        const result = await adapter.fetchOrders(ctx, cursor, since);
        written += await writePage(
          row,
          adapter,
          result.orders,
          result.cursor,
          secrets.seal(ctx.secrets, row.id),
        );
        cursor = result.cursor;
        if (!result.more) break;
      }
    } catch (error) {
      if (error instanceof LeaseLost) return { ok: false, message: 'lease lost' };
      const failures = row.failures + 1;
      const message = error instanceof Error ? error.message : String(error);
      const retryAfter = error instanceof ChannelError ? error.retryAfterMs : undefined;
      const backoff = Math.min(MAX_POLL_BACKOFF_MS, config.pollIntervalMs * 2 ** (failures - 1));
      const next = new Date(
        now().getTime() + Math.max(retryAfter ?? 0, retryAfter !== undefined ? 0 : backoff),
      );
      // Pages written before the failure stay written, with their cursor.
      if (ctx.changed) {
        await db.query(
          'UPDATE channel_connections SET sealed_secrets = $3 WHERE id = $1 AND lease_owner = $2',
          [row.id, owner, secrets.seal(ctx.secrets, row.id)],
        );
      }
      await finish({ failures, error: message, next, orders: written > 0 ? written : null });
      emit('channel poll failed', {
        channel: row.channel,
        connection: row.id,
        error: message,
        retryInMs: next.getTime() - now().getTime(),
      });
      return { ok: false, message };
    }
    await finish({
      failures: 0,
      error: null,
      next: new Date(now().getTime() + config.pollIntervalMs),
      orders: written,
    });
    if (written > 0)
      emit('channel orders fetched', { channel: row.channel, connection: row.id, orders: written });
    return { ok: true, fetched: written };
  }

  async function fetchNow(sellerId: string, id: string) {
    if (!UUID.test(id)) return { ok: false as const, code: 'not_found' as const };
    const [exists] = await db.query<{ id: string }>(
      'SELECT id FROM channel_connections WHERE seller_id = $1 AND id = $2',
      [sellerId, id],
    );
    if (!exists) return { ok: false as const, code: 'not_found' as const };
    const row = await claimPoll({ sellerId, id });
    if (!row) return { ok: false as const, code: 'busy' as const };
    const result = await poll(row);
    return result.ok
      ? { ok: true as const, fetched: result.fetched }
      : { ok: false as const, code: 'failed' as const, message: result.message };
  }

  // ---- confirmations -----------------------------------------------------------------------

  /**
   * Queues one confirmation per live parcel of these orders (while shipped) for the connections
   * `which` picks: those confirming when shipped, those confirming when the buyer is told, or
   * (`added`) any whose confirmation of the order is under way or done. A parcel that has a row
   * already is left alone (at most once per parcel).
   */
  async function queue(
    tx: Queryable,
    sellerId: string,
    orderIds: readonly string[],
    which: ConfirmWhen | 'added',
    due: Date,
  ): Promise<number> {
    if (orderIds.length === 0) return 0;
    const picks = {
      shipped: `c.confirm_when = 'shipped'`,
      told: `c.confirm_when = 'told'`,
      added: `EXISTS (SELECT 1 FROM channel_confirmations x
                       WHERE x.connection_id = co.connection_id AND x.order_id = co.order_id
                         AND x.status <> 'cancelled')`,
    };
    const parcels = await tx.query<{
      connection_id: string;
      channel: string;
      order_id: string;
      parcel_id: string;
      tracking: string;
    }>(
      `SELECT co.connection_id, c.channel, co.order_id, p.id AS parcel_id, p.data->>'trackingNumber' AS tracking
         FROM channel_orders co
         JOIN channel_connections c ON c.id = co.connection_id
         JOIN sync_orders o ON o.seller_id = co.seller_id AND o.id = co.order_id
         JOIN sync_parcels p ON p.seller_id = co.seller_id AND p.order_id = co.order_id AND p.data IS NOT NULL
        WHERE co.seller_id = $1 AND co.order_id = ANY($2::text[])
          AND o.data->>'status' = ANY($3::text[]) AND ${picks[which]}
        ORDER BY p.data->>'updatedAt', p.id`,
      [sellerId, orderIds, [...SHIPPED]],
    );
    if (parcels.length === 0) return 0;
    const inserted = await tx.query<ConfirmationRow & { channel: string; tracking: string }>(
      `WITH x AS (SELECT * FROM jsonb_to_recordset($2::jsonb)
                    AS x(id uuid, connection_id uuid, order_id text, parcel_id text, channel text, tracking text)),
            ins AS (INSERT INTO channel_confirmations (id, seller_id, connection_id, order_id, parcel_id, due_at)
                    SELECT id, $1, connection_id, order_id, parcel_id, $3 FROM x
                    ON CONFLICT (connection_id, parcel_id) DO NOTHING
                    RETURNING *)
       SELECT ins.*, x.channel, x.tracking FROM ins JOIN x ON x.id = ins.id`,
      [sellerId, JSON.stringify(parcels.map((p) => ({ ...p, id: randomUUID() }))), due],
    );
    if (inserted.length === 0) return 0;
    await writeServerChanges(tx, sellerId, {
      events: inserted.map((r) => confirmationEvent(r, r.channel, r.tracking ?? '', 'pending', 0)),
    });
    for (const [orderId, channel] of new Map(inserted.map((r) => [r.order_id, r.channel])))
      await writeOrderConfirmation(tx, sellerId, orderId, channel);
    return inserted.length;
  }

  /** Confirmed parcels of these orders whose tracking number changed since: queued to update. */
  async function queueUpdates(tx: Queryable, sellerId: string, orderIds: readonly string[], due: Date) {
    if (orderIds.length === 0) return;
    const rows = await tx.query<ConfirmationRow & { channel: string; tracking: string }>(
      `UPDATE channel_confirmations cc
          SET status = 'pending', action = 'update', due_at = $3, reason = NULL, updated_at = $3
         FROM channel_connections c, sync_parcels p
        WHERE cc.seller_id = $1 AND cc.order_id = ANY($2::text[]) AND c.id = cc.connection_id
          AND cc.status IN ('accepted', 'not_updatable') AND cc.tracking_number IS NOT NULL
          AND p.seller_id = cc.seller_id AND p.id = cc.parcel_id AND p.data IS NOT NULL
          AND p.data->>'trackingNumber' <> cc.tracking_number
        RETURNING cc.*, c.channel, p.data->>'trackingNumber' AS tracking`,
      [sellerId, orderIds, due],
    );
    if (rows.length === 0) return;
    await writeServerChanges(tx, sellerId, {
      events: rows.map((r) => confirmationEvent(r, r.channel, r.tracking, 'pending', r.attempts)),
    });
    for (const [orderId, channel] of new Map(rows.map((r) => [r.order_id, r.channel])))
      await writeOrderConfirmation(tx, sellerId, orderId, channel);
  }

  async function record(tx: Queryable, sellerId: string, events: readonly OrderEvent[]): Promise<void> {
    const ordersOf = (pick: (e: OrderEvent) => boolean) => [
      ...new Set(events.flatMap((e) => (e.orderId !== null && pick(e) ? [e.orderId] : []))),
    ];
    const due = new Date(now().getTime() + config.confirmGraceMs);
    await queue(
      tx,
      sellerId,
      ordersOf((e) => e.kind === 'status_changed' && (e.to === 'shipped' || e.to === 'partially_shipped')),
      'shipped',
      due,
    );
    await queue(
      tx,
      sellerId,
      ordersOf((e) => e.kind === 'parcel_added' || e.kind === 'parcel_changed'),
      'added',
      due,
    );
    await queueUpdates(
      tx,
      sellerId,
      ordersOf((e) => e.kind === 'parcel_changed'),
      due,
    );
  }

  async function notified(
    tx: Queryable,
    outcome: { sellerId: string; orderId: string; kind: string; status: string },
  ): Promise<void> {
    if (outcome.status !== 'sent' || outcome.kind !== 'shipped') return;
    // The message is out: no grace period left to wait for.
    if ((await queue(tx, outcome.sellerId, [outcome.orderId], 'told', now())) > 0) wake();
  }

  /** Rows whose claim ran out without a result: the channel may have them, so never resent. */
  async function recoverExpired(): Promise<void> {
    const at = now();
    await db.transaction(async (tx) => {
      const rows = await tx.query<ConfirmationRow & { channel: string; tracking: string | null }>(
        `UPDATE channel_confirmations cc SET status = 'needs_check', updated_at = $1,
                reason = 'The server stopped during the call; check in the shop whether it arrived.'
           FROM channel_connections c, sync_parcels p
          WHERE cc.status = 'sending' AND cc.lease_until < $1 AND c.id = cc.connection_id
            AND p.seller_id = cc.seller_id AND p.id = cc.parcel_id
          RETURNING cc.*, c.channel, p.data->>'trackingNumber' AS tracking`,
        [at],
      );
      for (const sellerId of new Set(rows.map((r) => r.seller_id))) {
        await lockSellerFor(db, tx, sellerId);
        await writeServerChanges(tx, sellerId, {
          events: rows
            .filter((r) => r.seller_id === sellerId)
            .map((r) =>
              confirmationEvent(r, r.channel, r.tracking ?? '', 'needs_check', r.attempts, r.reason ?? ''),
            ),
        });
        for (const r of rows.filter((x) => x.seller_id === sellerId))
          await writeOrderConfirmation(tx, sellerId, r.order_id, r.channel);
      }
    });
  }

  interface Claimed {
    connection: ConnectionRow;
    remoteId: string;
    lines: ShipmentLine[];
    orderStatus: string | null;
    rows: (ConfirmationRow & { parcel: Parcel | null })[];
    /** The order's parcels the channel has already (accepted, or claimed here to update; oldest first). */
    confirmed: Pick<ConfirmationRow, 'id' | 'remote_id' | 'tracking_number'>[];
  }

  /** Takes the next due order's pending parcels of one connection, logged as sent. */
  async function claimConfirmation(): Promise<Claimed | null> {
    const at = now();
    return db.transaction(async (tx) => {
      const [head] = await tx.query<ConfirmationRow>(
        `SELECT * FROM channel_confirmations WHERE status = 'pending' AND due_at <= $1
          ORDER BY due_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [at],
      );
      if (!head) return null;
      await lockSellerFor(db, tx, head.seller_id);
      const rows = await tx.query<ConfirmationRow & { parcel: Parcel | null }>(
        `UPDATE channel_confirmations cc
            SET status = 'sending', attempts = cc.attempts + 1, lease_owner = $4, lease_until = $5, updated_at = $1
           FROM (SELECT id FROM channel_confirmations
                  WHERE connection_id = $2 AND order_id = $3 AND status = 'pending' AND due_at <= $1
                  FOR UPDATE SKIP LOCKED) AS picked
          WHERE cc.id = picked.id
          RETURNING cc.*, (SELECT data FROM sync_parcels WHERE seller_id = cc.seller_id AND id = cc.parcel_id) AS parcel`,
        [at, head.connection_id, head.order_id, owner, new Date(at.getTime() + config.leaseMs)],
      );
      const [connection] = await tx.query<ConnectionRow>('SELECT * FROM channel_connections WHERE id = $1', [
        head.connection_id,
      ]);
      const [order] = await tx.query<{
        remote_id: string;
        remote: { lines?: { remoteLineId?: unknown; quantity?: unknown }[] } | null;
        status: string | null;
      }>(
        `SELECT co.remote_id, co.remote, o.data->>'status' AS status FROM channel_orders co
           LEFT JOIN sync_orders o ON o.seller_id = co.seller_id AND o.id = co.order_id
          WHERE co.seller_id = $1 AND co.order_id = $2`,
        [head.seller_id, head.order_id],
      );
      if (!connection || !order) throw new Error('confirmation without its connection or order');
      const live = rows.filter((r) => r.parcel !== null && SHIPPED.has(order.status ?? ''));
      await writeServerChanges(tx, head.seller_id, {
        events: live.map((r) =>
          confirmationEvent(r, connection.channel, r.parcel?.trackingNumber ?? '', 'sent', r.attempts),
        ),
      });
      const confirmed = await tx.query<Pick<ConfirmationRow, 'id' | 'remote_id' | 'tracking_number'>>(
        `SELECT id, remote_id, tracking_number FROM channel_confirmations
          WHERE connection_id = $1 AND order_id = $2
            AND (status IN ('accepted', 'not_updatable') OR (status = 'sending' AND action = 'update' AND lease_owner = $3))
          ORDER BY created_at, id`,
        [head.connection_id, head.order_id, owner],
      );
      const lines = (order.remote?.lines ?? []).flatMap((l) =>
        typeof l.remoteLineId === 'string' && l.remoteLineId !== '' && typeof l.quantity === 'number'
          ? [{ remoteLineId: l.remoteLineId, quantity: l.quantity }]
          : [],
      );
      return { connection, remoteId: order.remote_id, lines, orderStatus: order.status, rows, confirmed };
    });
  }

  async function settle(
    claimed: Claimed,
    row: Claimed['rows'][number],
    status: ConfirmationStatus,
    fields: { reason?: string; remoteId?: string; dueAt?: Date; trackingNumber?: string },
  ): Promise<void> {
    const at = now();
    await db.transaction(async (tx) => {
      await lockSellerFor(db, tx, row.seller_id);
      // The result counts while the row is ours, also if it was meanwhile marked for checking.
      const updated = await tx.query<ConfirmationRow>(
        `UPDATE channel_confirmations
            SET status = $3, reason = $4, remote_id = coalesce($5, remote_id), due_at = coalesce($6, due_at),
                tracking_number = coalesce($8, tracking_number),
                lease_owner = NULL, lease_until = NULL, updated_at = $7
          WHERE id = $1 AND lease_owner = $2 AND status IN ('sending', 'needs_check')
          RETURNING *`,
        [
          row.id,
          owner,
          status,
          fields.reason ?? null,
          fields.remoteId ?? null,
          fields.dueAt ?? null,
          at,
          status === 'accepted' ? (fields.trackingNumber ?? row.parcel?.trackingNumber ?? null) : null,
        ],
      );
      if (updated.length === 0) return;
      await writeServerChanges(tx, row.seller_id, {
        events: [
          confirmationEvent(
            row,
            claimed.connection.channel,
            row.parcel?.trackingNumber ?? '',
            status,
            row.attempts,
            fields.reason ?? '',
          ),
        ],
      });
      await writeOrderConfirmation(tx, row.seller_id, row.order_id, claimed.connection.channel);
      // The number changed while the call was under way: the channel has the old one.
      if (status === 'accepted') await queueUpdates(tx, row.seller_id, [row.order_id], at);
    });
  }

  async function confirmNext(): Promise<boolean> {
    const claimed = await claimConfirmation();
    if (!claimed) return false;
    const { connection } = claimed;
    const live = claimed.rows.filter((r) => r.parcel !== null);
    const gone = claimed.rows.filter((r) => r.parcel === null);
    const stillShipped = SHIPPED.has(claimed.orderStatus ?? '');
    for (const row of stillShipped ? gone : claimed.rows) await settle(claimed, row, 'cancelled', {});
    if (!stillShipped || live.length === 0) return true;
    const adapter = isChannelId(connection.channel) ? adapters[connection.channel] : undefined;
    if (!adapter) {
      for (const row of live)
        await settle(claimed, row, 'failed', { reason: `no adapter for ${connection.channel}` });
      return true;
    }
    const ctx = contextFor(
      connection,
      secrets.open<Record<string, unknown>>(connection.sealed_secrets, connection.id),
    );
    const creates = live.filter((r) => r.action === 'create');
    const updates = live.filter((r) => r.action === 'update');
    const groups = [
      ...(adapter.capabilities.parcelsPerCall === 'many' && creates.length > 0
        ? [creates]
        : creates.map((r) => [r])),
      ...updates.map((r) => [r]),
    ];
    const earlier = claimed.confirmed.flatMap((c) =>
      c.remote_id !== null && c.tracking_number !== null
        ? [{ remoteId: c.remote_id, trackingNumber: c.tracking_number }]
        : [],
    );
    const parcelOf = (r: Claimed['rows'][number]) => {
      const parcel = r.parcel as Parcel;
      return {
        parcelId: r.parcel_id,
        trackingNumber: parcel.trackingNumber,
        carrier: channelCarrier(adapter.id, parcel),
      };
    };
    for (const group of groups) {
      let result: ShipmentResult | ChannelError;
      const [first] = group;
      try {
        if (first?.action === 'update') {
          result = adapter.updateTracking
            ? await adapter.updateTracking(ctx, {
                remoteOrderId: claimed.remoteId,
                remoteId: first.remote_id ?? '',
                parcel: parcelOf(first),
                previousNumber: first.tracking_number ?? '',
                trackingNumbers: claimed.confirmed.flatMap((c) =>
                  c.id === first.id
                    ? [first.parcel?.trackingNumber ?? '']
                    : c.tracking_number !== null
                      ? [c.tracking_number]
                      : [],
                ),
                notifyBuyer: false,
              })
            : {
                ok: false,
                unsupported: true,
                reason: `${channelName(connection.channel)} cannot change a tracking number it was told; it still has ${first.tracking_number ?? ''}.`,
              };
        } else {
          result = await adapter.confirmShipment(ctx, {
            remoteOrderId: claimed.remoteId,
            lines: claimed.lines,
            notifyBuyer: false,
            complete: claimed.orderStatus !== 'partially_shipped',
            shippedOn: first?.parcel?.shippedAt ?? now().toISOString().slice(0, 10),
            parcels: group.map(parcelOf),
            ...(earlier.length > 0 && {
              earlier: {
                remoteIds: earlier.map((e) => e.remoteId),
                trackingNumbers: earlier.map((e) => e.trackingNumber),
              },
            }),
          });
        }
      } catch (error) {
        if (!(error instanceof ChannelError)) throw error;
        result = error;
      }
      if (ctx.changed) {
        await db.query('UPDATE channel_connections SET sealed_secrets = $2 WHERE id = $1', [
          connection.id,
          secrets.seal(ctx.secrets, connection.id),
        ]);
        ctx.changed = false;
      }
      for (const row of group) {
        if (!(result instanceof ChannelError)) {
          await settle(
            claimed,
            row,
            result.ok ? 'accepted' : 'unsupported' in result ? 'not_updatable' : 'refused',
            result.ok ? { remoteId: result.remoteId } : { reason: result.reason },
          );
        } else if (result.kind === 'refused') {
          await settle(claimed, row, 'refused', { reason: result.message });
        } else if (row.attempts >= config.maxAttempts) {
          await settle(claimed, row, 'failed', { reason: result.message });
        } else {
          const backoff = Math.min(MAX_POLL_BACKOFF_MS, FIRST_RETRY_MS * 2 ** (row.attempts - 1));
          const wait = Math.max(result.retryAfterMs ?? 0, backoff);
          await settle(claimed, row, 'pending', {
            reason: result.message,
            dueAt: new Date(now().getTime() + wait),
          });
        }
      }
      emit('channel confirmation', {
        channel: connection.channel,
        order: claimed.rows[0]?.order_id,
        parcels: group.length,
        action: first?.action,
        outcome:
          result instanceof ChannelError
            ? result.kind
            : result.ok
              ? 'accepted'
              : 'unsupported' in result
                ? 'not_updatable'
                : 'refused',
      });
    }
    return true;
  }

  async function sendAgain(sellerId: string, confirmationId: string): Promise<boolean> {
    if (!UUID.test(confirmationId)) return false;
    return db.transaction(async (tx) => {
      await lockSellerFor(db, tx, sellerId);
      const [row] = await tx.query<ConfirmationRow & { channel: string; tracking: string | null }>(
        `UPDATE channel_confirmations cc SET status = 'pending', due_at = $3, reason = NULL, updated_at = $3
           FROM channel_connections c
          WHERE cc.seller_id = $1 AND cc.id = $2 AND c.id = cc.connection_id
            AND cc.status IN ('refused', 'failed', 'needs_check')
          RETURNING cc.*, c.channel,
            (SELECT data->>'trackingNumber' FROM sync_parcels WHERE seller_id = cc.seller_id AND id = cc.parcel_id) AS tracking`,
        [sellerId, confirmationId, now()],
      );
      if (!row) return false;
      await writeServerChanges(tx, sellerId, {
        events: [confirmationEvent(row, row.channel, row.tracking ?? '', 'pending', row.attempts)],
      });
      await writeOrderConfirmation(tx, sellerId, row.order_id, row.channel);
      wake();
      return true;
    });
  }

  // ---- the loop ----------------------------------------------------------------------------

  async function runOnce(): Promise<void> {
    await recoverExpired();
    for (;;) {
      const row = await claimPoll();
      if (!row) break;
      await poll(row);
    }
    while (await confirmNext()) {
      // one order at a time, until nothing is due
    }
  }

  async function nextDueInMs(): Promise<number> {
    const [row] = await db.query<{ next: Date | null }>(
      `SELECT least(
         (SELECT min(next_poll_at) FROM channel_connections WHERE status = 'active'),
         (SELECT min(due_at) FROM channel_confirmations WHERE status = 'pending'),
         (SELECT min(lease_until) FROM channel_confirmations WHERE status = 'sending')) AS next`,
    );
    const next = row?.next ? new Date(row.next).getTime() - now().getTime() : config.pollIntervalMs;
    // Other processes add work too: never sleep longer than one poll interval.
    return Math.min(Math.max(next, 250), config.pollIntervalMs);
  }

  function schedule(ms: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
    timer.unref?.();
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await runOnce();
        } catch (error) {
          log(JSON.stringify({ level: 'error', msg: 'channel round failed', error: String(error) }));
        }
      } while (again && !stopped);
    })();
    await running;
    running = undefined;
    if (!stopped) schedule(await nextDueInMs().catch(() => config.pollIntervalMs));
  }

  function wake(): void {
    if (!stopped) schedule(0);
  }

  return {
    channels,
    connect,
    authorize: authorizations.start,
    finishAuthorization,
    list,
    remove,
    fetchNow,
    sendAgain,
    setConfirmWhen,
    record,
    notified,
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    wake,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
