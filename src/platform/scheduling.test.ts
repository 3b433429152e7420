// @vitest-environment happy-dom
/**
 * `browserIdle`: waits for the browser's idle callback, asking it to come within the timeout, and
 * makes do with a task of its own where the browser has no idle callbacks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { browserIdle, IDLE_TIMEOUT_MS } from './scheduling.ts';

type IdleCallback = typeof globalThis.requestIdleCallback;
const original: IdleCallback | undefined = globalThis.requestIdleCallback;

afterEach(() => {
  if (original) globalThis.requestIdleCallback = original;
  else delete (globalThis as { requestIdleCallback?: IdleCallback }).requestIdleCallback;
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
