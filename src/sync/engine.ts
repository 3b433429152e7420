/**
 * One sync pass, without scheduling: push the outbox in batches until it is empty, then pull
 * pages until the server has no more. The loop (`loop.ts`) decides when to call these; tests call
 * them directly. Each store call is its own short transaction: read a batch, let go, send it,
 * then acknowledge in a new transaction.
 */
import type { OutboxEntry } from '../core/model/outbox.ts';
import {
  MAX_PUSH_BODY_BYTES,
  MAX_PUSH_MUTATIONS,
  OVERSIZED_MUTATION,
  PROTOCOL_VERSION,
  type WireMutation,
} from '../core/protocol/index.ts';
import { SyncHttpError, type DeviceAuth, type SyncApi } from './api.ts';
import type { SyncStore } from './store.ts';

export interface SyncContext {
  api: SyncApi;
  store: SyncStore;
  auth: DeviceAuth;
  signal?: AbortSignal;
}

/** Room for the request envelope around the mutations. */
const ENVELOPE_BYTES = 1024;
const encoder = new TextEncoder();

function wireOf(entry: OutboxEntry): WireMutation {
  return { id: entry.mutationId, name: entry.name, args: entry.args, createdAt: entry.createdAt };
}

/**
 * The longest prefix of `entries` whose request stays under `maxBytes`; always at least one
 * mutation. One that is alone over the limit is sent as an `OVERSIZED_MUTATION` marker, which the
 * server records as rejected: it must not block the queue, and must not vanish without a word.
 */
export function batchOf(
  entries: readonly OutboxEntry[],
  maxBytes: number = MAX_PUSH_BODY_BYTES,
): WireMutation[] {
  const batch: WireMutation[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const entry of entries) {
    const wire = wireOf(entry);
    const size = encoder.encode(JSON.stringify(wire)).length + 1;
    if (bytes + size > maxBytes) {
      if (batch.length > 0) break;
      batch.push({ ...wire, name: OVERSIZED_MUTATION, args: { name: entry.name, bytes: size } });
      break;
    }
    batch.push(wire);
    bytes += size;
  }
  return batch;
}

export interface PushSummary {
  sent: number;
  rejected: number;
}

/** Pushes until the outbox is empty. Throws `SyncHttpError` (`gap`, `no_progress`, HTTP codes). */
export async function pushPending(
  ctx: SyncContext,
  batchLimit: number = MAX_PUSH_MUTATIONS,
): Promise<PushSummary> {
  const summary: PushSummary = { sent: 0, rejected: 0 };
  for (;;) {
    const entries = await ctx.store.pendingMutations(batchLimit);
    const mutations = batchOf(entries);
    const first = mutations[0];
    if (!first) return summary;
    const response = await ctx.api.push(
      ctx.auth,
      { protocolVersion: PROTOCOL_VERSION, deviceId: ctx.auth.deviceId, mutations },
      ctx.signal,
    );
    const last = response.lastMutationId;
    if (last >= first.id) {
      await ctx.store.acknowledge(
        last,
        response.rejected.filter((r) => r.id <= last),
      );
      summary.sent += mutations.filter((m) => m.id <= last).length;
      summary.rejected += response.rejected.length;
      continue;
    }
    // Nothing of this batch was taken. The server expects an id we no longer have (it lost data,
    // or this device's outbox was reset): resending cannot fix that, a person has to look.
    if (response.gap && response.gap.expected < first.id) {
      throw new SyncHttpError(
        200,
        'gap',
        `The server expects change ${response.gap.expected}, the oldest here is ${first.id}`,
      );
    }
    throw new SyncHttpError(200, 'no_progress', `The server took none of changes ${first.id}..`);
  }
}

/**
 * Pulls pages until the server has no more; returns the number of pages applied. A snapshot
 * (first pull, or a cursor behind the server's pruned change log) arrives as pages marked
 * `snapshot`, written by the store's own path for them; the change log follows on its own.
 */
export async function pullAll(ctx: SyncContext): Promise<number> {
  let pages = 0;
  for (;;) {
    const cursor = await ctx.store.getCursor();
    const page = await ctx.api.pull(
      ctx.auth,
      { protocolVersion: PROTOCOL_VERSION, deviceId: ctx.auth.deviceId, cursor },
      ctx.signal,
    );
    const { protocolVersion: _v, cursor: next, more, snapshot, ...changes } = page;
    if (snapshot) await ctx.store.applySnapshotPage(changes, next);
    else await ctx.store.applyPulled(changes, next);
    pages++;
    if (!more) return pages;
  }
}

/** Push, then pull: what one run of the loop does. */
export async function syncOnce(ctx: SyncContext): Promise<PushSummary> {
  const summary = await pushPending(ctx);
  await pullAll(ctx);
  return summary;
}
