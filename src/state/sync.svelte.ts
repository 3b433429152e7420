/**
 * Sync as the seller sees it: whether this device belongs to a shop account, the sync status
 * (last synced, unsynced count, errors), the offline-mode switch, pairing another device, the
 * device list, and the changes the server refused (per order too, named and explained in the
 * seller's language by `rejectedChange`/`rejectionReason`). The loop itself lives in src/sync;
 * this class wires it to the browser (online/offline, visibility, local commits) and to the screen.
 */
import {
  isMutationName,
  type DeviceInfo,
  type MutationName,
  type PairingCodeResponse,
  type SecurityEvent,
} from '../core/protocol/index.ts';
import type { MessageKey, Params, Translate } from '../core/i18n/index.ts';
import type { OrderId } from '../core/ids.ts';
import { HOLD_REASONS, ORDER_STATUSES, type HoldReason, type OrderStatus } from '../core/model/order.ts';
import { REFUSAL_CODES, type RefusalCode } from '../core/workflow/status-machine.ts';
import { createSyncApi, SyncLoop, type DeviceAuth, type SyncApi, type SyncStatus } from '../sync/index.ts';
import type { Repository } from '../storage/repository.ts';
import type { RecordedRejection, SyncStatusStore, SyncStore } from '../sync/store.ts';
import { browserFetcher, onBackgroundSync, requestBackgroundSync } from '../platform/sync-triggers.ts';
import { isOnline, onNetworkChange } from '../platform/network.ts';
import { electLeader, TabChannel } from '../platform/tab-leader.ts';

const CREDENTIALS_KEY = 'sync-credentials';
const OFFLINE_MODE_KEY = 'sync-offline-mode';
const LAST_SYNCED_KEY = 'sync-last-synced-at';
/** The Web Lock whose holder runs this browser's one sync loop. */
const LEADER_LOCK = 'trackpack-sync-leader';

/**
 * Between tabs: the leader shares its loop's status; the others ask it to sync now, or to pick up
 * settings they changed (credentials after joining, offline mode).
 */
type TabMessage =
  { kind: 'status'; status: SyncStatus } | { kind: 'syncNow' } | { kind: 'reload' } | { kind: 'hello' };

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

/** A field of the outbox args a rejection kept (`unknown`: they are whatever the device sent). */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** The order a refused change was about: `args.orderId`, a parcel's or a new order's id. */
export function rejectionOrderId(rejection: Pick<RecordedRejection, 'args'>): OrderId | undefined {
  const { args } = rejection;
  const id =
    field(args, 'orderId') ?? field(field(args, 'parcel'), 'orderId') ?? field(field(args, 'order'), 'id');
  return typeof id === 'string' ? (id as OrderId) : undefined;
}

const isStatus = (value: unknown): value is OrderStatus =>
  typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
const isHoldReason = (value: unknown): value is HoldReason =>
  typeof value === 'string' && (HOLD_REASONS as readonly string[]).includes(value);
const isRefusal = (code: string): code is RefusalCode => (REFUSAL_CODES as readonly string[]).includes(code);

function statusName(value: unknown, t: Translate): string {
  return isStatus(value) ? t(`status.order.${value}`) : typeof value === 'string' ? value : '';
}

/** What each kind of change is called in the lists of refused changes. */
const CHANGE_KEYS = {
  'orders.import': 'devices.change.import',
  'settings.update': 'devices.change.settings',
  'order.transition': 'devices.change.transition',
  'order.edit': 'devices.change.edit',
  'order.create': 'devices.change.create',
  'parcel.upsert': 'devices.change.parcelSave',
  'parcel.remove': 'devices.change.parcelRemove',
  'order.note': 'devices.change.note',
  'notify.request': 'devices.change.notify',
  'parcel.retrack': 'devices.change.retrack',
} as const satisfies Record<MutationName, MessageKey>;

