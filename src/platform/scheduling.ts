/**
 * Timing on the main thread: long CPU work cut into slices that give the thread back for input and
 * rendering in between, work put off until the next paint, and a promise for "the work under way
 * is over".
 */

/** Longest stretch of CPU work before giving the main thread back, in milliseconds. */
export const SLICE_BUDGET_MS = 8;

/** A promise that resolves when `end` is called: "the work under way is over". */
export interface Pending {
  promise: Promise<void>;
  end: () => void;
}

export function pending(): Pending {
  let end!: () => void;
  const promise = new Promise<void>((resolve) => (end = resolve));
  return { promise, end };
}

/**
 * Runs `run` as a task of its own once the next frame is painted (an animation frame's callback
 * runs just before its frame is painted, so a task queued from it runs after). Answers a cancel.
 * A hidden tab paints no frames: nothing runs there until it is shown.
 */
export function afterNextPaint(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(run, 0)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * Runs `run` once the next frame is painted and the main thread is idle (an idle period), or
 * `timeoutMs` after that frame at the latest: for work nobody waits to see, such as a history
 * write, so that it neither delays the frame nor the next input's handling. Answers a cancel.
 */
export function whenIdleAfterPaint(run: () => void, timeoutMs: number): () => void {
  let cancelIdle: (() => void) | undefined;
  const frame = requestAnimationFrame(() => (cancelIdle = requestIdle(run, timeoutMs)));
  return () => {
    cancelAnimationFrame(frame);
    cancelIdle?.();
  };
}

/**
 * Runs `run` in a moment the browser has nothing else to do (`requestIdleCallback`), or after
 * `timeoutMs` at the latest; where the browser has no idle callbacks, in a task of its own.
 * Answers a cancel.
 */
function requestIdle(run: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const idle = requestIdleCallback(() => run(), { timeout: timeoutMs });
    return () => {
      if (typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
    };
  }
  const timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
}

interface Scheduler {
  yield?: () => Promise<void>;
}

/**
 * Gives the main thread back for input and rendering, then continues: `scheduler.yield()` where
 * the browser has it, else a message-channel task (no 4 ms timer clamping). Not
 * `requestIdleCallback`: measured at 100k orders, an 8 ms slice per idle period left the CPU idle
 * most of the time (idle periods are up to 50 ms, and a callback posted inside one waits for the
 * next), stretching a 5 s load to 21 s.
 */
export function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Items worked between two looks at the clock in `inSlices`. At 64, a slice of 64 order updates
 * ran 30 ms on a 4x slower CPU before its first look, and in a task that had already spent 20 ms
 * elsewhere (a bulk change's first slice, right after its commit) that made a long task.
 */
const CLOCK_EVERY = 8;

/**
 * Runs `work` over `items` in slices of at most `SLICE_BUDGET_MS`, yielding between slices. Tests
 * may pass the clock (`now`, milliseconds) and what happens between slices (`pause`).
 */
export async function inSlices<T>(
  items: readonly T[],
  work: (item: T) => void,
  {
    now = () => performance.now(),
    pause = yieldToBrowser,
  }: { now?: () => number; pause?: () => Promise<void> } = {},
): Promise<void> {
  let i = 0;
  while (i < items.length) {
    const end = now() + SLICE_BUDGET_MS;
    for (let look = i + CLOCK_EVERY; i < items.length;) {
      if (i === look) {
        if (now() >= end) break;
        look += CLOCK_EVERY;
      }
      work(items[i++] as T);
    }
    if (i < items.length) await pause();
  }
}

/** The longest a `whenIdle` caller waits for an idle moment before going ahead anyway. */
export const IDLE_TIMEOUT_MS = 2_000;

/**
 * Resolves in a moment the browser has nothing else to do (`requestIdleCallback`), or after
 * `IDLE_TIMEOUT_MS` at the latest: for start-up work nothing on screen waits for. Where the
 * browser has no idle callbacks, after a task of its own.
 */
export function browserIdle(timeoutMs: number = IDLE_TIMEOUT_MS): Promise<void> {
  return new Promise((resolve) => requestIdle(resolve, timeoutMs));
}
