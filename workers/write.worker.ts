/**
 * The write worker: commits a large change (a bulk status change and its undo) to IndexedDB off
 * the page's main thread. The page sends the change in parts (`stage`), each a message of its
 * own, then asks for the commit: one transaction, as `Repository.commit` always is. Every request
 * of that transaction, and the garbage of tens of thousands of them, is then this thread's, not
 * the page's. A change only staged is dropped when its commit fails or is never asked for.
 * The page imports only the type `WriteWorkerApi`.
 */
import { expose } from 'comlink';
import { joinParts } from '../src/storage/change-parts.ts';
import { DexieRepository } from '../src/storage/dexie-repository.ts';
import type { Change } from '../src/storage/repository.ts';
import { pacer } from './paced.ts';

export type { Change } from '../src/storage/repository.ts';

/**
 * Longest stretch of writing between two looks at the worker's messages. The worker blocks no
 * page, so steps are long: fewer round trips to the database.
 */
const WORKER_STEP_BUDGET_MS = 100;

const repo = new DexieRepository();
const staged = new Map<number, Change[]>();
let slowdown = 1;
const pace = pacer(() => slowdown);

const api = {
  /** Makes this worker as slow as a CPU `factor` times slower (`pacer`); benchmarks only. */
  setSlowdown: (factor: number) => {
    slowdown = Math.max(1, factor);
  },
  /** Keeps one part of change `id` until its commit. */
  stage: pace((id: number, part: Change) => {
    const parts = staged.get(id);
    if (parts) parts.push(part);
    else staged.set(id, [part]);
  }),
  /**
   * Writes change `id`, all its parts in the order staged, in one transaction. The page asks for
   * it once every `stage` call has answered. Slowed down (see `setSlowdown`) by the time this
   * thread worked, not by the time it waited for the database: only the first is a CPU's.
   */
  commit: async (id: number) => {
    const parts = staged.get(id) ?? [];
    staged.delete(id);
    const started = performance.now();
    const change = joinParts(parts);
    let busyMs = performance.now() - started;
    await repo.commit(change, { stepBudgetMs: WORKER_STEP_BUDGET_MS, onStep: (ms) => (busyMs += ms) });
    const pause = (slowdown - 1) * busyMs;
    if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
  },
  /** Drops what was staged for change `id`. */
  discard: (id: number) => {
    staged.delete(id);
  },
};

export type WriteWorkerApi = typeof api;
expose(api);
