import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  PROTOCOL_VERSION,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../core/protocol/index.ts';
import { SyncHttpError, type SyncApi } from './api.ts';
import { SyncLoop, type SyncStatus } from './loop.ts';
import { MemorySyncStore } from './memory-store.ts';

const AUTH = { deviceId: '00000000-0000-4000-8000-000000000001', token: 'tpd_test' };

/** A server stand-in: records pushes, answers from a script, and can hold a request open. */
class FakeApi implements Partial<SyncApi> {
  pushes: PushRequest[] = [];
  pulls = 0;
  last = 0;
  failNext: Error[] = [];
  /** Rejects these ids once applied. */
  reject = new Set<number>();
  /** Answer the first push with only part of it applied and a gap. */
  gapOnce = false;
  inFlight = 0;
  maxInFlight = 0;
  hold: Promise<void> | null = null;

  push = async (_auth: unknown, request: PushRequest, signal?: AbortSignal): Promise<PushResponse> => {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.hold) await this.hold;
      if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
      this.pushes.push(request);
      const error = this.failNext.shift();
      if (error) throw error;
      const ids = request.mutations.map((m) => m.id);
      if (this.gapOnce && ids.length > 2) {
        this.gapOnce = false;
        this.last = ids[1] ?? this.last;
        return {
          protocolVersion: PROTOCOL_VERSION,
          lastMutationId: this.last,
          rejected: [],
          gap: { expected: this.last + 1, received: this.last + 2 },
        };
      }
      for (const id of ids) if (id === this.last + 1) this.last = id;
      const rejected = request.mutations
        .filter((m) => this.reject.has(m.id))
        .map((m) => ({ id: m.id, name: m.name, code: 'invalid_args', message: 'bad', params: {} }));
      return { protocolVersion: PROTOCOL_VERSION, lastMutationId: this.last, rejected };
    } finally {
      this.inFlight--;
    }
  };

  pull = async (): Promise<PullResponse> => {
    this.pulls++;
    return {
      protocolVersion: PROTOCOL_VERSION,
      cursor: String(this.pulls),
      more: false,
      snapshot: false,
      orders: [],
      parcels: [],
      removedParcels: [],
      events: [],
      settings: null,
    };
  };
}