/** Rejection codes with a text of their own (the rest are status-machine refusals or unknown). */
const REJECTION_KEYS: Readonly<Record<string, MessageKey>> = {
  invalid_args: 'sync.rejected.invalid_args',
  unknown_mutation: 'sync.rejected.unknown_mutation',
  order_unknown: 'sync.rejected.order_unknown',
  status_stale: 'sync.rejected.status_stale',
  too_large: 'sync.rejected.too_large',
  unprocessable: 'sync.rejected.unprocessable',
  id_reused: 'sync.rejected.id_reused',
  no_recipient: 'notify.rejected.no_recipient',
  source_excluded: 'notify.rejected.source_excluded',
  no_tracking_provider: 'notify.rejected.no_tracking_provider',
  parcel_unknown: 'notify.rejected.parcel_unknown',
};

/** Refusals of the account routes (setup code, sign-up, recovery code) with a text of their own. */
const ACCESS_ERRORS: Readonly<Record<string, MessageKey>> = {
  setup_code_required: 'access.error.setup_code_required',
  setup_code_invalid: 'access.error.setup_code_invalid',
  signup_closed: 'access.error.signup_closed',
  recovery_code_required: 'access.error.recovery_code_required',
  recovery_code_invalid: 'access.error.recovery_code_invalid',
};

/** Why an account action failed, in the seller's language where the server said why. */
export function accountFailure(error: unknown, t: Translate): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const key = ACCESS_ERRORS[code];
  if (key) return t(key);
  return error instanceof Error ? error.message : String(error);
}

/** What the refused change was, as the seller reads it ("Set to “Shipped”", "Undo: back to “New”"). */
export function rejectedChange(rejection: Pick<RecordedRejection, 'name' | 'args'>, t: Translate): string {
  const { name, args } = rejection;
  if (!isMutationName(name)) return t('devices.change.other');
  const params: Params = {};
  if (name === 'order.transition') {
    params['to'] = statusName(field(args, 'to'), t);
    if (field(args, 'undoes') !== undefined) return t('devices.change.undo', params);
  }
  if (name === 'orders.import') params['fileName'] = String(field(args, 'fileName') ?? '');
  if (name === 'parcel.upsert')
    params['trackingNumber'] = String(field(field(args, 'parcel'), 'trackingNumber') ?? '');
  return t(CHANGE_KEYS[name], params);
}

/**
 * Why the server refused a change, in the seller's language: the text for its code, a status
 * refusal in the words the device itself would use, else the server's English `message`.
 */
export function rejectionReason(
  rejection: Pick<RecordedRejection, 'code' | 'params' | 'message'>,
  t: Translate,
): string {
  const { code, params } = rejection;
  const key = REJECTION_KEYS[code];
  if (key) return t(key, params);
  if (!isRefusal(code)) return rejection.message;
  const shown: Params = {};
  for (const [name, value] of Object.entries(params)) {
    if (name === 'reason') shown[name] = isHoldReason(value) ? t(`workflow.holdReason.${value}`) : value;
    else shown[name] = isStatus(value) ? statusName(value, t) : value;
  }
  return t('sync.rejected.status', { reason: t(`workflow.refused.${code}`, shown) });
}

export class SyncState {
  readonly #repo: Repository;
  readonly #store: SyncStore & SyncStatusStore;
  readonly #api: SyncApi = createSyncApi({ fetcher: browserFetcher });
  #loop: SyncLoop | undefined;
  #credentials = $state.raw<StoredCredentials | undefined>(undefined);
  #status = $state.raw<SyncStatus>(IDLE);
  #offlineMode = $state(false);
  #devices = $state.raw<DeviceInfo[]>([]);
  #pairing = $state.raw<PairingCodeResponse | undefined>(undefined);
  #rejections = $state.raw<RecordedRejection[]>([]);
  #loaded = $state(false);
  #leader = $state(false);
  /** The last successful sync as stored, so it survives a reload and reaches every tab. */
  #lastSyncedAt = $state<string | null>(null);
  #tabs: TabChannel<TabMessage> | undefined;
  /** A recovery code just issued, shown until the seller says it is written down; never stored. */
  #recoveryCode = $state<string | undefined>(undefined);
  #securityEvents = $state.raw<SecurityEvent[]>([]);

