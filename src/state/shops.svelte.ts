/**
 * Settings → Shops and the "send again" of a shop confirmation: the seller's connections as the
 * server lists them, and the calls that change them. Everything here needs the server (the shop
 * keys live only there); offline, the screen says so and the orders already fetched stay usable.
 * Orders and confirmation steps arrive by pull, so after a change this asks sync to run.
 */
import type {
  AuthorizeRequest,
  ConfirmWhen,
  Connection,
  ConnectRequest,
  ConsentReturn,
} from '../core/channels/api.ts';
import type { DeviceAuth } from '../sync/api.ts';
import { SyncHttpError } from '../sync/api.ts';
import { createChannelsApi, type ChannelsApi } from '../sync/channels-api.ts';
import { browserFetcher } from '../platform/sync-triggers.ts';

export interface ShopsDeps {
  auth(): DeviceAuth | undefined;
  online(): boolean;
  syncNow(): Promise<void>;
  api?: ChannelsApi;
  /** Leaves the app for a channel's consent page (default: the browser goes there). */
  openConsent?: (url: string) => void;
}

/** Why a call failed, as a code the screen translates (`auth`, `exists`, `off`, ...). */
export class ShopsError extends Error {
  override readonly name = 'ShopsError';
  constructor(readonly code: string) {
    super(code);
  }
}

export class ShopsState {
  readonly #deps: ShopsDeps;
  readonly #api: ChannelsApi;
  #enabled = $state(true);
  #channels = $state.raw<readonly string[]>([]);
  #connections = $state.raw<readonly Connection[]>([]);
  #loaded = $state(false);

  constructor(deps: ShopsDeps) {
    this.#deps = deps;
    this.#api = deps.api ?? createChannelsApi({ fetcher: browserFetcher });
  }

  /** Whether this device can reach the shop routes now (joined, online, not in offline mode). */
  get available(): boolean {
    return this.#deps.auth() !== undefined && this.#deps.online();
  }
  get joined(): boolean {
    return this.#deps.auth() !== undefined;
  }
  get enabled(): boolean {
    return this.#enabled;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  get channels(): readonly string[] {
    return this.#channels;
  }
  get connections(): readonly Connection[] {
    return this.#connections;
  }

  #auth(): DeviceAuth {
    const auth = this.#deps.auth();
    if (!auth || !this.#deps.online()) throw new ShopsError('offline');
    return auth;
  }

  async #call<T>(run: (auth: DeviceAuth) => Promise<T>): Promise<T> {
    try {
      return await run(this.#auth());
    } catch (error) {
      if (error instanceof ShopsError) throw error;
      if (error instanceof SyncHttpError) {
        if (error.code === 'network') throw new ShopsError('offline');
        if (error.code === 'channels_off') throw new ShopsError('off');
        throw new ShopsError(error.code);
      }
      throw error;
    }
  }

  async refresh(): Promise<void> {
    if (!this.available) return;
    const list = await this.#call((auth) => this.#api.list(auth));
    this.#enabled = list.enabled;
    this.#channels = list.channels;
    this.#connections = list.connections;
    this.#loaded = true;
  }

  async connect(request: ConnectRequest): Promise<Connection> {
    const connection = await this.#call((auth) => this.#api.connect(auth, request));
    await this.refresh();
    // The server fetches the new shop's orders right away; pull them in.
    void this.#deps.syncNow();
    return connection;
  }

  /**
   * Connects through the channel's own consent page: the server answers its URL and the browser
   * goes there; the channel sends it back to the server, which returns to Settings with
   * `?shops=<result>` (`consentReturnOf`).
   */
  async connectWithConsent(channel: string, request: AuthorizeRequest): Promise<void> {
    const url = await this.#call((auth) => this.#api.authorize(auth, channel, request));
    (this.#deps.openConsent ?? ((to: string) => window.location.assign(to)))(url);
  }

  /** Back from a consent page: the list anew, and the new shop's first orders pulled in. */
  async consentReturned(back: ConsentReturn): Promise<void> {
    if (!this.available) return;
    await this.refresh();
    if (back.result === 'connected') await this.#deps.syncNow();
  }

  /** When this connection's shipped orders are confirmed to the channel. */
  async setConfirmWhen(connectionId: string, confirmWhen: ConfirmWhen): Promise<void> {
    const updated = await this.#call((auth) => this.#api.update(auth, connectionId, { confirmWhen }));
    this.#connections = this.#connections.map((c) => (c.id === updated.id ? updated : c));
  }

  async remove(connectionId: string): Promise<void> {
    await this.#call((auth) => this.#api.remove(auth, connectionId));
    await this.refresh();
  }

  async fetchNow(connectionId: string): Promise<number> {
    const fetched = await this.#call((auth) => this.#api.fetchNow(auth, connectionId));
    await this.refresh();
    await this.#deps.syncNow();
    return fetched;
  }

  async sendAgain(confirmationId: string): Promise<void> {
    await this.#call((auth) => this.#api.sendAgain(auth, confirmationId));
    await this.#deps.syncNow();
  }
}
