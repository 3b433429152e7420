// @vitest-environment happy-dom
/**
 * The shell before the data half has loaded: whether it may paint the empty orders screen at once,
 * what it remembers about the device's orders, and how it takes the loaded app (or its failure).
 */
import { describe, expect, it } from 'vitest';
import { catalogFor } from '../core/i18n/index.ts';
import type { PrefsStorage } from '../platform/prefs-storage.ts';
import type { AppState } from './app.svelte.ts';
import { ShellState, type LoadedApp } from './shell.svelte.ts';

const KEY = 'trackpack.shell.ordersOnDevice';

/** A storage in memory, standing in for localStorage; `writes` counts what reached it. */
function memoryStorage(initial: Record<string, string> = {}): PrefsStorage & { writes: number } {
  const values = new Map(Object.entries(initial));
  return {
    writes: 0,
    read: (key) => values.get(key) ?? null,
    write(key, value) {
      this.writes++;
      values.set(key, value);
    },
  };
}

function shellOn(storage: PrefsStorage, installedBefore = false): ShellState {
  return new ShellState({ preferredLanguages: ['de'], catalogs: catalogFor, storage, installedBefore });
}

describe('ShellState: the first screen before the orders are read', () => {
  const cases: [string, Record<string, string>, boolean, boolean][] = [
    ['a first visit: nothing remembered, never installed', {}, false, true],
    ['installed before but nothing remembered (storage cleared)', {}, true, false],
    ['seen holding no orders', { [KEY]: 'none' }, true, true],
    ['seen holding no orders, not installed', { [KEY]: 'none' }, false, true],
    ['seen holding orders', { [KEY]: 'some' }, true, false],
    ['seen holding orders, not installed', { [KEY]: 'some' }, false, false],
    ['a value it does not know, installed', { [KEY]: 'many' }, true, false],
    ['a value it does not know, not installed', { [KEY]: 'many' }, false, true],
  ];
  it.each(cases)('%s', (_name, stored, installedBefore, expectNoOrders) => {
    expect(shellOn(memoryStorage(stored), installedBefore).expectNoOrders).toBe(expectNoOrders);
  });

  it('remembers for the next start whether orders were read, writing only changes', () => {
    const storage = memoryStorage();
    const shell = shellOn(storage, true);
    shell.rememberOrders(3);
    shell.rememberOrders(1);
    expect(storage.writes).toBe(1);
    expect(shellOn(storage, true).expectNoOrders).toBe(false);
    shell.rememberOrders(0);
    expect(storage.writes).toBe(2);
    expect(shellOn(storage, true).expectNoOrders).toBe(true);
  });

  it('speaks the preferred language with its catalog', async () => {
    const shell = shellOn(memoryStorage());
    await shell.i18n.ready();
    expect(shell.i18n.locale).toBe('de');
    expect(shell.i18n.t('orders.empty.title')).toBe('Noch keine Bestellungen');
  });
});

describe('ShellState: the data half', () => {
  it('hands over what the loader built', async () => {
    const shell = shellOn(memoryStorage());
    expect(shell.loaded).toBeUndefined();
    const loaded = { app: {} as AppState, OrdersScreen: (() => undefined) as unknown } as LoadedApp;
    await expect(shell.attach(() => Promise.resolve(loaded))).resolves.toBe(loaded);
    expect(shell.loaded).toBe(loaded);
    expect(shell.failed).toBe(false);
  });

  it('says so when the data half cannot be loaded, and keeps the shell', async () => {
    const shell = shellOn(memoryStorage());
    await expect(shell.attach(() => Promise.reject(new Error('chunk missing')))).resolves.toBeUndefined();
    expect(shell.failed).toBe(true);
    expect(shell.loaded).toBeUndefined();
  });
});
