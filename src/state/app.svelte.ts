/**
 * The app's state root: one instance, created in `main.ts` with the repository and the platform
 * adapters, and handed to the UI. Components read from it and call its methods; they never touch
 * storage or the network themselves.
 */
import type { SearchBuilder } from '../platform/search-worker.ts';
import type { Repository } from '../storage/repository.ts';
import type { DexieRepository, StorageProblem } from '../storage/dexie-repository.ts';
import { DexieBackupStore } from '../storage/backup-store.ts';
import { unsyncedTooLong } from '../core/backup/reminders.ts';
import { isOnline, onNetworkChange } from '../platform/network.ts';
import { mayClearAfterInactivity } from '../platform/persistence.ts';
import { browserIdle, yieldToBrowser } from '../platform/scheduling.ts';
import { BackupState } from './backup.svelte.ts';
import { onStaleChunk, registerServiceWorker, type ServiceWorkerControl } from '../platform/sw-update.ts';
import { I18n, type CatalogSource } from './i18n.svelte.ts';
import { DATE_FORMATTING } from './date-formatting.ts';
import { loadCatalog } from '../platform/catalogs.ts';
import type { ImportState } from './import.svelte.ts';
import { autoNotifying, NotifyState } from './notify.svelte.ts';
import { OrdersState, type BulkStep } from './orders.svelte.ts';
import { Router } from './router.svelte.ts';
import { SettingsState } from './settings.svelte.ts';
import { SyncState } from './sync.svelte.ts';
import { ShopsState } from './shops.svelte.ts';
import type { TrackingSheetState } from './tracking-sheet.svelte.ts';
import type { SyncStatusStore, SyncStore } from '../sync/store.ts';

const PERSIST_ASKED_KEY = 'storage-persist-asked';
const EVICTION_NOTICE_KEY = 'storage-eviction-notice-seen';

