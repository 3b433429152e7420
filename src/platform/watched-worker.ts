/**
 * A module worker wrapped with Comlink and watched for failure: its script cannot be loaded, or
 * it throws. On failure the worker is stopped, `onFail` runs, and `failed` rejects, so that calls
 * under way (raced against it with `unlessFailed`) fail instead of waiting forever. With a
 * `slowdown` above 1 the worker is asked to pace itself (`workers/paced.ts`); benchmarks only.
 */
import { wrap, type Remote } from 'comlink';

export interface WatchedWorker<Api> {
  remote: Remote<Api>;
  /** Rejects when the worker fails; nobody need be waiting. */
  failed: Promise<never>;
}

export function watchedWorker<Api extends { setSlowdown: (factor: number) => void }>(
  worker: Worker,
  { name, slowdown, onFail }: { name: string; slowdown: number; onFail: () => void },
): WatchedWorker<Api> {
  const failed = new Promise<never>((_, reject) =>
    worker.addEventListener('error', (event) => {
      worker.terminate();
      onFail();
      reject(new Error(`${name} failed: ${event.message || 'not loaded'}`));
    }),
  );
  failed.catch(() => undefined);
  const remote = wrap<Api>(worker);
  if (slowdown > 1) void remote.setSlowdown(slowdown);
  return { remote, failed };
}

/** `call`, or the worker's failure if that comes first. */
export function unlessFailed<T>(call: Promise<T>, failed: Promise<never> | undefined): Promise<T> {
  return failed ? Promise.race([call, failed]) : call;
}
