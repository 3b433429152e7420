/**
 * What the first paint needs, before IndexedDB is opened: the language and its catalog, the route,
 * and whether this device is known to hold orders. It owns no data: the app's state root
 * (`AppState`, with storage, sync and every screen's state) is built by the data half of the app,
 * loaded after the first paint, and handed over with `attach`. Until then the shell shows the
 * header, the navigation, the status strip and a placeholder for the first screen.
 *
 * Whether the device holds orders is remembered in the injected prefs storage (localStorage, read
 * synchronously), so that a new seller's first screen, the invitation to import, is painted by the
 * shell at once, and a seller with orders sees "Loading orders…" rather than "No orders yet".
 */
import type { Component } from 'svelte';
import type { AppState } from './app.svelte.ts';
import { I18n, type CatalogSource } from './i18n.svelte.ts';
import { Router } from './router.svelte.ts';
import type { UiPrefsState } from './ui-prefs.svelte.ts';
import type { PrefsStorage } from '../platform/prefs-storage.ts';
import type { FirstWords } from '../core/i18n/first-words.ts';
import { isOnline, onNetworkChange } from '../platform/network.ts';

const ORDERS_ON_DEVICE_KEY = 'trackpack.shell.ordersOnDevice';

/** The orders screen's props, as the shell hands them on. */
export interface OrdersScreenProps {
  app: AppState;
  prefs: UiPrefsState;
  onImport: () => void;
  [key: string]: unknown;
}

/** What the data half hands to the shell once it has loaded. */
export interface LoadedApp {
  app: AppState;
  OrdersScreen: Component<OrdersScreenProps>;
}

export class ShellState {
  readonly i18n: I18n;
  readonly router = new Router();
  readonly #storage: PrefsStorage;
  readonly #installedBefore: boolean;
  #loaded = $state.raw<LoadedApp | undefined>(undefined);
  #failed = $state(false);
  #ordersOnDevice = $state<'some' | 'none' | null>(null);
  #online = $state(isOnline());

  /**
   * @param installedBefore the page is controlled by an installed service worker, so this browser
   *   has run Trackpack before (and may hold orders even when the prefs storage forgot them)
   */
  constructor(options: {
    preferredLanguages: readonly string[];
    catalogs: CatalogSource;
    /** What the shell paints with before the catalog has arrived. */
    firstWords?: FirstWords;
    storage: PrefsStorage;
    installedBefore: boolean;
  }) {
    this.i18n = new I18n(
      options.preferredLanguages,
      options.catalogs,
      options.firstWords ? { firstWords: options.firstWords } : {},
    );
    this.#storage = options.storage;
    this.#installedBefore = options.installedBefore;
    const stored = options.storage.read(ORDERS_ON_DEVICE_KEY);
    this.#ordersOnDevice = stored === 'some' || stored === 'none' ? stored : null;
    onNetworkChange((online) => (this.#online = online));
  }

  /** Whether the browser believes it is online (the status strip's first word). */
  get online(): boolean {
    return this.#online;
  }

  /** The app's state root and the orders screen, once the data half has loaded. */
  get loaded(): LoadedApp | undefined {
    return this.#loaded;
  }

  /** The data half could not be loaded (a chunk missing offline after a broken update). */
  get failed(): boolean {
    return this.#failed;
  }

  /**
   * The shell may show the empty orders screen before the orders are read: the device was seen
   * holding none, or it is a first visit (never installed, nothing remembered).
   */
  get expectNoOrders(): boolean {
    return this.#ordersOnDevice === 'none' || (this.#ordersOnDevice === null && !this.#installedBefore);
  }

  /** Loads the data half and hands it to the UI; a failure is shown, not thrown. */
  async attach(load: () => Promise<LoadedApp>): Promise<LoadedApp | undefined> {
    try {
      const loaded = await load();
      this.#loaded = loaded;
      return loaded;
    } catch {
      this.#failed = true;
      return undefined;
    }
  }

  /** Called with the number of orders on the device each time they have been read. */
  rememberOrders = (count: number): void => {
    const next = count > 0 ? 'some' : 'none';
    if (next === this.#ordersOnDevice) return;
    this.#ordersOnDevice = next;
    this.#storage.write(ORDERS_ON_DEVICE_KEY, next);
  };
}
