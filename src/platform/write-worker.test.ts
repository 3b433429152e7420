/**
 * `WriteWorkerBridge` against a worker stand-in: the real Comlink protocol over a MessageChannel,
 * with an API that keeps what it is sent, as the write worker does, and can fail like a worker.
 */
import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../workers/write.worker.ts';
import { makeEvent, makeOrder } from '../../test/factories.ts';
import { WriteWorkerBridge, WriteWorkerUnavailable } from './write-worker.ts';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

interface Stand {
  /** What the worker was told, in order. */
  calls: string[];
  /** The changes committed, each the parts staged for it. */
  committed: Change[][];
  /** Starts the stand-in, as `WriteWorkerOptions.start`. */
  start: () => Worker;
  /** Fires the worker's `error` event. */
  fail: () => void;
  started: number;
}

function standIn({ commitError }: { commitError?: Error } = {}): Stand {
  const staged = new Map<number, Change[]>();
  const stand: Stand = {
    calls: [],
    committed: [],
    started: 0,
    fail: () => undefined,
    start: () => {
      stand.started++;
      const channel = new MessageChannel();
      channels.push(channel);
      expose(
        {
          setSlowdown: () => undefined,
          stage: (id: number, part: Change) => {
            stand.calls.push(`stage ${id}`);
            staged.set(id, [...(staged.get(id) ?? []), part]);
          },
          commit: (id: number) => {
            stand.calls.push(`commit ${id}`);
            if (commitError) throw commitError;
            stand.committed.push(staged.get(id) ?? []);
            staged.delete(id);
          },
          discard: (id: number) => {
            stand.calls.push(`discard ${id}`);
            staged.delete(id);
          },
        },
        channel.port2,
      );
      const errors = new EventTarget();
      stand.fail = () => errors.dispatchEvent(Object.assign(new Event('error'), { message: 'boom' }));
      const port = channel.port1;
      return Object.assign(port, {
        terminate: () => port.close(),
        addEventListener: (type: string, listener: EventListener) =>
          type === 'error'
            ? errors.addEventListener(type, listener)
            : MessagePort.prototype.addEventListener.call(port, type, listener),
      }) as unknown as Worker;
    },
  };
  return stand;
}

const part = (n: number): Change => ({
  orders: Array.from({ length: n }, () => makeOrder()),
  events: [makeEvent({ at: '2026-11-20T10:00:00.000Z' })],
  mutations: [],
});

describe('WriteWorkerBridge', () => {
  it('stages every part in order, then commits them as one change', async () => {
    const stand = standIn();
    const bridge = new WriteWorkerBridge({ start: stand.start });
    const parts = [part(2), part(1), part(3)];
    await bridge.commit(parts);
    await bridge.commit([part(1)]);
    expect(stand.calls).toEqual(['stage 1', 'stage 1', 'stage 1', 'commit 1', 'stage 2', 'commit 2']);
    expect(stand.committed[0]).toEqual(parts);
    expect(stand.started).toBe(1);
  });

  it('answers the error of a failed commit as it is, keeping its name', async () => {
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const bridge = new WriteWorkerBridge({ start: standIn({ commitError: quota }).start });
    const failed = await bridge.commit([part(1)]).catch((error: unknown) => error);
    expect(failed).not.toBeInstanceOf(WriteWorkerUnavailable);
    expect(failed).toMatchObject({ name: 'QuotaExceededError', message: 'The quota has been exceeded.' });
  });

  it('is unavailable, with nothing committed, when the worker fails before the commit; and stays so', async () => {
    const stand = standIn();
    const bridge = new WriteWorkerBridge({ start: stand.start });
    const parts = [part(1), part(1), part(1)];
    const committing = bridge.commit(parts);
    stand.fail();
    await expect(committing).rejects.toBeInstanceOf(WriteWorkerUnavailable);
    expect(stand.calls).not.toContain('commit 1');
    await expect(bridge.commit([part(1)])).rejects.toBeInstanceOf(WriteWorkerUnavailable);
    expect(stand.started).toBe(1);
  });

  it('is unavailable when the worker cannot be started', async () => {
    const bridge = new WriteWorkerBridge({
      start: () => {
        throw new Error('module workers are not supported');
      },
    });
    await expect(bridge.commit([part(1)])).rejects.toBeInstanceOf(WriteWorkerUnavailable);
  });
});
