/**
 * The sync loop: decides WHEN to push and pull; `engine.ts` does one pass. No Svelte, no DOM:
 * the app calls the trigger methods from its own listeners (`online`, `visibilitychange`, the
 * service worker's Background Sync message, every local commit) and reads the status through
 * `subscribe`.
 *
 * ```
 *  triggers                                 +-----------------------------------------------+
 *  start() ------------------- now -------->|                                               |
 *  notifyLocalChange() -- PUSH_DEBOUNCE_MS ->|  one timer  -->  run() (one at a time; a     |
 *  networkChanged(true) ------ now -------->|  (earliest      trigger during a run sets      |
 *  visibilityChanged(true) -- now --------->|   wins; never   `again`, and the run repeats)  |
 *  backgroundSync() / syncNow() -- now ---->|   before the                                   |
 *  (idle, visible) ------- POLL_INTERVAL_MS->|   backoff ends)                               |
 *                                           +-----------------------+-----------------------+
 *                                                                   |
 *         offline mode on, or network down:  state = offline, in-flight request aborted,
 *         nothing scheduled, nothing sent                           |
 *                                                                   v
 *                                push batches until the outbox is empty, then pull pages
 *                                        |                                   |
 *                                   ok: idle, lastSyncedAt,            error: state = error,
 *                                   failures = 0                       failures += 1, retry after
 *                                                                      min(MAX_BACKOFF_MS,
 *                                                                      MIN_BACKOFF_MS * 2^(n-1))
 *                                                                      (jittered; Retry-After
 *                                                                      respected); an error no
 *                                                                      retry can fix (revoked,
 *                                                                      protocol, gap) waits for
 *                                                                      syncNow() instead
 * ```
 *
 * `online`, `syncNow` and `backgroundSync` reset the backoff (conditions changed, or a person
 * asked); a local commit or the tab becoming visible wait for it, so a failing server is not
 * hammered by typing. Queued work never expires here: the outbox is only emptied by the server's
 * acknowledgement.
 */
import { createSyncApi, SyncHttpError, type DeviceAuth, type SyncApi } from './api.ts';
import { syncOnce } from './engine.ts';
import type { Fetcher } from './fetcher.ts';
import type { SyncStore } from './store.ts';

export const PUSH_DEBOUNCE_MS = 1_000;
export const MIN_BACKOFF_MS = 2_000;
export const MAX_BACKOFF_MS = 5 * 60_000;
export const POLL_INTERVAL_MS = 60_000;

export type SyncState = 'idle' | 'syncing' | 'error' | 'offline';

/** Codes worth telling apart in the UI; others are HTTP-level codes from the server. */
export type SyncErrorCode =
  | 'network'
  | 'unauthorized'
  | 'unsupported_protocol'
  | 'rate_limited'
  | 'gap'
  | 'no_progress'
  | 'server'
  | 'bad_response'
  | (string & {});

export interface SyncErrorInfo {
  code: SyncErrorCode;
  message: string;
  /** Device time, ISO 8601. */
  at: string;
  /** False when only `syncNow()` (or new credentials) will try again. */
  willRetry: boolean;
}

