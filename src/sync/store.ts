/**
 * What the sync loop needs from local storage, and nothing more. It is implemented on Dexie next
 * to the repository; `MemorySyncStore` implements it for tests. Each method is ONE short
 * transaction; the loop never holds one across a `fetch` (it reads a batch, lets go, sends it,
 * then acknowledges in a new transaction).
 */
import type { OutboxEntry } from '../core/model/outbox.ts';
import type { PulledChanges, Rejection } from '../core/protocol/index.ts';

/** A mutation the server refused, kept on the device until the seller has seen it. */
export interface RecordedRejection extends Rejection {
  /** The outbox entry as it was (its args name the order, parcel or event). */
  args: unknown;
  createdAt: string;
}

export interface SyncStore {
  /**
   * Outbox entries, oldest (lowest `mutationId`) first, at most `limit`, with `args` in the wire
   * form (an `orders.import` expanded from its order ids with `expandImportMutation`).
   */
  pendingMutations(limit: number): Promise<OutboxEntry[]>;
  countPending(): Promise<number>;
  /**
   * In ONE transaction: store each rejection durably together with its outbox entry's `args` and
   * `createdAt` (as a `RecordedRejection`, for the order's page and the sync-problems list), then
   * delete every outbox entry with `mutationId <= upTo`. Rejections are sent again when a response
   * was lost, so storing one twice must keep one (key: `id`, the mutation id).
   */
  acknowledge(upTo: number, rejections: readonly Rejection[]): Promise<void>;
  /** The pull cursor; `INITIAL_CURSOR` ("0") before the first pull. */
  getCursor(): Promise<string>;
  /**
   * In ONE transaction, with the outbox in it:
   *  - orders, parcels, removed parcels and settings: write the server's version, EXCEPT for an
   *    entity that a pending outbox entry still changes (`pendingTargets(outbox)` from
   *    `src/core/protocol`): keep the server's version as its base and show the base with the
   *    pending mutations on top (`rebase`). A base that no pending entry changes any more is
   *    settled: the device shows it (the server had the mutations by then; a duplicate retry
   *    logs nothing new, so the base is the only copy of another device's edit pulled meanwhile);
   *  - events: add those not stored yet (events are write-once);
   *  - set the cursor.
   */
  applyPulled(changes: PulledChanges, cursor: string): Promise<void>;
  /**
   * One page of a snapshot of the shop (a new device, or one the server's pruned change log has
   * left behind), in ONE transaction with the outbox in it: the same rules as `applyPulled`
   * (an entity a pending outbox entry still changes is rebased on the page's version, and a base
   * the page brings again while nothing pending changes it is replaced by the page's version);
   * add the events not stored yet; set the cursor. Pages come in key order and may repeat after
   * an interruption.
   */
  applySnapshotPage(changes: PulledChanges, cursor: string): Promise<void>;
}

/**
 * What the device shows about sync besides the loop's work: the refusals kept for the seller and
 * how old the oldest unsent change is. Implemented next to `SyncStore` on Dexie.
 */
export interface SyncStatusStore {
  /** Refused mutations, newest first, for the sync-problems list and the order page. */
  rejections(): Promise<RecordedRejection[]>;
  /** The seller has seen a refusal and dismisses it. */
  dismissRejection(id: number): Promise<void>;
  /** `createdAt` of the oldest outbox entry; `undefined` when nothing waits. */
  oldestPendingAt(): Promise<string | undefined>;
}
