/**
 * The repository whose large commits are written by the write worker (`WriteWorkerBridge`).
 * On the page, each IndexedDB request of a commit clones its row on the main thread, and the
 * request and its success event are objects of the page's heap: a bulk change of 10,000 orders
 * makes over 20,000 of them, and on a phone-class CPU its commit kept the main thread busy for
 * about 7 of its 8.5 s (one traced run; 0.3 s with the worker). With the worker, the page only
 * clones the change into small messages. Small commits stay on the page, where starting the
 * worker would cost more than it saves, and so do commits that report progress or can be
 * cancelled.
 *
 * The worker's repository tells the page's listeners, as another tab's would (its change
 * notification crosses by `BroadcastChannel`). A quota error from the worker is reported here too.
 */
import type { DexieRepository } from '../storage/dexie-repository.ts';
import { changeParts, changeRows } from '../storage/change-parts.ts';
import type { Change, Repository } from '../storage/repository.ts';
import { WriteWorkerUnavailable } from '../platform/write-worker.ts';
import { withCommit } from './with-commit.ts';

/** Rows from which a commit goes to the worker: more than one step of a commit on the page. */
export const WORKER_COMMIT_MIN_ROWS = 1_000;
/**
 * Rows per message to the worker. Each message's structured clone runs on the page in one piece;
 * the page yields between messages (`WriteWorkerBridge`), so a part must stay well under a slice.
 */
export const WORKER_PART_ROWS = 100;

export interface ChangeWriter {
  /** Writes the change made of `parts` in one transaction; rejects with `WriteWorkerUnavailable` when nothing could be. */
  commit(parts: readonly Change[]): Promise<void>;
}

export function committingInWorker<R extends Repository & Pick<DexieRepository, 'reportQuota'>>(
  repo: R,
  writer: ChangeWriter,
): R {
  return withCommit(repo, async (change, options = {}) => {
    if (options.signal || options.onProgress || changeRows(change) < WORKER_COMMIT_MIN_ROWS) {
      return repo.commit(change, options);
    }
    try {
      await writer.commit(changeParts(change, WORKER_PART_ROWS));
    } catch (error) {
      if (error instanceof WriteWorkerUnavailable) return repo.commit(change, options);
      throw repo.reportQuota(error);
    }
  });
}
