/**
 * The app's state root: one instance, created in `main.ts` with the repository and the platform
 * adapters, and handed to the UI. Components read from it and call its methods; they never touch
 * storage or the network themselves.
 */
import type { Repository } from '../storage/repository.ts';
import { isOnline, onNetworkChange } from '../platform/network.ts';
import { onStaleChunk, registerServiceWorker, type ServiceWorkerControl } from '../platform/sw-update.ts';
import { I18n } from './i18n.svelte.ts';
import { ImportState } from './import.svelte.ts';
import { autoNotifying, NotifyState } from './notify.svelte.ts';
import { OrdersState } from './orders.svelte.ts';
import { Router } from './router.svelte.ts';
import { SettingsState } from './settings.svelte.ts';
import { SyncState } from './sync.svelte.ts';
import { ShopsState } from './shops.svelte.ts';
import { TrackingState } from './tracking.svelte.ts';
import type { DexieSyncStore } from '../storage/dexie-sync-store.ts';

export class UpdateState {
  #ready = $state(false);
  #offlineReady = $state(false);
  #staleChunk = $state(false);
  #control: ServiceWorkerControl | undefined;

  get ready(): boolean {
    return this.#ready;
  }
  get offlineReady(): boolean {
    return this.#offlineReady;
  }
  get staleChunk(): boolean {
    return this.#staleChunk;
  }

  start(): void {
    this.#control = registerServiceWorker({
      onUpdateReady: () => (this.#ready = true),
      onOfflineReady: () => (this.#offlineReady = true),
    });
    onStaleChunk(() => (this.#staleChunk = true));
  }

  apply(): void {
    if (this.#control && this.#ready) this.#control.applyUpdate();
    else window.location.reload();
  }

  dismiss(): void {
    this.#ready = false;
    this.#offlineReady = false;
  }
}

export class AppState {
  readonly repo: Repository;
  readonly i18n: I18n;
  readonly router = new Router();
  readonly settings: SettingsState;
  readonly orders: OrdersState;
  readonly update = new UpdateState();
  readonly import: ImportState;
  readonly tracking: TrackingState;
  readonly sync: SyncState;
  readonly notify: NotifyState;
  readonly shops: ShopsState;
  #online = $state(isOnline());
  #unsynced = $state(0);

  constructor(repo: Repository, syncStore: DexieSyncStore, preferredLanguages: readonly string[]) {
    this.repo = repo;
    this.sync = new SyncState(repo, syncStore);
    this.i18n = new I18n(preferredLanguages);
    this.shops = new ShopsState({
      auth: () => this.sync.deviceAuth,
      online: () => this.#online,
      syncNow: () => this.sync.syncNow(),
    });
    this.settings = new SettingsState(repo);
    // Every commit that can ship an order applies the "tell the buyer when shipped" rule.
    const shipping = autoNotifying(repo, () => this.settings.current.notifications);
    this.orders = new OrdersState(shipping);
    this.notify = new NotifyState(repo, () => this.settings.current);
    this.tracking = new TrackingState({
      repo: shipping,
      orders: this.orders,
      settings: () => this.settings.current,
      locale: () => this.i18n.locale,
    });
    this.import = new ImportState({
      // Ambiguous dates default to the seller's habit: month first only for US English.
      localeDateOrder: () => (this.i18n.dateLocale.code === 'en-US' ? 'MDY' : 'DMY'),
      // After the first import there is data worth keeping: ask the browser to persist it.
      onImported: () => {
        if (this.settings.storage.persistence !== 'persistent') void this.settings.persist();
      },
      holdReloads: () => this.orders.holdReloads(),
      shopCountry: () => this.settings.current.workflow.shopCountry,
    });
  }

  get online(): boolean {
    return this.#online;
  }

  /** Outbox entries not yet acknowledged by the backend. */
  get unsynced(): number {
    return this.#unsynced;
  }

  async start(): Promise<void> {
    onNetworkChange((online) => (this.#online = online));
    this.repo.subscribe(() => void this.#refresh());
    await this.settings.load();
    this.applySettingsLanguage();
    await this.#refresh();
    this.update.start();
    await this.sync.start();
  }

  applySettingsLanguage(): void {
    const { locale, dateFormat } = this.settings.current;
    this.i18n.choose(locale, dateFormat);
  }

  async #refresh(): Promise<void> {
    const [unsynced] = await Promise.all([this.repo.countPending(), this.orders.load()]);
    this.#unsynced = unsynced;
  }
}
