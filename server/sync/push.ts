/**
 * Applying a push. A mutation is applied in a transaction together with the device's last applied
 * id and its row in the mutation ledger, so a crash at any point leaves either all of it or none
 * of it, and a resent mutation is recognised as a duplicate (the ledger's primary key makes a
 * second application impossible even if a check were wrong).
 *
 * Consecutive mutations of one request share that transaction (a group, up to
 * GROUP_MAX_MUTATIONS): each is applied in id order on the state the previous ones left, each gets
 * its own ledger row and outcome, and the last id moves to the group's end. A rejection is an
 * outcome, not an error, so one bad mutation never fails its group; if the database itself refuses
 * a value (SQLSTATE class 22), the group is redone one mutation per transaction and the culprit
 * recorded as rejected (`unprocessable`). Per mutation, the guarantees are those of one transaction
 * each; per group, one commit instead of two hundred (see the benchmark).
 *
 * Any other error while applying a group is handled the same way: the group is redone one
 * mutation at a time, and a mutation that still throws is recorded as rejected (`unprocessable`,
 * with the error for support) so the device's queue moves on. Only a failure of the database
 * itself (`isDatabaseFailure`: connection lost, shutdown, deadlock) fails the request, which the
 * device retries.
 *
 * Each ledger row keeps a hash of its mutation's body (`mutationBodyHash`): an id sent again with
 * another body is answered as rejected (`id_reused`) and changes nothing, instead of being taken
 * for the duplicate it is not.
 *
 * Inside the transaction, in order: the seller's lock (PostgreSQL only), one read of the device's
 * last id and of the entities the group names, the pure `applyMutation` per mutation, one write
 * statement. The lock serialises the seller's writers, which both prevents lost updates between
 * two devices and makes the change log's `seq` order equal its commit order per seller: with a
 * plain bigserial, a transaction that drew seq 10 may commit after one that drew 11, and a pull
 * between the two commits would move its cursor past 10 for ever. Under the lock, 11 cannot be
 * drawn before 10 is committed and visible. PGlite has a single connection whose transactions
 * already run one at a time, so it skips the lock (as migrate.ts does).
 */
import {
  applyMutation,
  OVERSIZED_MUTATION,
  parseMutation,
  PROTOCOL_VERSION,
  rejectionOf,
  targetsOf,
  type Applied,
  type Effect,
  type KnownMutation,
  type PushRequest,
  type PushResponse,
  type Rejection,
  type RejectionReason,
  type ServerView,
  type StoredOrder,
  type StoredParcel,
  type StoredSettings,
  type Targets,
  type WireMutation,
} from '../../src/core/protocol/index.ts';
import type { EventId, OrderId, ParcelId } from '../../src/core/ids.ts';
import type { OrderEvent } from '../../src/core/model/events.ts';
import type { Database, Queryable } from '../db/database.ts';
import { isDatabaseFailure, isDataError } from '../db/errors.ts';
import type { AuthedDevice } from '../accounts/auth.ts';
import type { SyncNotifier } from '../notifications/sync-bridge.ts';
import { lockSellerFor, writeServerChanges } from './server-writes.ts';
import { mutationBodyHash } from './mutation-hash.ts';

/**
 * What a push may do beyond the seller's data, all optional (the sync tests run without them):
 * queue buyer messages (`notify.request`) and hand parcels to a tracking provider.
 */
export interface PushHooks {
  notifier?: SyncNotifier;
  /** The origin the buyer's links point to (PUBLIC_URL, else the request's own origin). */
  publicUrl: string;
  tracking?: PushTracking;
  /** Shop connections: shipped orders of a connected shop get their confirmations queued. */
  channels?: PushChannels;
}

export interface PushChannels {
  /** Records, in the push's transaction, the confirmations the group's status changes call for. */
  record(tx: Queryable, sellerId: string, events: readonly OrderEvent[]): Promise<void>;
  wake(): void;
}

export interface PushTracking {
  /** Records, in the push's transaction, parcels to register and re-track requests. */
  record(
    tx: Queryable,
    sellerId: string,
    parcels: readonly StoredParcel[],
    retrack: readonly StoredParcel[],
  ): Promise<void>;
  /** Runs the provider loop after the commit (no HTTP call is ever made inside a transaction). */
  wake(): void;
}

