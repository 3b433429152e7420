// @vitest-environment happy-dom
/**
 * `browserIdle`: waits for the browser's idle callback, asking it to come within the timeout, and
 * makes do with a task of its own where the browser has no idle callbacks. `whenIdleAfterPaint`
 * does the same once a frame has been painted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { browserIdle, IDLE_TIMEOUT_MS, whenIdleAfterPaint } from './scheduling.ts';

type IdleCallback = typeof globalThis.requestIdleCallback;
const original: IdleCallback | undefined = globalThis.requestIdleCallback;
const originalCancel: typeof globalThis.cancelIdleCallback | undefined = globalThis.cancelIdleCallback;

afterEach(() => {
  if (original) globalThis.requestIdleCallback = original;
  else delete (globalThis as { requestIdleCallback?: IdleCallback }).requestIdleCallback;
  if (originalCancel) globalThis.cancelIdleCallback = originalCancel;
  else delete (globalThis as { cancelIdleCallback?: unknown }).cancelIdleCallback;
});

/** A browser whose idle moments come when the test says. */
function idleOnCue() {
  const waiting: { run: () => void; timeout: number | undefined }[] = [];
  globalThis.requestIdleCallback = ((run: IdleRequestCallback, options?: IdleRequestOptions) => {
    waiting.push({
      run: () => run({ didTimeout: false, timeRemaining: () => 50 }),
      timeout: options?.timeout,
    });
    return waiting.length;
  }) as IdleCallback;
  return waiting;
}

describe('browserIdle', () => {
  it.each([
    ['the default timeout', undefined, IDLE_TIMEOUT_MS],
    ['a given timeout', 500, 500],
  ] as const)('resolves only in the idle callback, asked with %s', async (_name, timeout, expected) => {
    const waiting = idleOnCue();
    let done = false;
    const idle = browserIdle(timeout).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(done).toBe(false);
    expect(waiting.map((w) => w.timeout)).toEqual([expected]);
    waiting[0]?.run();
    await idle;
    expect(done).toBe(true);
  });

  it('without idle callbacks, resolves after a task of its own', async () => {
    delete (globalThis as { requestIdleCallback?: IdleCallback }).requestIdleCallback;
    let done = false;
    const idle = browserIdle().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    await idle;
    expect(done).toBe(true);
  });
});

/** Long enough for happy-dom's animation frame. */
const frame = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('whenIdleAfterPaint', () => {
  it('asks for an idle moment only after the next frame, and runs in it', async () => {
    const waiting = idleOnCue();
    let runs = 0;
    whenIdleAfterPaint(() => runs++, 100);
    expect(waiting).toHaveLength(0);
    await frame();
    expect(waiting.map((w) => w.timeout)).toEqual([100]);
    expect(runs).toBe(0);
    waiting[0]?.run();
    expect(runs).toBe(1);
  });

  it('runs nothing once cancelled, before or after the frame', async () => {
    const waiting = idleOnCue();
    let runs = 0;
    whenIdleAfterPaint(() => runs++, 100)();
    await frame();
    expect(waiting).toHaveLength(0);
    const cancelled: number[] = [];
    globalThis.cancelIdleCallback = (handle: number) => void cancelled.push(handle);
    const cancel = whenIdleAfterPaint(() => runs++, 100);
    await frame();
    cancel();
    expect(cancelled).toEqual([1]);
    expect(runs).toBe(0);
  });

  it('without idle callbacks, runs in a task of its own after the frame', async () => {
    delete (globalThis as { requestIdleCallback?: IdleCallback }).requestIdleCallback;
    let runs = 0;
    whenIdleAfterPaint(() => runs++, 100);
    await frame();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runs).toBe(1);
  });
});
