/**
 * The search worker: builds the order search index off the page's main thread. The page sends each
 * order's search fields as it reads them (`add`, in the page's own slot numbers) and asks for a
 * flat copy of the index (`snapshot`) that it queries on every keystroke without a round trip.
 * The page imports only the type `SearchWorkerApi`.
 */
import { expose, transfer } from 'comlink';
import { flatBuffers, type PackedEntries } from '../src/core/search/flat-index.ts';
import { IndexBuilder } from '../src/core/search/index-builder.ts';
import { pacer } from './paced.ts';

const builder = new IndexBuilder();
let slowdown = 1;
const pace = pacer(() => slowdown);

const api = {
  /** Makes this worker as slow as a CPU `factor` times slower (`pacer`); benchmarks only. */
  setSlowdown: (factor: number) => {
    slowdown = Math.max(1, factor);
  },
  add: pace((batch: PackedEntries, seq: number) => builder.add(batch, seq)),
  snapshot: pace(() => {
    const snapshot = builder.snapshot();
    return transfer(snapshot, flatBuffers(snapshot.flat));
  }),
};

export type SearchWorkerApi = typeof api;
expose(api);
