/**
 * The data half of start-up, loaded by `main.ts` after the shell's first paint: opens the
 * repository (IndexedDB), builds the app's state root on the shell's language and route, and
 * brings the orders screen with it. The only place that chooses the concrete storage.
 *
 * It arrives in stages. A browser evaluates a dynamically imported module graph in one task, and
 * the whole data half evaluated at once held a phone's main thread for well over 100 ms; so each
 * stage below is imported on its own and evaluated in a task of its own, the largest libraries
 * first (Dexie, valibot's protocol schemas, the phone-number metadata, the country names, date-fns
 * with its locales), each stage finding the ones before it already evaluated, and the state root
 * is built and started in tasks of their own too. Every stage is a chunk the service worker
 * precaches, so an offline start loads the same way.
 */
import type { BulkStep } from './state/orders.svelte.ts';
import type { LoadedApp, ShellState } from './state/shell.svelte.ts';
import type { SyncStatusStore, SyncStore } from './sync/store.ts';
import { yieldToBrowser } from './platform/scheduling.ts';

export async function startApp(shell: ShellState): Promise<LoadedApp> {
  // The screens speak every message: the language's whole catalog first.
  await shell.i18n.ready();
  const { DexieRepository } = await import('./storage/dexie-repository.ts');
  const { DexieSyncStore } = await import('./storage/dexie-sync-store.ts');
  await import('./core/protocol/schemas.ts');
  await import('./core/notifications/phone.ts');
  await import('./core/address/check-address.ts');
  await import('./state/date-formatting.ts');
  const { AppState } = await import('./state/app.svelte.ts');
  const { committingInWorker } = await import('./state/worker-commits.ts');
  const { WriteWorkerBridge } = await import('./platform/write-worker.ts');
  await yieldToBrowser();
  /**
   * The phone-class benchmark sets this too (scripts/bench-orders.mjs): DevTools throttles only the
   * page's main thread, so the search and write workers slow themselves down by the same factor.
   */
  const slowdown = (globalThis as { trackpackWorkerSlowdown?: number }).trackpackWorkerSlowdown;
  // Large commits (a bulk change of thousands of orders) are written by a worker of their own.
  const repo = committingInWorker(new DexieRepository(), new WriteWorkerBridge(slowdown ? { slowdown } : {}));
  // The compiler checks here that the Dexie store is the store the sync loop and status expect.
  const syncStore: SyncStore & SyncStatusStore = new DexieSyncStore(repo);
  /**
   * A benchmark sets this before the page loads to time a bulk change's steps
   * (scripts/bench-orders.mjs, test/e2e/orders-perf.spec.ts); the app itself never sets it.
   */
  const onMeasure = (globalThis as { trackpackOnMeasure?: (step: BulkStep) => void }).trackpackOnMeasure;
  const { SEARCH_WORKERS, ShardedSearchBuilder, WorkerSearchBuilder } =
    await import('./platform/search-worker.ts');
  const searchBuilder = new ShardedSearchBuilder(
    Array.from({ length: SEARCH_WORKERS }, () => new WorkerSearchBuilder(slowdown ? { slowdown } : {})),
  );
  const app = new AppState(repo, syncStore, navigator.languages, {
    shell: { i18n: shell.i18n, router: shell.router },
    onOrdersRead: shell.rememberOrders,
    searchBuilder,
    ...(onMeasure ? { onMeasure } : {}),
  });
  await yieldToBrowser();
  void app.start();
  const { default: OrdersScreen } = await import('./ui/screens/OrdersScreen.svelte');
  return { app, OrdersScreen };
}
