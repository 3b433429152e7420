/**
 * The page's side of the CSV worker: started lazily on first use, stopped after a while idle
 * (a phone should not keep a worker and its parsed file around), wrapped with Comlink. Only the
 * worker's type is imported here, never its code.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { CsvWorkerApi } from '../../workers/csv.worker.ts';

export type {
  ImportAnalysis,
  ImportMode,
  ImportProgress,
  ImportResult,
} from '../../workers/import-session.ts';

/** Stop the worker this long after the last call finished. */
const IDLE_TERMINATE_MS = 5 * 60 * 1000;

export type CsvWorker = Remote<CsvWorkerApi>;

export class CsvWorkerBridge {
  #worker: Worker | undefined;
  #remote: CsvWorker | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #busy = 0;

  /** Runs `fn` against the worker, starting it if needed. */
  async use<T>(fn: (remote: CsvWorker) => Promise<T>): Promise<T> {
    clearTimeout(this.#idleTimer);
    this.#busy++;
    try {
      return await fn(this.#start());
    } finally {
      this.#busy--;
      if (this.#busy === 0) this.#idleTimer = setTimeout(() => this.terminate(), IDLE_TERMINATE_MS);
    }
  }

  /** Stops the worker; anything it held (a parsed file) is gone. */
  terminate(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#remote = undefined;
  }

  #start(): CsvWorker {
    if (!this.#remote) {
      this.#worker = new Worker(new URL('../../workers/csv.worker.ts', import.meta.url), {
        type: 'module',
        name: 'trackpack-csv',
      });
      this.#remote = wrap<CsvWorkerApi>(this.#worker);
    }
    return this.#remote;
  }
}

/** Wraps a callback so the worker can call it across the boundary. */
export const callback = proxy;
