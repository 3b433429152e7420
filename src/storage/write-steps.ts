/**
 * Many writes in ONE IndexedDB transaction without a long task on the thread that makes them.
 * Each request's structured clone of its value runs on the calling thread, so requests are made
 * in steps: as many as fit in a time budget, then the thread is given back. Two steps are kept
 * ahead of the database: the first two are made at once, and each later one from the success
 * callback of the first request of the step two before it, a task of its own. The database then
 * always has more than a step queued while the thread clones the next one. With only the rest of
 * the current step queued, it waited on the thread between steps: a restore of 100,000 orders in
 * 40 ms steps took 15.9 s that way, and 12.4 s with two steps ahead. A transaction stays alive while a request is pending, and a request may only be made
 * while it is active (inside a request's callback), so every step is still the same transaction:
 * all of it commits or none of it. Nothing here catches a failed request: it aborts the
 * transaction, and with it every step before and after.
 *
 * Plain IndexedDB, no Dexie: Dexie's promise and middleware layers per call cost more than the
 * database's own work for rows this small (see `DexieRepository.commit`).
 */

/** Steps made and not yet started on by the database. */
const STEPS_AHEAD = 2;

export interface StoreWrite {
  store: IDBObjectStore;
  /** `add` fails on a key that exists, which aborts the transaction; `delete` takes keys. */
  method: 'put' | 'add' | 'delete';
  items: readonly unknown[];
  /** The value to store for an item (the item itself when absent). */
  row?: (item: unknown, index: number) => unknown;
  /** Called with (items written, items) every `progressEvery` items and after the last one. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

export interface WriteStepsOptions {
  /** Longest stretch of requests made before the thread is given back, in milliseconds. */
  stepBudgetMs: number;
  /** Most requests in one step, whatever the budget. */
  stepMax?: number;
  /** A millisecond clock for the budget. */
  now?: () => number;
  /** Told how long each step ran on the calling thread, in milliseconds (by `now`). */
  onStep?: (ms: number) => void;
}

/**
 * Makes every write of `all` in order, in steps. Their stores belong to one transaction, which must
 * be active when this is called (from a request's callback, or right after creating it). Resolves
 * once the last request has succeeded; the transaction then commits on its own. Rejects with the
 * error of a failed request or of a value that cannot be stored (the transaction is aborted by
 * then). The clock is read after every request, so one slow value ends its step.
 */
export function writeInSteps(all: readonly StoreWrite[], options: WriteStepsOptions): Promise<void> {
  const writes = all.filter((write) => write.items.length > 0);
  const now = options.now ?? (() => performance.now());
  const stepMax = Math.max(1, Math.floor(options.stepMax ?? Infinity));
  return new Promise<void>((resolve, reject) => {
    let w = 0;
    let i = 0;
    const fail = (request: IDBRequest) => () =>
      reject(request.error ?? new Error('An IndexedDB write failed.'));
    let done = false;
    const step = () => {
      if (done) return;
      const started = now();
      try {
        makeStep();
        options.onStep?.(now() - started);
      } catch (error) {
        // A value that cannot be stored (no valid key, not cloneable) throws instead of failing
        // its request: abort here, or what the earlier steps wrote would be committed.
        (writes[w] as StoreWrite).store.transaction.abort();
        reject(error);
      }
    };
    const makeStep = () => {
      const until = now() + options.stepBudgetMs;
      let first: IDBRequest | undefined;
      let made = 0;
      for (;;) {
        if (w < writes.length && i >= (writes[w] as StoreWrite).items.length) {
          w++;
          i = 0;
        }
        const write = writes[w];
        if (!write) break;
        if (made > 0 && (made >= stepMax || now() >= until)) break;
        const item = write.items[i];
        const request =
          write.method === 'delete'
            ? write.store.delete(item as IDBValidKey)
            : write.store[write.method](write.row ? write.row(item, i) : item);
        i++;
        made++;
        first ??= request;
        const { onProgress, progressEvery = Infinity } = write;
        const total = write.items.length;
        if (onProgress && (i === total || i % progressEvery === 0)) {
          const done = i;
          request.addEventListener('success', () => onProgress(done, total));
        }
        const last = w === writes.length - 1 && i === total;
        if (last) {
          done = true;
          request.addEventListener('success', () => resolve());
          request.addEventListener('error', fail(request));
          return;
        }
      }
      if (!first) {
        done = true;
        resolve();
        return;
      }
      first.addEventListener('success', step);
      first.addEventListener('error', fail(first));
    };
    for (let ahead = 0; ahead < STEPS_AHEAD; ahead++) step();
  });
}