  constructor(repo: Repository, store: SyncStore & SyncStatusStore) {
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
  /** This device's credentials for the backend's other routes (shops); undefined before joining. */
  get deviceAuth(): DeviceAuth | undefined {
    const c = this.#credentials;
    return c && !this.#offlineMode ? { deviceId: c.deviceId, token: c.token } : undefined;
  }

  /** The shop account this device syncs with, if any. */
  get accountId(): string | undefined {
    return this.#credentials?.sellerId;
  }
  get status(): SyncStatus {
    const status = this.#status;
    return status.lastSyncedAt || !this.#lastSyncedAt
      ? status
      : { ...status, lastSyncedAt: this.#lastSyncedAt };
  }
  /** Whether this tab runs the browser's sync loop (one tab does; the others show its status). */
  get leader(): boolean {
    return this.#leader;
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
  get rejections(): readonly RecordedRejection[] {
    return this.#rejections;
  }
  /** The shop's recovery code, right after it was issued (creation, recovery, renewal). */
  get recoveryCode(): string | undefined {
    return this.#recoveryCode;
  }
  get securityEvents(): readonly SecurityEvent[] {
    return this.#securityEvents;
  }
  /**
   * Whether revoking `deviceId` would leave no device besides this one: the server then asks for
   * the recovery code, so the screen asks for it first.
   */
  isLastOtherDevice(deviceId: string): boolean {
    return !this.#devices.some((d) => !d.current && !d.revokedAt && d.id !== deviceId);
  }
  /** The refused changes of one order, newest first (for the notice on the order). */
  rejectionsFor(orderId: OrderId): readonly RecordedRejection[] {
    return this.#rejections.filter((r) => rejectionOrderId(r) === orderId);
  }

  async start(): Promise<void> {
    this.#offlineMode = (await this.#repo.getLocal<boolean>(OFFLINE_MODE_KEY)) ?? false;
    this.#credentials = await this.#repo.getLocal<StoredCredentials>(CREDENTIALS_KEY);
    this.#lastSyncedAt = (await this.#repo.getLocal<string>(LAST_SYNCED_KEY)) ?? null;
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
    this.#tabs = new TabChannel<TabMessage>('sync', (message) => void this.#onTabMessage(message));
    electLeader(
      LEADER_LOCK,
      () => {
        this.#leader = true;
        if (this.#credentials) this.#startLoop(this.#credentials);
      },
      () => {
        this.#leader = false;
        this.#loop?.stop();
        this.#loop = undefined;
        this.#tabs?.post({ kind: 'hello' });
      },
    );
  }

  async #onTabMessage(message: TabMessage): Promise<void> {
    switch (message.kind) {
      case 'status':
        if (!this.#leader) this.#status = message.status;
        if (message.status.lastSyncedAt) this.#lastSyncedAt = message.status.lastSyncedAt;
        return;
      case 'hello':
        if (this.#leader) this.#tabs?.post({ kind: 'status', status: this.#status });
        return;
      case 'syncNow':
        if (this.#leader) await this.#loop?.syncNow();
        return;
      case 'reload': {
        this.#offlineMode = (await this.#repo.getLocal<boolean>(OFFLINE_MODE_KEY)) ?? false;
        const credentials = await this.#repo.getLocal<StoredCredentials>(CREDENTIALS_KEY);
        const joined = credentials && credentials.token !== this.#credentials?.token;
        this.#credentials = credentials;
        if (!this.#leader) return;
        if (joined) this.#startLoop(credentials);
        else this.#loop?.setOfflineMode(this.#offlineMode);
        return;
      }
    }
  }

  /**
   * The first device: creates the shop's account on the backend. The server's first shop needs
   * the setup code it printed; a server in hosted mode takes more without one.
   */
  async createAccount(shopName: string, deviceName: string, setupCode = ''): Promise<void> {
    const deviceId = await this.#repo.deviceId();
    const credentials = await this.#api.createAccount({
      shopName,
      deviceId,
      deviceName,
      ...(setupCode.trim() !== '' && { setupCode: setupCode.trim() }),
    });
    this.#recoveryCode = credentials.recoveryCode;
    await this.#adopt(credentials);
  }

  /** Every device lost or revoked: a new one joins with the recovery code (which is then replaced). */
  async recover(recoveryCode: string, deviceName: string): Promise<void> {
    const deviceId = await this.#repo.deviceId();
    const credentials = await this.#api.recover({ recoveryCode, deviceId, deviceName });
    this.#recoveryCode = credentials.recoveryCode;
    await this.#adopt(credentials);
  }

  /** A new recovery code for the current one (none asked while the shop has none). */
  async renewRecoveryCode(currentCode: string): Promise<void> {
    const auth = this.#credentials;
    if (!auth) return;
    const trimmed = currentCode.trim();
    this.#recoveryCode = await this.#api.renewRecoveryCode(auth, trimmed === '' ? undefined : trimmed);
    await this.refreshSecurityEvents();
  }

  /** The seller has written the recovery code down: it leaves the screen and this device. */
  forgetRecoveryCode(): void {
    this.#recoveryCode = undefined;
  }

  async refreshSecurityEvents(): Promise<void> {
    const auth = this.#credentials;
    if (!auth || this.#offlineMode) return;
    this.#securityEvents = await this.#api.securityEvents(auth);
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

  /** Revokes a device; the recovery code is needed when it is the last one besides this. */
  async revoke(deviceId: string, recoveryCode?: string): Promise<void> {
    const auth = this.#credentials;
    if (!auth) return;
    const trimmed = recoveryCode?.trim();
    await this.#api.revokeDevice(auth, deviceId, trimmed === '' ? undefined : trimmed);
    await this.refreshDevices();
    await this.refreshSecurityEvents();
  }

  async setOfflineMode(on: boolean): Promise<void> {
    this.#offlineMode = on;
    await this.#repo.setLocal(OFFLINE_MODE_KEY, on);
    this.#loop?.setOfflineMode(on);
    this.#tabs?.post({ kind: 'reload' });
  }

  /** Syncs now: here when this tab leads, else in the leading tab. */
  syncNow(): Promise<void> {
    if (!this.#leader) {
      this.#tabs?.post({ kind: 'syncNow' });
      return Promise.resolve();
    }
    return this.#loop?.syncNow() ?? Promise.resolve();
  }

  async dismissRejection(id: number): Promise<void> {
    await this.dismissRejections([id]);
  }

  /** The seller has seen these refusals (all of one order's, say) and dismisses them. */
  async dismissRejections(ids: readonly number[]): Promise<void> {
    for (const id of ids) await this.#store.dismissRejection(id);
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
    if (this.#leader) this.#startLoop(stored);
    else this.#tabs?.post({ kind: 'reload' });
    // The device list and the log as they are now; the account works without them.
    await Promise.allSettled([this.refreshDevices(), this.refreshSecurityEvents()]);
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
    loop.subscribe((status) => {
      const synced = status.lastSyncedAt;
      if (synced && synced !== this.#status.lastSyncedAt) {
        this.#lastSyncedAt = synced;
        void this.#repo.setLocal(LAST_SYNCED_KEY, synced);
      }
      this.#status = status;
      this.#tabs?.post({ kind: 'status', status });
    });
    this.#loop = loop;
    loop.start();
  }
}

export type { SyncStatus } from '../sync/index.ts';
