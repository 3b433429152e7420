/**
 * Where the order search index is built. On the page: in the search worker
 * (`workers/search.worker.ts`), so that indexing 100,000 orders never holds the main thread; the
 * page keeps only the flat copies the worker sends back. In tests, and where a module worker cannot
 * start: in-process, with the same core code.
 */
import { transfer, wrap, type Remote } from 'comlink';
import { packedBuffers, type FlatIndex, type PackedEntries } from '../core/search/flat-index.ts';
import { IndexBuilder } from '../core/search/index-builder.ts';
import type { SearchWorkerApi } from '../../workers/search.worker.ts';

export interface SearchBuilder {
  /** Adds or replaces entries (in the caller's slot numbers); `seq` numbers the batches. */
  add(batch: PackedEntries, seq: number): Promise<void>;
  /** A flat copy of the index with every batch sent before it, and the last batch's `seq`. */
  snapshot(): Promise<{ flat: FlatIndex; seq: number }>;
  /**
   * Told when the builder lost what it was sent (its worker failed) and starts empty: the owner
   * sends every entry again.
   */
  onReset?: (() => void) | undefined;
}

export function inProcessSearchBuilder(): SearchBuilder {
  const builder = new IndexBuilder();
  return {
    add: async (batch, seq) => builder.add(batch, seq),
    snapshot: async () => builder.snapshot(),
  };
}

export interface WorkerSearchOptions {
  /** Makes the worker as slow as a CPU this many times slower; benchmarks set it (`pacer`). */
  slowdown?: number;
}

/**
 * The search index in a worker, started on first use and kept for the page's life. Should the
 * worker fail (its script cannot be loaded, or it throws), the index is built in-process from then
 * on: calls under way fail instead of waiting forever, and `onReset` asks for every entry again.
 */
export class WorkerSearchBuilder implements SearchBuilder {
  readonly #slowdown: number;
  #remote: Remote<SearchWorkerApi> | undefined;
  #fallback: SearchBuilder | undefined;
  /** Rejects when the worker fails. */
  #failed: Promise<never> | undefined;
  onReset: (() => void) | undefined;

  constructor({ slowdown = 1 }: WorkerSearchOptions = {}) {
    this.#slowdown = slowdown;
  }

  add(batch: PackedEntries, seq: number): Promise<void> {
    const remote = this.#start();
    if (!remote) return (this.#fallback as SearchBuilder).add(batch, seq);
    return this.#unlessFailed(remote.add(transfer(batch, packedBuffers(batch)), seq));
  }

  snapshot(): Promise<{ flat: FlatIndex; seq: number }> {
    const remote = this.#start();
    if (!remote) return (this.#fallback as SearchBuilder).snapshot();
    return this.#unlessFailed(remote.snapshot());
  }

  #unlessFailed<T>(call: Promise<T>): Promise<T> {
    return Promise.race([call, this.#failed as Promise<never>]);
  }

  #start(): Remote<SearchWorkerApi> | undefined {
    if (this.#remote || this.#fallback) return this.#remote;
    try {
      const worker = new Worker(new URL('../../workers/search.worker.ts', import.meta.url), {
        type: 'module',
        name: 'trackpack-search',
      });
      this.#failed = new Promise<never>((_, reject) =>
        worker.addEventListener('error', (event) => {
          reject(new Error(`search worker failed: ${event.message || 'not loaded'}`));
          worker.terminate();
          this.#remote = undefined;
          this.#fallback = inProcessSearchBuilder();
          this.onReset?.();
        }),
      );
      // Nobody may be waiting when it fails; the failure is reported to the calls under way.
      this.#failed.catch(() => undefined);
      this.#remote = wrap<SearchWorkerApi>(worker);
      if (this.#slowdown > 1) void this.#remote.setSlowdown(this.#slowdown);
    } catch {
      this.#fallback = inProcessSearchBuilder();
    }
    return this.#remote;
  }
}