export interface SyncStatus {
  state: SyncState;
  /** When a run last completed without error; `null` before the first. */
  lastSyncedAt: string | null;
  lastError: SyncErrorInfo | null;
  /** Outbox entries not yet acknowledged. */
  pending: number;
  /** When the next automatic attempt is due after an error; `null` when none is planned. */
  nextRetryAt: string | null;
  /** The seller's offline-mode switch. */
  offlineMode: boolean;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export interface SyncLoopOptions {
  store: SyncStore;
  auth: DeviceAuth;
  /** The network; `globalThis.fetch.bind(globalThis)` in the browser. */
  fetcher?: Fetcher;
  baseUrl?: string;
  /** Instead of `fetcher`/`baseUrl` (tests). */
  api?: SyncApi;
  offlineMode?: boolean;
  /** `navigator.onLine` at start. */
  networkOnline?: boolean;
  clock?: Clock;
  /** Jitter source, [0, 1). */
  random?: () => number;
  debounceMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** 0 turns polling off. */
  pollIntervalMs?: number;
}

type Listener = (status: SyncStatus) => void;

/** Errors a retry cannot fix: wait until a person acts. */
const FATAL = new Set(['unauthorized', 'forbidden', 'device_mismatch', 'unsupported_protocol', 'gap']);

export class SyncLoop {
  readonly #store: SyncStore;
  readonly #api: SyncApi;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #debounceMs: number;
  readonly #minBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #pollMs: number;
  #auth: DeviceAuth;
  #listeners = new Set<Listener>();
  #status: SyncStatus;
  #started = false;
  #visible = true;
  #networkOnline: boolean;
  #timer: { handle: unknown; due: number } | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #failures = 0;
  #backoffUntil = 0;
  #fatal = false;
  #abort: AbortController | null = null;

  constructor(options: SyncLoopOptions) {
    this.#store = options.store;
    this.#auth = options.auth;
    this.#api =
      options.api ??
      createSyncApi({
        fetcher: options.fetcher ?? ((url, init) => globalThis.fetch(url, init)),
        ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
      });
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#debounceMs = options.debounceMs ?? PUSH_DEBOUNCE_MS;
    this.#minBackoffMs = options.minBackoffMs ?? MIN_BACKOFF_MS;
    this.#maxBackoffMs = options.maxBackoffMs ?? MAX_BACKOFF_MS;
    this.#pollMs = options.pollIntervalMs ?? POLL_INTERVAL_MS;
    this.#networkOnline = options.networkOnline ?? true;
    const offlineMode = options.offlineMode ?? false;
    this.#status = {
      state: offlineMode || !this.#networkOnline ? 'offline' : 'idle',
      lastSyncedAt: null,
      lastError: null,
      pending: 0,
      nextRetryAt: null,
      offlineMode,
    };
  }

  get status(): SyncStatus {
    return { ...this.#status };
  }

  /** Calls `listener` now and after every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    listener(this.status);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#refreshPending();
    this.#schedule(0);
  }

  /** Stops timers and aborts a request in flight; `start()` resumes. */
  stop(): void {
    this.#started = false;
    this.#cancelTimer();
    this.#abort?.abort();
  }

  /**
   * After every local commit: push PUSH_DEBOUNCE_MS after the first commit of a burst, with all
   * that came meanwhile. Not a trailing debounce: a steady stream of scans must not postpone the
   * push for ever.
   */
  notifyLocalChange(): void {
    void this.#refreshPending();
    this.#schedule(this.#debounceMs);
  }

  /** From the `online`/`offline` events. */
  networkChanged(online: boolean): void {
    this.#networkOnline = online;
    if (online) this.#resetBackoff();
    this.#offlineChanged();
  }

  /** From `visibilitychange`: catch up when the seller comes back; no polling while hidden. */
  visibilityChanged(visible: boolean): void {
    this.#visible = visible;
    if (visible) this.#schedule(0);
    else if (this.#status.pending === 0 && this.#failures === 0) this.#cancelTimer();
  }

  /** The seller's offline-mode switch: no network use at all while on. */
  setOfflineMode(on: boolean): void {
    this.#update({ offlineMode: on });
    if (!on) this.#resetBackoff();
    this.#offlineChanged();
  }

  /** New credentials (re-paired) or none: clears a fatal error and tries again. */
  setAuth(auth: DeviceAuth): void {
    this.#auth = auth;
    this.#resetBackoff();
    this.#schedule(0);
  }

  /** The Sync now button; resolves when a run has finished (whatever its outcome). */
  syncNow(): Promise<void> {
    this.#resetBackoff();
    return this.#runNow();
  }

  /** A Background Sync event: pass the promise to `event.waitUntil`. */
  backgroundSync(): Promise<void> {
    this.#resetBackoff();
    return this.#runNow();
  }

  #isOffline(): boolean {
    return this.#status.offlineMode || !this.#networkOnline;
  }

  #offlineChanged(): void {
    if (this.#isOffline()) {
      this.#cancelTimer();
      this.#abort?.abort();
      this.#update({ state: 'offline', nextRetryAt: null });
    } else {
      if (this.#status.state === 'offline')
        this.#update({ state: this.#status.lastError ? 'error' : 'idle' });
      this.#schedule(0);
    }
  }

  #resetBackoff(): void {
    this.#failures = 0;
    this.#backoffUntil = 0;
    this.#fatal = false;
  }

