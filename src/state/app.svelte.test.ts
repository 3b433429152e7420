// @vitest-environment happy-dom
/**
 * How the state root is put together: on the shell's language and route, the rarely used states
 * built on first use (once), and the shell told whether the device holds orders each time they
 * have been read.
 */
import { describe, expect, it } from 'vitest';
import { makeOrder } from '../../test/factories.ts';
import { catalogFor } from '../core/i18n/index.ts';
import type { PrefsStorage } from '../platform/prefs-storage.ts';
import { DexieRepository } from '../storage/dexie-repository.ts';
import { DexieSyncStore } from '../storage/dexie-sync-store.ts';
import { pending } from '../platform/scheduling.ts';
import { AppState } from './app.svelte.ts';
import { ShellState } from './shell.svelte.ts';

let dbs = 0;

function memoryStorage(): PrefsStorage {
  const values = new Map<string, string>();
  return { read: (key) => values.get(key) ?? null, write: (key, value) => void values.set(key, value) };
}

function appOnShell(installedBefore = false, idle?: () => Promise<void>) {
  const repo = new DexieRepository(`app-state-${++dbs}`);
  const shell = new ShellState({
    preferredLanguages: ['sv'],
    catalogs: catalogFor,
    storage: memoryStorage(),
    installedBefore,
  });
  const app = new AppState(repo, new DexieSyncStore(repo), ['en'], {
    shell: { i18n: shell.i18n, router: shell.router },
    onOrdersRead: shell.rememberOrders,
    ...(idle ? { idle } : {}),
  });
  return { repo, shell, app };
}

describe('AppState: built on the shell', () => {
  it('carries on with the language and route the shell painted with', () => {
    const { repo, shell, app } = appOnShell();
    expect(app.i18n).toBe(shell.i18n);
    expect(app.router).toBe(shell.router);
    expect(app.i18n.locale).toBe('sv');
    repo.close();
  });

  it('tells the shell whether the device holds orders each time they are read', async () => {
    // Installed before and nothing remembered: the shell does not know.
    const { repo, shell, app } = appOnShell(true);
    expect(shell.expectNoOrders).toBe(false);
    await app.start();
    await expect.poll(() => shell.expectNoOrders).toBe(true);
    await repo.commit({ orders: [makeOrder({ status: 'new' })], events: [], mutations: [] });
    await expect.poll(() => shell.expectNoOrders).toBe(false);
    repo.close();
  });
});

describe('AppState: start-up', () => {
  it('reads what the first screen shows first, and starts sync only in the idle moment after', async () => {
    const quiet = pending();
    const { repo, shell, app } = appOnShell(true, () => quiet.promise);
    const started = app.start();
    await expect.poll(() => app.settings.loaded && app.orders.loaded).toBe(true);
    await expect.poll(() => shell.expectNoOrders).toBe(true);
    expect(app.sync.loaded).toBe(false);
    quiet.end();
    await started;
    expect(app.sync.loaded).toBe(true);
    repo.close();
  });
});

describe('AppState: states built on first use', () => {
  const lazyStates = [
    ['import', (app: AppState) => app.useImport(), (app: AppState) => app.import],
    ['tracking', (app: AppState) => app.useTracking(), (app: AppState) => app.tracking],
  ] as const;

  it.each(lazyStates)('%s: not there before its loader, then one instance', async (_name, use, read) => {
    const { repo, app } = appOnShell();
    expect(() => read(app)).toThrow(/before reading this state/);
    const [first, second] = await Promise.all([use(app), use(app)]);
    expect(first).toBe(second);
    expect(read(app)).toBe(first);
    expect(await use(app)).toBe(first);
    repo.close();
  });
});
