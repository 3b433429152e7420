/**
 * The data half of start-up, loaded by `main.ts` after the shell's first paint: opens the
 * repository (IndexedDB), builds the app's state root on the shell's language and route, and
 * brings the orders screen with it. The only place that chooses the concrete storage.
 */
import { AppState } from './state/app.svelte.ts';
import type { BulkStep } from './state/orders.svelte.ts';
import type { LoadedApp, ShellState } from './state/shell.svelte.ts';
import { DexieRepository } from './storage/dexie-repository.ts';
import { DexieSyncStore } from './storage/dexie-sync-store.ts';
import type { SyncStatusStore, SyncStore } from './sync/store.ts';
import OrdersScreen from './ui/screens/OrdersScreen.svelte';

export async function startApp(shell: ShellState): Promise<LoadedApp> {
  // The screens speak every message: the language's whole catalog first.
  await shell.i18n.ready();
  const repo = new DexieRepository();
  // The compiler checks here that the Dexie store is the store the sync loop and status expect.
  const syncStore: SyncStore & SyncStatusStore = new DexieSyncStore(repo);
  /**
   * A benchmark sets this before the page loads to time a bulk change's steps
   * (scripts/bench-orders.mjs, test/e2e/orders-perf.spec.ts); the app itself never sets it.
   */
  const onMeasure = (globalThis as { trackpackOnMeasure?: (step: BulkStep) => void }).trackpackOnMeasure;
  const app = new AppState(repo, syncStore, navigator.languages, {
    shell: { i18n: shell.i18n, router: shell.router },
    onOrdersRead: shell.rememberOrders,
    ...(onMeasure ? { onMeasure } : {}),
  });
  void app.start();
  return { app, OrdersScreen };
}