  #update(patch: Partial<SyncStatus>): void {
    this.#status = { ...this.#status, ...patch };
    const snapshot = this.status;
    for (const listener of this.#listeners) listener(snapshot);
  }

  async #refreshPending(): Promise<void> {
    const pending = await this.#store.countPending();
    if (pending !== this.#status.pending) this.#update({ pending });
  }

  #cancelTimer(): void {
    if (this.#timer) this.#clock.clearTimeout(this.#timer.handle);
    this.#timer = null;
  }

  /** Plans a run in `delayMs`, not before the backoff ends; an earlier plan wins. */
  #schedule(delayMs: number): void {
    if (!this.#started || this.#isOffline() || this.#fatal) return;
    const due = Math.max(this.#clock.now() + delayMs, this.#backoffUntil);
    if (this.#timer && this.#timer.due <= due) return;
    this.#cancelTimer();
    const handle = this.#clock.setTimeout(() => {
      this.#timer = null;
      void this.#runNow();
    }, due - this.#clock.now());
    this.#timer = { handle, due };
  }

  /** Runs now, or once more after the run in progress. */
  #runNow(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    if (this.#isOffline()) return Promise.resolve();
    this.#cancelTimer();
    this.#running = this.#run().finally(() => {
      this.#running = null;
      if (this.#again) {
        this.#again = false;
        this.#schedule(0);
      }
    });
    return this.#running;
  }

  async #run(): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    this.#update({ state: 'syncing' });
    try {
      await syncOnce({ api: this.#api, store: this.#store, auth: this.#auth, signal: abort.signal });
      this.#failures = 0;
      this.#backoffUntil = 0;
      this.#fatal = false;
      this.#update({
        state: 'idle',
        lastSyncedAt: new Date(this.#clock.now()).toISOString(),
        lastError: null,
        nextRetryAt: null,
      });
      if (this.#visible && this.#pollMs > 0) this.#schedule(this.#pollMs);
    } catch (error) {
      if (abort.signal.aborted) {
        // Offline mode or stop() cut the request: not an error, and nothing is lost.
        this.#update({ state: this.#isOffline() ? 'offline' : 'idle' });
      } else {
        this.#failed(error);
      }
    } finally {
      this.#abort = null;
      await this.#refreshPending().catch(() => undefined);
    }
  }

  #failed(error: unknown): void {
    const http = error instanceof SyncHttpError ? error : undefined;
    const code: SyncErrorCode = http
      ? http.status >= 500 && http.code.startsWith('http_')
        ? 'server'
        : http.code
      : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    const at = new Date(this.#clock.now()).toISOString();
    if (FATAL.has(code)) {
      this.#fatal = true;
      this.#update({ state: 'error', lastError: { code, message, at, willRetry: false }, nextRetryAt: null });
      return;
    }
    this.#failures++;
    const base = Math.min(this.#maxBackoffMs, this.#minBackoffMs * 2 ** (this.#failures - 1));
    // Equal jitter: devices that failed together do not all come back in the same millisecond.
    const delay = Math.max(base / 2 + (this.#random() * base) / 2, http?.retryAfterMs ?? 0);
    this.#backoffUntil = this.#clock.now() + delay;
    this.#update({
      state: 'error',
      lastError: { code, message, at, willRetry: true },
      nextRetryAt: new Date(this.#backoffUntil).toISOString(),
    });
    this.#schedule(0);
  }
}