function setup(options: { offlineMode?: boolean; poll?: number } = {}) {
  const api = new FakeApi();
  const store = new MemorySyncStore();
  const loop = new SyncLoop({
    store,
    auth: AUTH,
    api: api as unknown as SyncApi,
    random: () => 1,
    debounceMs: 1_000,
    minBackoffMs: 1_000,
    maxBackoffMs: 30_000,
    pollIntervalMs: options.poll ?? 0,
    ...(options.offlineMode !== undefined ? { offlineMode: options.offlineMode } : {}),
  });
  const statuses: SyncStatus[] = [];
  loop.subscribe((s) => statuses.push(s));
  const commit = (note = 'x') => store.commit({ mutations: [{ name: 'order.note', args: { note } }] });
  return { api, store, loop, statuses, commit };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 20) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SyncLoop', () => {
  test('debounce: commits within PUSH_DEBOUNCE_MS of the first go in one push', async () => {
    const { api, loop, commit } = setup();
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.pushes).toHaveLength(0);
    for (let i = 0; i < 5; i++) {
      commit();
      loop.notifyLocalChange();
      await vi.advanceTimersByTimeAsync(i < 4 ? 200 : 199);
    }
    expect(api.pushes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.pushes).toHaveLength(1);
    expect(api.pushes[0]?.mutations.map((m) => m.id)).toEqual([1, 2, 3, 4, 5]);
    expect(loop.status).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    expect(loop.status.lastSyncedAt).not.toBeNull();
  });

  test('backoff doubles up to the cap; online resets it', async () => {
    const { api, loop, commit } = setup();
    commit();
    api.failNext = Array.from({ length: 10 }, () => new SyncHttpError(0, 'network', 'down'));
    loop.start();
    const times: number[] = [];
    const started = Date.now();
    const pushAt = api.push;
    api.push = async (...args) => {
      times.push(Date.now() - started);
      return pushAt(...args);
    };
    await vi.advanceTimersByTimeAsync(200_000);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(gaps.slice(0, 6)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000]);
    expect(Math.max(...gaps)).toBe(30_000);
    expect(loop.status.state).toBe('idle');
    expect(loop.status.pending).toBe(0);

    api.failNext = [new SyncHttpError(0, 'network', 'down'), new SyncHttpError(0, 'network', 'down')];
    commit();
    loop.notifyLocalChange();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(loop.status).toMatchObject({ state: 'error', lastError: { code: 'network', willRetry: true } });
    const before = api.pushes.length;
    loop.networkChanged(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(api.pushes.length).toBe(before + 1);
  });

  test('429 waits at least Retry-After', async () => {
    const { api, loop, commit } = setup();
    commit();
    api.failNext = [new SyncHttpError(429, 'rate_limited', 'slow down', 20_000)];
    loop.start();
    await vi.advanceTimersByTimeAsync(19_000);
    expect(api.pushes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(api.pushes).toHaveLength(2);
  });

  test('one run at a time: triggers during a run queue one more run', async () => {
    const { api, loop, commit } = setup();
    let release!: () => void;
    api.hold = new Promise((resolve) => (release = resolve));
    commit();
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    commit();
    void loop.syncNow();
    loop.visibilityChanged(true);
    loop.networkChanged(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(api.maxInFlight).toBe(1);
    api.hold = null;
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(api.maxInFlight).toBe(1);
    // The run in progress had read [1]; the queued run takes what came since.
    expect(api.pushes.map((p) => p.mutations.map((m) => m.id))).toEqual([[1], [2]]);
    expect(loop.status.pending).toBe(0);
  });

  test('offline mode: no network use at all, an in-flight request is aborted, nothing lost', async () => {
    const { api, loop, commit, statuses } = setup({ offlineMode: true });
    commit();
    loop.start();
    loop.notifyLocalChange();
    await loop.syncNow();
    await vi.advanceTimersByTimeAsync(100_000);
    expect(api.pushes).toHaveLength(0);
    expect(api.pulls).toBe(0);
    expect(loop.status).toMatchObject({ state: 'offline', offlineMode: true, pending: 1 });

    loop.setOfflineMode(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(api.pushes).toHaveLength(1);
    expect(loop.status.pending).toBe(0);

    let release!: () => void;
    api.hold = new Promise((resolve) => (release = resolve));
    commit();
    void loop.syncNow();
    await vi.advanceTimersByTimeAsync(0);
    loop.setOfflineMode(true);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(loop.status).toMatchObject({ state: 'offline', pending: 1, lastError: null });
    expect(statuses.some((s) => s.state === 'syncing')).toBe(true);

    loop.networkChanged(false);
    loop.setOfflineMode(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(loop.status.state).toBe('offline');
  });

  test('a rejection is recorded durably and the queue moves on', async () => {
    const { api, loop, commit, store } = setup();
    commit('a');
    commit('b');
    commit('c');
    api.reject.add(2);
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.outbox).toEqual([]);
    expect([...store.rejections.values()]).toMatchObject([
      { id: 2, code: 'invalid_args', args: { note: 'b' } },
    ]);
    expect(loop.status.state).toBe('idle');
  });

  test('gap: acknowledged up to the gap, then resent from it', async () => {
    const { api, loop, commit } = setup();
    for (let i = 0; i < 5; i++) commit();
    api.gapOnce = true;
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.pushes.map((p) => p.mutations.map((m) => m.id))).toEqual([
      [1, 2, 3, 4, 5],
      [3, 4, 5],
    ]);
    expect(loop.status).toMatchObject({ state: 'idle', pending: 0 });
  });

  test('a gap the device cannot fill stops retrying until Sync now', async () => {
    const { api, loop, commit, store } = setup();
    commit();
    commit();
    await store.acknowledge(1, []);
    api.last = 0;
    api.push = async () => ({
      protocolVersion: PROTOCOL_VERSION,
      lastMutationId: 0,
      rejected: [],
      gap: { expected: 1, received: 2 },
    });
    loop.start();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(loop.status).toMatchObject({
      state: 'error',
      lastError: { code: 'gap', willRetry: false },
      pending: 1,
    });
  });

  test('revoked: unauthorized is not retried automatically', async () => {
    const { api, loop, commit } = setup();
    commit();
    api.failNext = [new SyncHttpError(401, 'unauthorized', 'unauthorized')];
    loop.start();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(api.pushes).toHaveLength(1);
    expect(loop.status.lastError).toMatchObject({ code: 'unauthorized', willRetry: false });
    await loop.syncNow();
    expect(api.pushes).toHaveLength(2);
    expect(loop.status.state).toBe('idle');
  });

  test('polls while visible, not while hidden', async () => {
    const { api, loop } = setup({ poll: 60_000 });
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.pulls).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.pulls).toBe(2);
    loop.visibilityChanged(false);
    await vi.advanceTimersByTimeAsync(300_000);
    expect(api.pulls).toBe(2);
    loop.visibilityChanged(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(api.pulls).toBe(3);
  });
});