const NO_HOOKS: PushHooks = { publicUrl: 'http://localhost' };

const NO_TARGETS: Targets = { orders: [], parcels: [], events: [], settings: false };

type Outcome = { kind: 'applied' | 'duplicate'; last: number } | { kind: 'gap'; last: number | null };

/**
 * Mutations per transaction, and how many orders they may name together (an import part names
 * 500): one read and one write statement per group instead of per mutation is what makes a
 * 10,000-mutation backlog take seconds, not minutes.
 */
export const GROUP_MAX_MUTATIONS = 200;
export const GROUP_MAX_TARGETS = 2_000;

/** Consecutive ids from `start`, as many as one transaction should take. */
function groupFrom(mutations: WireMutation[], start: number): Item[] {
  const items: Item[] = [];
  let targets = 0;
  for (let i = start; i < mutations.length && items.length < GROUP_MAX_MUTATIONS; i++) {
    const m = mutations[i];
    const previous = items.at(-1);
    if (!m || (previous && m.id !== previous.m.id + 1)) break;
    const parsed = parse(m);
    const size = parsed.ok ? targetsOf(parsed.mutation).orders.length + 1 : 1;
    if (previous && targets + size > GROUP_MAX_TARGETS) break;
    targets += size;
    items.push({ m, parsed, hash: mutationBodyHash(m) });
  }
  return items;
}

/**
 * One transaction per mutation. One that throws is recorded as rejected, with the entities it
 * named logged again so the device pulls the server's version; if even that throws, it is
 * recorded without them. A database failure is thrown on: the request fails and is retried.
 */
async function applySingly(
  db: Database,
  device: AuthedDevice,
  items: Item[],
  hooks: PushHooks,
): Promise<Outcome> {
  let outcome: Outcome = { kind: 'duplicate', last: 0 };
  for (const item of items) {
    try {
      outcome = await applyGroup(db, device, [item], hooks);
    } catch (error) {
      await rethrowIfDatabaseFailed(db, error);
      const forced = item.forced ?? rejectionOf('unprocessable', failureMessage(error));
      try {
        outcome = await applyGroup(db, device, [{ ...item, forced }], hooks);
      } catch (again) {
        await rethrowIfDatabaseFailed(db, again);
        outcome = await applyGroup(db, device, [{ ...item, forced, bare: true }], hooks);
      }
    }
    if (outcome.kind !== 'applied') return outcome;
  }
  return outcome;
}

/** What the seller's device and support read about an error: short, no stack. */
function failureMessage(error: unknown): string {
  const text = isDataError(error)
    ? String(error)
    : `The server could not apply this change (${error instanceof Error ? error.name : 'error'}: ${
        error instanceof Error ? error.message : String(error)
      })`;
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}

/**
 * Throws `error` again when it is the database's own failure, or when the database no longer
 * answers a trivial query (a lost connection that came without a recognisable code).
 */
async function rethrowIfDatabaseFailed(db: Database, error: unknown): Promise<void> {
  if (isDatabaseFailure(error)) throw error;
  try {
    await db.query('SELECT 1');
  } catch {
    throw error;
  }
}

type Parsed = { ok: true; mutation: KnownMutation } | { ok: false; rejection: RejectionReason };

function parse(m: WireMutation): Parsed {
  if (m.name === OVERSIZED_MUTATION) {
    return { ok: false, rejection: rejectionOf('too_large', 'The change was too large to send') };
  }
  const parsed = parseMutation(m.name, m.args);
  return parsed.ok ? parsed : { ok: false, rejection: rejectionOf(parsed.code, parsed.message) };
}

interface ViewRow {
  last: string | null;
  orders: StoredOrder[];
  parcels: { id: ParcelId; orderId: OrderId; parcel: StoredParcel['parcel']; stamp: StoredParcel['stamp'] }[];
  events: OrderEvent[];
  settings: StoredSettings | null;
}

