/**
 * The page's side of the write worker (`workers/write.worker.ts`): started on first use and kept
 * for the page's life, wrapped with Comlink. A change arrives already cut into small parts, each
 * a message (its structured clone runs on the page); the thread is given back every
 * `SLICE_BUDGET_MS` of sending, and the commit is asked for once every part is there.
 *
 * Should the worker not start, or fail before the commit was asked for, `commit` rejects with
 * `WriteWorkerUnavailable`: nothing was written, and the caller writes on the page instead (as
 * every later commit then does). Only the worker's type is imported here, never its code.
 */
import type { Remote } from 'comlink';
import type { Change, WriteWorkerApi } from '../../workers/write.worker.ts';
import { SLICE_BUDGET_MS, yieldToBrowser } from './scheduling.ts';
import { unlessFailed, watchedWorker } from './watched-worker.ts';

/** Nothing was written: the worker could not be started or stopped before the commit. */
export class WriteWorkerUnavailable extends Error {
  constructor(cause?: unknown) {
    super('The write worker is not available.', cause === undefined ? undefined : { cause });
    this.name = 'WriteWorkerUnavailable';
  }
}

export interface WriteWorkerOptions {
  /** Makes the worker as slow as a CPU this many times slower; benchmarks set it (`pacer`). */
  slowdown?: number;
  /** Starts the worker; tests hand in their own. */
  start?: () => Worker;
}

const startWriteWorker = (): Worker =>
  new Worker(new URL('../../workers/write.worker.ts', import.meta.url), {
    type: 'module',
    name: 'trackpack-write',
  });

export class WriteWorkerBridge {
  readonly #slowdown: number;
  readonly #startWorker: () => Worker;
  #remote: Remote<WriteWorkerApi> | undefined;
  /** Rejects when the worker fails. */
  #failed: Promise<never> | undefined;
  #unavailable = false;
  #next = 0;

  constructor({ slowdown = 1, start = startWriteWorker }: WriteWorkerOptions = {}) {
    this.#slowdown = slowdown;
    this.#startWorker = start;
  }

  /** Writes the change made of `parts` in one transaction in the worker. */
  async commit(parts: readonly Change[]): Promise<void> {
    const remote = this.#start();
    if (!remote) throw new WriteWorkerUnavailable();
    const id = ++this.#next;
    try {
      const staged: Promise<void>[] = [];
      let yieldAt = performance.now() + SLICE_BUDGET_MS;
      for (const part of parts) {
        if (this.#unavailable) break;
        const call = remote.stage(id, part);
        call.catch(() => undefined);
        staged.push(call);
        if (performance.now() >= yieldAt) {
          await yieldToBrowser();
          yieldAt = performance.now() + SLICE_BUDGET_MS;
        }
      }
      await this.#unlessFailed(Promise.all(staged));
    } catch (error) {
      if (!this.#unavailable) void remote.discard(id).catch(() => undefined);
      throw this.#unavailable ? new WriteWorkerUnavailable(error) : error;
    }
    if (this.#unavailable) throw new WriteWorkerUnavailable();
    await this.#unlessFailed(remote.commit(id));
  }

  #unlessFailed<T>(call: Promise<T>): Promise<T> {
    return unlessFailed(call, this.#failed);
  }

  #start(): Remote<WriteWorkerApi> | undefined {
    if (this.#remote || this.#unavailable) return this.#remote;
    try {
      ({ remote: this.#remote, failed: this.#failed } = watchedWorker<WriteWorkerApi>(this.#startWorker(), {
        name: 'The write worker',
        slowdown: this.#slowdown,
        onFail: () => {
          this.#unavailable = true;
          this.#remote = undefined;
        },
      }));
    } catch {
      this.#unavailable = true;
    }
    return this.#remote;
  }
}