export type { StorageProblem };

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
  readonly router: Router;
  readonly settings: SettingsState;
  readonly orders: OrdersState;
  readonly update = new UpdateState();
  readonly sync: SyncState;
  readonly notify: NotifyState;
  readonly shops: ShopsState;
  readonly backup: BackupState;
  readonly #syncStore: SyncStore & SyncStatusStore;
  readonly #now: () => number;
  /** The repository every commit that can ship an order goes through. */
  readonly #shipping: Repository;
  readonly #import: OnFirstUse<ImportState>;
  readonly #tracking: OnFirstUse<TrackingSheetState>;
  readonly #onOrdersRead: ((count: number) => void) | undefined;
  readonly #idle: () => Promise<void>;
  #online = $state(isOnline());
  #unsynced = $state(0);
  #unsyncedOld = $state(false);
  #storageProblem = $state<StorageProblem | null>(null);
  #evictionNotice = $state(false);

  constructor(
    repo: DexieRepository,
    syncStore: SyncStore & SyncStatusStore,
    preferredLanguages: readonly string[],
    options: {
      now?: () => number;
      catalogs?: CatalogSource;
      onMeasure?: (step: BulkStep) => void;
      /** Builds the order search index (`OrdersOptions.searchBuilder`). */
      searchBuilder?: SearchBuilder;
      /** The language and route the shell painted with; the app carries on with the same ones. */
      shell?: { i18n: I18n; router: Router };
      /** Told the number of orders on the device each time they have been read. */
      onOrdersRead?: (count: number) => void;
      /** Resolves when start-up work nothing on screen waits for may run (default `browserIdle`). */
      idle?: () => Promise<void>;
    } = {},
  ) {
    this.repo = repo;
    this.#syncStore = syncStore;
    this.#now = options.now ?? Date.now;
    repo.onProblem((problem) => {
      // An upgrade waiting for another tab is the most urgent to act on; it is not overwritten.
      if (this.#storageProblem !== 'versionchange') this.#storageProblem = problem;
    });
    this.sync = new SyncState(repo, syncStore);
    this.i18n = options.shell?.i18n ?? new I18n(preferredLanguages, options.catalogs ?? loadCatalog);
    this.i18n.useDates(DATE_FORMATTING);
    this.router = options.shell?.router ?? new Router();
    this.#onOrdersRead = options.onOrdersRead;
    this.#idle = options.idle ?? (() => browserIdle());
    this.shops = new ShopsState({
      auth: () => this.sync.deviceAuth,
      online: () => this.#online,
      syncNow: () => this.sync.syncNow(),
    });
    this.settings = new SettingsState(repo);
    // Every commit that can ship an order applies the "tell the buyer when shipped" rule.
    this.#shipping = autoNotifying(repo, () => this.settings.current.notifications);
    this.orders = new OrdersState(this.#shipping, {
      ...(options.onMeasure ? { onMeasure: options.onMeasure } : {}),
      ...(options.searchBuilder ? { searchBuilder: options.searchBuilder } : {}),
    });
    this.notify = new NotifyState(repo, () => this.settings.current);
    this.#import = new OnFirstUse('useImport', async () => {
      const { ImportState } = await import('./import.svelte.ts');
      return new ImportState({
        // Ambiguous dates default to the seller's habit: month first only for US English.
        localeDateOrder: () => (this.i18n.dateLocale?.code === 'en-US' ? 'MDY' : 'DMY'),
        // After the first import there is data worth keeping: ask the browser to persist it.
        onImported: () => {
          if (this.settings.storage.persistence !== 'persistent') void this.settings.persist();
        },
        holdReloads: () => this.orders.holdReloads(),
        shopCountry: () => this.settings.current.workflow.shopCountry,
        locale: () => this.i18n.locale,
      });
    });
    this.#tracking = new OnFirstUse('useTracking', async () => {
      const { TrackingSheetState } = await import('./tracking-sheet.svelte.ts');
      return new TrackingSheetState({
        repo: this.#shipping,
        orders: this.orders,
        settings: () => this.settings.current,
        locale: () => this.i18n.locale,
      });
    });
    this.backup = new BackupState({
      repo,
      store: new DexieBackupStore(repo),
      shop: () => ({
        name: this.sync.account?.shopName ?? this.settings.current.shop.shopName,
        accountId: this.sync.accountId ?? null,
      }),
      sync: () => ({ paired: this.sync.account !== undefined, lastSyncedAt: this.sync.status.lastSyncedAt }),
      afterRestore: async () => {
        await this.settings.load();
        this.applySettingsLanguage();
      },
      now: this.#now,
    });
  }

  /**
   * The import's state, built on first use: its code (the CSV worker's bridge, the file handling)
   * is loaded with the import screen, not at start-up. The import screen's loader awaits it.
   */
  useImport(): Promise<ImportState> {
    return this.#import.use();
  }

  /** The import's state once `useImport()` has resolved; a screen reaches it only after that. */
  get import(): ImportState {
    return this.#import.built;
  }

  /**
   * The tracking sheets' state (reading a carrier's or a marketplace's file, the export), built on
   * first use: its code is loaded with the tracking screen. The tracking screen's loader awaits it.
   */
  useTracking(): Promise<TrackingSheetState> {
    return this.#tracking.use();
  }

  /** The tracking sheets' state once `useTracking()` has resolved. */
  get tracking(): TrackingSheetState {
    return this.#tracking.built;
  }

  /** Trouble with the database itself (full, upgraded by another tab); null when none. */
  get storageProblem(): StorageProblem | null {
    return this.#storageProblem;
  }

  dismissStorageProblem(): void {
    if (this.#storageProblem === 'quota') this.#storageProblem = null;
  }

  /** Whether to say (once) that this browser may clear the data after 7 days without a visit. */
  get evictionNotice(): boolean {
    return this.#evictionNotice;
  }

  async dismissEvictionNotice(): Promise<void> {
    this.#evictionNotice = false;
    await this.repo.setLocal(EVICTION_NOTICE_KEY, true);
  }

  /** Changes have waited for the server for more than 24 hours. */
  get unsyncedOld(): boolean {
    return this.#unsyncedOld;
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
    // In a task of its own: a change is told from the task that completed its transaction, which
    // may also be working (a bulk change goes on to apply itself there), and the reads here cost
    // tens of milliseconds on a 4x slower CPU. Changes told meanwhile are read once.
    let refreshQueued = false;
    this.repo.subscribe(() => {
      if (refreshQueued) return;
      refreshQueued = true;
      void yieldToBrowser().then(() => {
        refreshQueued = false;
        return this.#refresh();
      });
    });
    await this.settings.load();
    this.applySettingsLanguage();
    await this.#refresh();
    // What the first screen shows is read. The rest (the service worker, the sync engine, the
    // backup reminder, the storage request) shows nothing yet: it waits for a quiet moment, so the
    // screen's first render is not one long task with it.
    await this.#idle();
    this.update.start();
    await this.sync.start();
    await this.backup.load();
    await this.#storageOnFirstUse();
    await this.#idle();
    this.i18n.prepareNumbers();
  }

  /**
   * The first time Trackpack runs in this browser, ask it to keep our data (the browser may
   * decide silently); and say once when it may clear the data after 7 days without a visit.
   */
  async #storageOnFirstUse(): Promise<void> {
    if (!(await this.repo.getLocal<boolean>(PERSIST_ASKED_KEY))) {
      await this.repo.setLocal(PERSIST_ASKED_KEY, true);
      await this.settings.refreshStorage();
      if (this.settings.storage.persistence === 'best-effort') await this.settings.persist();
    }
    if (mayClearAfterInactivity() && !(await this.repo.getLocal<boolean>(EVICTION_NOTICE_KEY)))
      this.#evictionNotice = true;
  }

  applySettingsLanguage(): void {
    const { locale, dateFormat } = this.settings.current;
    this.i18n.choose(locale, dateFormat);
  }

  async #refresh(): Promise<void> {
    const [unsynced, oldest] = await Promise.all([
      this.repo.countPending(),
      this.#syncStore.oldestPendingAt(),
      this.orders.load(),
    ]);
    this.#unsynced = unsynced;
    // Once the first page is in memory, `count` is above 0 if there are any orders at all.
    if (this.orders.loaded) this.#onOrdersRead?.(this.orders.count);
    this.#unsyncedOld = unsyncedTooLong(oldest, this.#now());
    void this.backup.refresh();
  }
}

/**
 * A state built on first use: `use()` loads its code and builds it once; `built` reads it after
 * that, and reading it before is a programming error.
 */
class OnFirstUse<T> {
  readonly #loader: string;
  readonly #build: () => Promise<T>;
  #loading: Promise<T> | undefined;
  #built: T | undefined;

  constructor(loader: string, build: () => Promise<T>) {
    this.#loader = loader;
    this.#build = build;
  }

  use(): Promise<T> {
    this.#loading ??= this.#build().then((built) => (this.#built = built));
    return this.#loading;
  }

  get built(): T {
    if (this.#built === undefined)
      throw new Error(`AppState: await ${this.#loader}() before reading this state`);
    return this.#built;
  }
}