async function readView(
  tx: Queryable,
  device: AuthedDevice,
  targets: Targets,
): Promise<{ last: number | null; view: ServerView }> {
  const [row] = await tx.query<ViewRow>(
    `SELECT
       (SELECT last_mutation_id::text FROM devices WHERE id = $1) AS last,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('order', data, 'clock', clock)), '[]'::jsonb)
          FROM sync_orders WHERE seller_id = $2 AND id = ANY($3::text[])) AS orders,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'orderId', order_id, 'parcel', data, 'stamp', stamp)), '[]'::jsonb)
          FROM sync_parcels WHERE seller_id = $2 AND id = ANY($4::text[])) AS parcels,
       (SELECT coalesce(jsonb_agg(data), '[]'::jsonb)
          FROM sync_events WHERE seller_id = $2
           AND (id = ANY($5::text[])
                OR (data->>'kind' = 'notification_requested'
                    AND (data->'data'->>'notificationId') = ANY($7::text[])))) AS events,
       (SELECT jsonb_build_object('settings', data, 'stamp', stamp)
          FROM sync_settings WHERE seller_id = $2 AND $6::boolean) AS settings`,
    [
      device.id,
      device.sellerId,
      targets.orders,
      targets.parcels,
      targets.events,
      targets.settings,
      targets.notifications ?? [],
    ],
  );
  if (!row) throw new Error('view query returned no row');
  return {
    last: row.last === null ? null : Number(row.last),
    view: {
      orders: new Map(row.orders.map((o) => [o.order.id, o])),
      parcels: new Map(row.parcels.map((p) => [p.id, p])),
      events: new Map(row.events.map((e) => [e.id as EventId, e])),
      settings: row.settings ?? undefined,
    },
  };
}

/** The writes of a group of mutations, merged: the last state of each entity, one log row each. */
class Writes {
  readonly orders = new Map<string, StoredOrder>();
  readonly parcels = new Map<string, StoredParcel>();
  readonly events = new Map<string, OrderEvent>();
  settings: StoredSettings | null = null;
  readonly changes = new Map<string, [string, string]>();
  readonly ledger: {
    id: number;
    name: string;
    outcome: 'applied' | 'rejected';
    reason: RejectionReason | null;
    hash: string;
  }[] = [];

  change(kind: string, id: string): void {
    this.changes.set(`${kind}:${id}`, [kind, id]);
  }
}

interface MutableView extends ServerView {
  orders: Map<OrderId, StoredOrder>;
  parcels: Map<ParcelId, StoredParcel>;
  events: Map<EventId, OrderEvent>;
  settings: StoredSettings | undefined;
}

/** Applies `applied` to the group's working view and records what to write. */
function absorb(view: MutableView, writes: Writes, applied: Applied): void {
  for (const o of applied.orders) {
    view.orders.set(o.order.id, o);
    writes.orders.set(o.order.id, o);
    writes.change('order', o.order.id);
  }
  for (const p of applied.parcels) {
    view.parcels.set(p.id, p);
    writes.parcels.set(p.id, p);
    writes.change('parcel', p.id);
  }
  for (const e of applied.events) {
    view.events.set(e.id, e);
    writes.events.set(e.id, e);
    writes.change('event', e.id);
  }
  if (applied.settings) {
    view.settings = applied.settings;
    writes.settings = applied.settings;
    writes.change('settings', 'settings');
  }
}

/**
 * A rejected mutation changes nothing, but its device already shows the change: the entities it
 * named are logged again so that the device's next pull brings back the server's version.
 */
function resync(view: MutableView, targets: Targets, writes: Writes): void {
  for (const id of targets.orders) if (view.orders.has(id)) writes.change('order', id);
  for (const id of targets.parcels) if (view.parcels.has(id)) writes.change('parcel', id);
  if (targets.settings && view.settings) writes.change('settings', 'settings');
}

