/**
 * Runs a worker's calls one at a time, in the order they arrive, and, with a `slowdown` above 1, as
 * a CPU that many times slower would: after a call has worked for `t` ms, the next one starts
 * `(slowdown - 1) * t` ms later. Chromium's DevTools CPU throttling (`Emulation.setCPUThrottlingRate`)
 * applies to a page's main thread only ("Operation is only supported for pages, not workers",
 * Chromium 156), so the phone-class benchmark sets this for the workers it measures, keeping their
 * figures honest. The pause is a timer, not a busy loop: like the DevTools throttle, it leaves the
 * core to others.
 *
 * Every function wrapped by one `pacer` shares its queue, as the calls of an unpaced worker share
 * its one thread: a call waits for every call made before it, whichever function that was. A queue
 * per function would let a copy of the search index asked for after the last orders were sent be
 * made while those orders still waited out their pauses: the page would take an index of part of
 * its orders for all of them.
 */
export type Pace = <A extends unknown[], R>(work: (...args: A) => R) => (...args: A) => Promise<Awaited<R>>;

export function pacer(slowdown: () => number): Pace {
  let queue: Promise<unknown> = Promise.resolve();
  return <A extends unknown[], R>(work: (...args: A) => R) =>
    (...args: A): Promise<Awaited<R>> => {
      const run = queue.then(async (): Promise<Awaited<R>> => {
        const started = performance.now();
        const result = await work(...args);
        const pause = (slowdown() - 1) * (performance.now() - started);
        if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    };
}
