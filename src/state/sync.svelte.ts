/**
 * Sync as the seller sees it: whether this device belongs to a shop account, the sync status
 * (last synced, unsynced count, errors), the offline-mode switch, pairing another device, the
 * device list, and the changes the server refused. The loop itself lives in src/sync; this class
 * wires it to the browser (online/offline, visibility, local commits) and to the screen.
 */
import type { DeviceInfo, PairingCodeResponse } from '../core/protocol/index.ts';
import { createSyncApi, SyncLoop, type DeviceAuth, type SyncApi, type SyncStatus } from '../sync/index.ts';
import type { Repository } from '../storage/repository.ts';
import type { DexieSyncStore } from '../storage/dexie-sync-store.ts';
import type { RejectionRow } from '../storage/db.ts';
import { browserFetcher, onBackgroundSync, requestBackgroundSync } from '../platform/sync-triggers.ts';
import { isOnline, onNetworkChange } from '../platform/network.ts';

const CREDENTIALS_KEY = 'sync-credentials';
const OFFLINE_MODE_KEY = 'sync-offline-mode';

interface StoredCredentials extends DeviceAuth {
  sellerId: string;
  shopName: string;
}

const IDLE: SyncStatus = {
  state: 'idle',
  lastSyncedAt: null,
  lastError: null,
  pending: 0,
  nextRetryAt: null,
  offlineMode: false,
};

export class SyncState {
  readonly #repo: Repository;
  readonly #store: DexieSyncStore;
  readonly #api: SyncApi = createSyncApi({ fetcher: browserFetcher });
  #loop: SyncLoop | undefined;
  #credentials = $state.raw<StoredCredentials | undefined>(undefined);
  #status = $state.raw<SyncStatus>(IDLE);
  #offlineMode = $state(false);
  #devices = $state.raw<DeviceInfo[]>([]);
  #pairing = $state.raw<PairingCodeResponse | undefined>(undefined);
  #rejections = $state.raw<RejectionRow[]>([]);
  #loaded = $state(false);

  constructor(repo: Repository, store: DexieSyncStore) {
    this.#repo = repo;
    this.#store = store;
  }

  get loaded(): boolean {
    return this.#loaded;
  }
  /** The shop this device syncs with; undefined until an account is created or joined. */
  get account(): { shopName: string; deviceId: string } | undefined {
    const c = this.#credentials;
    return c ? { shopName: c.shopName, deviceId: c.deviceId } : undefined;
  }
  get status(): SyncStatus {
    return this.#status;
  }
  get offlineMode(): boolean {
    return this.#offlineMode;
  }
  get devices(): readonly DeviceInfo[] {
    return this.#devices;
  }
  get pairing(): PairingCodeResponse | undefined {
    return this.#pairing;
  }
  get rejections(): readonly RejectionRow[] {
    return this.#rejections;
  }

  async start(): Promise<void> {
    this.#offlineMode = (await this.#repo.getLocal<boolean>(OFFLINE_MODE_KEY)) ?? false;
    this.#credentials = await this.#repo.getLocal<StoredCredentials>(CREDENTIALS_KEY);
    this.#rejections = await this.#store.rejections();
    this.#loaded = true;
    this.#repo.subscribe(() => {
      this.#loop?.notifyLocalChange();
      void this.#store.rejections().then((r) => (this.#rejections = r));
      // Where the browser offers it, let it wake us for the outbox when the network returns.
      if (!isOnline()) void requestBackgroundSync();
    });
    onNetworkChange((online) => this.#loop?.networkChanged(online));
    document.addEventListener('visibilitychange', () =>
      this.#loop?.visibilityChanged(document.visibilityState === 'visible'),
    );
    onBackgroundSync(() => void this.#loop?.backgroundSync());
    if (this.#credentials) this.#startLoop(this.#credentials);
  }

  /** The first device: creates the shop's account on the backend. */
  async createAccount(shopName: string, deviceName: string): Promise<void> {
    const deviceId = await this.#repo.deviceId();
    const credentials = await this.#api.createAccount({ shopName, deviceId, deviceName });
    await this.#adopt(credentials);
  }

  /** Another device joins with the code shown on the first one. */
  async join(code: string, deviceName: string): Promise<void> {
    const deviceId = await this.#repo.deviceId();
    const credentials = await this.#api.claimPairingCode({ code, deviceId, deviceName });
    await this.#adopt(credentials);
  }

  async showPairingCode(): Promise<void> {
    const auth = this.#credentials;
    if (!auth) return;
    this.#pairing = await this.#api.requestPairingCode(auth);
  }

  hidePairingCode(): void {
    this.#pairing = undefined;
  }

  async refreshDevices(): Promise<void> {
    const auth = this.#credentials;
    if (!auth || this.#offlineMode) return;
    this.#devices = await this.#api.listDevices(auth);
  }

  async revoke(deviceId: string): Promise<void> {
    const auth = this.#credentials;
    if (!auth) return;
    await this.#api.revokeDevice(auth, deviceId);
    await this.refreshDevices();
  }

  async setOfflineMode(on: boolean): Promise<void> {
    this.#offlineMode = on;
    await this.#repo.setLocal(OFFLINE_MODE_KEY, on);
    this.#loop?.setOfflineMode(on);
  }

  syncNow(): Promise<void> {
    return this.#loop?.syncNow() ?? Promise.resolve();
  }

  async dismissRejection(id: number): Promise<void> {
    await this.#store.dismissRejection(id);
    this.#rejections = await this.#store.rejections();
  }

  async #adopt(credentials: StoredCredentials): Promise<void> {
    const stored: StoredCredentials = {
      sellerId: credentials.sellerId,
      deviceId: credentials.deviceId,
      token: credentials.token,
      shopName: credentials.shopName,
    };
    await this.#repo.setLocal(CREDENTIALS_KEY, stored);
    this.#credentials = stored;
    this.#startLoop(stored);
  }

  #startLoop(auth: DeviceAuth): void {
    this.#loop?.stop();
    const loop = new SyncLoop({
      store: this.#store,
      auth: { deviceId: auth.deviceId, token: auth.token },
      fetcher: browserFetcher,
      offlineMode: this.#offlineMode,
      networkOnline: isOnline(),
    });
    loop.subscribe((status) => (this.#status = status));
    this.#loop = loop;
    loop.start();
  }
}

export type { SyncStatus } from '../sync/index.ts';