async function write(tx: Queryable, device: AuthedDevice, writes: Writes, last: number): Promise<void> {
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
             ON CONFLICT (seller_id, id) DO UPDATE SET data = EXCLUDED.data),
       s AS (INSERT INTO sync_settings (seller_id, data, stamp)
             SELECT $1, x->'settings', x->'stamp' FROM jsonb_array_elements($5::jsonb) AS x
             ON CONFLICT (seller_id) DO UPDATE SET data = EXCLUDED.data, stamp = EXCLUDED.stamp),
       c AS (INSERT INTO sync_changes (seller_id, kind, entity_id, device_id)
             SELECT $1, x->>0, x->>1, $6 FROM jsonb_array_elements($7::jsonb) AS x),
       m AS (INSERT INTO sync_mutations (device_id, mutation_id, name, outcome, reason, body_hash)
             SELECT $6, (x->>'id')::bigint, x->>'name', x->>'outcome', NULLIF(x->'reason', 'null'::jsonb),
                    x->>'hash'
             FROM jsonb_array_elements($8::jsonb) AS x)
     UPDATE devices SET last_mutation_id = $9 WHERE id = $6`,
    [
      device.sellerId,
      JSON.stringify([...writes.orders.values()]),
      JSON.stringify([...writes.parcels.values()]),
      JSON.stringify([...writes.events.values()]),
      JSON.stringify(writes.settings ? [writes.settings] : []),
      device.id,
      JSON.stringify([...writes.changes.values()]),
      JSON.stringify(writes.ledger),
      last,
    ],
  );
}

interface Item {
  m: WireMutation;
  parsed: Parsed;
  /** SHA-256 of its body (`mutationBodyHash`), kept in the ledger. */
  hash: string;
  /** Record as rejected whatever it says (applying it alone failed). */
  forced?: RejectionReason;
  /** With `forced`: read and log none of the entities it names (reading them failed too). */
  bare?: boolean;
}

/**
 * A group of consecutive mutations in ONE transaction: each is applied in id order on the view the
 * previous ones left, and each gets its ledger row; the device's last id moves to the group's
 * last. All of it commits or none of it, so every mutation is applied exactly once and
 * atomically with the last id, and a resent group is recognised as duplicates.
 */
async function applyGroup(
  db: Database,
  device: AuthedDevice,
  items: Item[],
  hooks: PushHooks,
): Promise<Outcome> {
  const firstItem = items[0];
  const lastItem = items.at(-1);
  if (!firstItem || !lastItem) throw new Error('empty group');
  return db.transaction(async (tx) => {
    await lockSellerFor(db, tx, device.sellerId);
    const all: Targets = { orders: [], parcels: [], events: [], notifications: [], settings: false };
    const targetsOfItem = items.map((item) =>
      item.parsed.ok && !item.bare ? targetsOf(item.parsed.mutation) : NO_TARGETS,
    );
    for (const t of targetsOfItem) {
      all.orders.push(...t.orders);
      all.parcels.push(...t.parcels);
      all.events.push(...t.events);
      all.notifications?.push(...(t.notifications ?? []));
      all.settings ||= t.settings;
    }
    const { last, view: loaded } = await readView(tx, device, all);
    // The first push of a device sets its baseline (see migration 002). Another request of the
    // same device (a second tab) may have got here first: then go on from its last id.
    if (last !== null && firstItem.m.id <= last) return { kind: 'duplicate', last };
    if (last !== null && firstItem.m.id > last + 1) return { kind: 'gap', last };
    const view: MutableView = {
      orders: new Map(loaded.orders),
      parcels: new Map(loaded.parcels),
      events: new Map(loaded.events),
      settings: loaded.settings,
    };
    const writes = new Writes();
    const effects: Effect[] = [];
    /** Status changes undone by this group: their held automatic messages are cancelled. */
    const undone: string[] = [];
    items.forEach((item, i) => {
      const { m, parsed } = item;
      let rejection = item.forced ?? (parsed.ok ? null : parsed.rejection);
      if (!rejection && parsed.ok) {
        const result = applyMutation(view, parsed.mutation, {
          createdAt: m.createdAt,
          origin: `${device.id}:${String(m.id).padStart(16, '0')}`,
          trackingProvider: hooks.tracking !== undefined,
        });
        if (result.ok) {
          absorb(view, writes, result);
          effects.push(...(result.effects ?? []));
          const m = parsed.mutation;
          if (m.name === 'order.transition' && m.args.undoes !== undefined) undone.push(m.args.undoes);
        } else rejection = result.rejection;
      }
      if (rejection) resync(view, targetsOfItem[i] ?? NO_TARGETS, writes);
      writes.ledger.push({
        id: m.id,
        name: m.name,
        outcome: rejection ? 'rejected' : 'applied',
        reason: rejection,
        hash: item.hash,
      });
    });
    await write(tx, device, writes, lastItem.m.id);
    await applyEffects(tx, device.sellerId, writes, effects, undone, hooks);
    return { kind: 'applied', last: lastItem.m.id };
  });
}

/**
 * The group's effects, after its writes and in its transaction: a message is queued from the
 * state the group left (a parcel added earlier in the same push is in it), and if anything fails
 * the mutations and their messages roll back together. Then, in this order: automatic messages
 * whose cause this group undid are cancelled (also those queued just above, when a device that
 * was offline pushes the request and its undo together), and orders the group delivered get
 * their review reminder.
 */
async function applyEffects(
  tx: Queryable,
  sellerId: string,
  writes: Writes,
  effects: readonly Effect[],
  undone: readonly string[],
  hooks: PushHooks,
): Promise<void> {
  const events: OrderEvent[] = [];
  for (const effect of effects) {
    if (effect.kind !== 'notify') continue;
    if (!hooks.notifier) {
      events.push({
        id: `${effect.request.notificationId}:failed:0` as EventId,
        orderId: effect.request.orderId,
        kind: 'notification_failed',
        at: new Date().toISOString(),
        data: {
          notificationId: effect.request.notificationId,
          status: 'failed',
          reason: 'notifications_off',
        },
      });
      continue;
    }
    events.push(...(await hooks.notifier.enqueue(tx, sellerId, effect.request, hooks.publicUrl)));
  }
  if (hooks.notifier) {
    events.push(...(await hooks.notifier.undone(tx, sellerId, undone)));
    events.push(
      ...(await hooks.notifier.delivered(tx, sellerId, [...writes.events.values()], hooks.publicUrl)),
    );
  }
  if (events.length > 0) await writeServerChanges(tx, sellerId, { events });
  if (hooks.tracking) {
    const live = [...writes.parcels.values()].filter((p) => p.parcel !== null);
    const retrack = effects.flatMap((e) => (e.kind === 'retrack' ? [e.parcel] : []));
    if (live.length + retrack.length > 0) await hooks.tracking.record(tx, sellerId, live, retrack);
  }
  if (hooks.channels) await hooks.channels.record(tx, sellerId, [...writes.events.values()]);
}

async function lastIdOf(db: Queryable, deviceId: string): Promise<number | null> {
  const [row] = await db.query<{ last: string | null }>(
    'SELECT last_mutation_id::text AS last FROM devices WHERE id = $1',
    [deviceId],
  );
  return row?.last == null ? null : Number(row.last);
}

/**
 * The answer for every id of the request the device's last id covers: the ledger's rejection,
 * or `id_reused` when the ledger holds another body under that id (whatever its outcome was).
 */
async function rejectionsOf(db: Queryable, deviceId: string, answered: WireMutation[]): Promise<Rejection[]> {
  if (answered.length === 0) return [];
  const rows = await db.query<{
    id: string;
    name: string;
    outcome: string;
    reason: RejectionReason | null;
    body_hash: string | null;
  }>(
    `SELECT mutation_id::text AS id, name, outcome, reason, body_hash FROM sync_mutations
     WHERE device_id = $1 AND mutation_id = ANY($2::bigint[])
     ORDER BY mutation_id`,
    [deviceId, answered.map((m) => m.id)],
  );
  const sent = new Map(answered.map((m) => [m.id, m]));
  const rejected: Rejection[] = [];
  for (const r of rows) {
    const id = Number(r.id);
    const m = sent.get(id);
    if (m && r.body_hash !== null && r.body_hash !== mutationBodyHash(m)) {
      rejected.push({
        id,
        name: m.name,
        code: 'id_reused',
        message: `Change ${id} was already received with other content (${r.name}); this one was not applied`,
        params: {},
      });
    } else if (r.outcome === 'rejected' && r.reason) {
      rejected.push({
        id,
        name: r.name,
        code: r.reason.code,
        message: r.reason.message,
        params: r.reason.params,
      });
    }
  }
  return rejected;
}

/**
 * The first id that a request carries twice with different bodies, if any: a device never does
 * that (its outbox is keyed by id), so the request is refused whole.
 */
export function reusedIdWithin(mutations: readonly WireMutation[]): number | undefined {
  const count = new Map<number, number>();
  for (const m of mutations) count.set(m.id, (count.get(m.id) ?? 0) + 1);
  const seen = new Map<number, string>();
  for (const m of mutations) {
    if (count.get(m.id) === 1) continue;
    const hash = mutationBodyHash(m);
    const before = seen.get(m.id);
    if (before !== undefined && before !== hash) return m.id;
    seen.set(m.id, hash);
  }
  return undefined;
}

export async function processPush(
  db: Database,
  device: AuthedDevice,
  request: PushRequest,
  hooks: PushHooks = NO_HOOKS,
): Promise<PushResponse> {
  // Ids define the order: a batch that arrives shuffled is applied in id order, once per id.
  const byId = new Map<number, WireMutation>();
  for (const m of request.mutations) if (!byId.has(m.id)) byId.set(m.id, m);
  const mutations = [...byId.values()].sort((a, b) => a.id - b.id);

  let last = await lastIdOf(db, device.id);
  let gap: PushResponse['gap'];
  let next = 0;
  while (next < mutations.length) {
    const head = mutations[next];
    if (!head) break;
    // Cheap pre-checks; the transaction checks again under the lock.
    if (last !== null && head.id <= last) {
      next++;
      continue;
    }
    if (last !== null && head.id > last + 1) {
      gap = { expected: last + 1, received: head.id };
      break;
    }
    const group = groupFrom(mutations, next);
    let outcome: Outcome;
    try {
      outcome = await applyGroup(db, device, group, hooks);
    } catch (error) {
      await rethrowIfDatabaseFailed(db, error);
      // A mutation failed (the database refused a value, a hook threw): one mutation at a time
      // finds which one, and records it as rejected, so the queue keeps moving.
      outcome = await applySingly(db, device, group, hooks);
    }
    if (outcome.kind === 'gap') {
      gap = { expected: (outcome.last ?? 0) + 1, received: head.id };
      last = outcome.last;
      break;
    }
    last = outcome.last;
  }
  // After the commits: nothing above waited for a sender or a provider.
  hooks.notifier?.wake();
  hooks.tracking?.wake();
  hooks.channels?.wake();
  const answered = mutations.filter((m) => last !== null && m.id <= last);
  const rejected = await rejectionsOf(db, device.id, answered);
  const reused = new Set(rejected.flatMap((r) => (r.code === 'id_reused' ? [r.id] : [])));
  if (reused.size > 0)
    await resyncReused(
      db,
      device,
      answered.filter((m) => reused.has(m.id)),
    );
  return {
    protocolVersion: PROTOCOL_VERSION,
    lastMutationId: last ?? 0,
    rejected,
    ...(gap ? { gap } : {}),
  };
}

/**
 * A refused reused id changed nothing here, but its device already shows the change: the
 * entities it names are logged again (under the seller's lock, like any write) so that the
 * device's next pull brings back the server's version, as for any other rejection.
 */
async function resyncReused(db: Database, device: AuthedDevice, mutations: WireMutation[]): Promise<void> {
  const orders: string[] = [];
  const parcels: string[] = [];
  let settings = false;
  for (const m of mutations) {
    const parsed = parse(m);
    if (!parsed.ok) continue;
    const t = targetsOf(parsed.mutation);
    orders.push(...t.orders);
    parcels.push(...t.parcels);
    settings ||= t.settings;
  }
  if (orders.length + parcels.length === 0 && !settings) return;
  await db.transaction(async (tx) => {
    await lockSellerFor(db, tx, device.sellerId);
    await tx.query(
      `INSERT INTO sync_changes (seller_id, kind, entity_id, device_id)
       SELECT $1::uuid, 'order', id, $2::uuid FROM sync_orders WHERE seller_id = $1 AND id = ANY($3::text[])
       UNION ALL
       SELECT $1::uuid, 'parcel', id, $2::uuid FROM sync_parcels WHERE seller_id = $1 AND id = ANY($4::text[])
       UNION ALL
       SELECT $1::uuid, 'settings', 'settings', $2::uuid FROM sync_settings
        WHERE seller_id = $1 AND $5::boolean`,
      [device.sellerId, device.id, orders, parcels, settings],
    );
  });
}
