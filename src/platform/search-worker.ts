/**
 * Where the order search index is built. On the page: in search workers
 * (`workers/search.worker.ts`), so that indexing 100,000 orders never holds the main thread; the
 * page keeps only the flat copies the workers send back. In tests, and where a module worker cannot
 * start: in-process, with the same core code.
 *
 * Two workers share the orders (`ShardedSearchBuilder`, by slot): each indexes half of every page
 * read, on a core of its own, and makes half-size copies. Opening 100,000 orders on a CPU four
 * times slower, one worker finished indexing seconds after the page had read the last order.
 */
import { transfer, type Remote } from 'comlink';
import { packedBuffers, packEntries, type FlatIndex, type SlotEntry } from '../core/search/flat-index.ts';
import { IndexBuilder } from '../core/search/index-builder.ts';
import type { SearchWorkerApi } from '../../workers/search.worker.ts';
import { unlessFailed, watchedWorker } from './watched-worker.ts';

export interface SearchBuilder {
  /** Adds or replaces entries (in the caller's slot numbers); `seq` numbers the batches. */
  add(batch: readonly SlotEntry[], seq: number): Promise<void>;
  /**
   * Flat copies of the index with every batch sent before them (together they hold every entry,
   * each entry in one of them), and the last batch's `seq`.
   */
  snapshot(): Promise<{ flats: FlatIndex[]; seq: number }>;
  /**
   * Told when the builder lost what it was sent (its worker failed) and starts empty: the owner
   * sends every entry again.
   */
  onReset?: (() => void) | undefined;
}

export function inProcessSearchBuilder(): SearchBuilder {
  const builder = new IndexBuilder();
  return {
    add: async (batch, seq) => builder.add(packEntries(batch), seq),
    snapshot: async () => {
      const { flat, seq } = builder.snapshot();
      return { flats: [flat], seq };
    },
  };
}

/** Search workers the page starts. */
export const SEARCH_WORKERS = 2;

/**
 * Builders that each hold the entries whose slot is theirs (`slot % shards.length`): a batch is
 * split among them, each part sent with the batch's `seq` (an empty part too, so that every
 * builder's copies tell the last batch sent). A snapshot is every builder's copy.
 */
export class ShardedSearchBuilder implements SearchBuilder {
  readonly #shards: readonly SearchBuilder[];
  onReset: (() => void) | undefined;

  constructor(shards: readonly SearchBuilder[]) {
    if (shards.length === 0) throw new RangeError('ShardedSearchBuilder: no builders');
    this.#shards = shards;
    // A builder that lost its entries gets them again: the owner sends every entry to all.
    for (const shard of shards) shard.onReset = () => this.onReset?.();
  }

  async add(batch: readonly SlotEntry[], seq: number): Promise<void> {
    const count = this.#shards.length;
    const parts = this.#shards.map((): SlotEntry[] => []);
    for (const entry of batch) (parts[entry.slot % count] as SlotEntry[]).push(entry);
    await Promise.all(this.#shards.map((shard, k) => shard.add(parts[k] as SlotEntry[], seq)));
  }

  async snapshot(): Promise<{ flats: FlatIndex[]; seq: number }> {
    const copies = await Promise.all(this.#shards.map((shard) => shard.snapshot()));
    return {
      flats: copies.flatMap((copy) => copy.flats),
      seq: Math.min(...copies.map((copy) => copy.seq)),
    };
  }
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

  add(batch: readonly SlotEntry[], seq: number): Promise<void> {
    const remote = this.#start();
    if (!remote) return (this.#fallback as SearchBuilder).add(batch, seq);
    // One string and three buffers cross, not an object per entry (`packEntries`).
    const packed = packEntries(batch);
    return this.#unlessFailed(remote.add(transfer(packed, packedBuffers(packed)), seq));
  }

  snapshot(): Promise<{ flats: FlatIndex[]; seq: number }> {
    const remote = this.#start();
    if (!remote) return (this.#fallback as SearchBuilder).snapshot();
    return this.#unlessFailed(remote.snapshot()).then(({ flat, seq }) => ({ flats: [flat], seq }));
  }

  #unlessFailed<T>(call: Promise<T>): Promise<T> {
    return unlessFailed(call, this.#failed);
  }

  #start(): Remote<SearchWorkerApi> | undefined {
    if (this.#remote || this.#fallback) return this.#remote;
    try {
      const worker = new Worker(new URL('../../workers/search.worker.ts', import.meta.url), {
        type: 'module',
        name: 'trackpack-search',
      });
      ({ remote: this.#remote, failed: this.#failed } = watchedWorker<SearchWorkerApi>(worker, {
        name: 'search worker',
        slowdown: this.#slowdown,
        onFail: () => {
          this.#remote = undefined;
          this.#fallback = inProcessSearchBuilder();
          this.onReset?.();
        },
      }));
    } catch {
      this.#fallback = inProcessSearchBuilder();
    }
    return this.#remote;
  }
}
