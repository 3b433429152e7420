/**
 * One leader among the tabs of this browser, for work that must run once per browser (the sync
 * loop). With the Web Locks API the leader is whoever holds the lock; the browser hands it to
 * the next tab when the leader's tab closes or crashes. Without it (old browsers), tabs announce
 * themselves on a BroadcastChannel every `HEARTBEAT_MS`, and the live tab with the smallest id
 * leads; a tab that misses `EXPIRY_MS` of heartbeats is taken for gone.
 *
 * Besides the election, `TabChannel` carries small messages between the tabs (the leader's sync
 * status, a follower asking the leader to sync now).
 */

const HEARTBEAT_MS = 1_000;
const EXPIRY_MS = 3_500;

export interface Leadership {
  /** Gives the leadership up (the tab is closing, or the feature is turned off). */
  release(): void;
}

/**
 * Calls `onLead` once this tab becomes the leader (maybe at once, maybe when another tab closes),
 * and `onFollow` while another tab leads.
 */
export function electLeader(name: string, onLead: () => void, onFollow: () => void): Leadership {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return lockLeader(locks, name, onLead, onFollow);
  if (typeof BroadcastChannel !== 'undefined') return heartbeatLeader(name, onLead, onFollow);
  onLead();
  return { release: () => {} };
}

function lockLeader(locks: LockManager, name: string, onLead: () => void, onFollow: () => void): Leadership {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  onFollow();
  void locks.request(name, async () => {
    onLead();
    await held;
  });
  return { release: () => release() };
}

function heartbeatLeader(name: string, onLead: () => void, onFollow: () => void): Leadership {
  const me = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const seen = new Map<string, number>();
  const channel = new BroadcastChannel(`trackpack-leader:${name}`);
  let leading = false;
  const decide = () => {
    const now = Date.now();
    for (const [id, at] of seen) if (now - at > EXPIRY_MS) seen.delete(id);
    const lead = [...seen.keys()].every((id) => id > me);
    if (lead && !leading) onLead();
    if (!lead && leading) onFollow();
    leading = lead;
  };
  channel.onmessage = (event: MessageEvent<{ id: string; gone?: boolean }>) => {
    if (event.data.gone) seen.delete(event.data.id);
    else seen.set(event.data.id, Date.now());
    decide();
  };
  const beat = () => channel.postMessage({ id: me });
  beat();
  onFollow();
  // The first decision waits for the others' heartbeats.
  const first = setTimeout(decide, HEARTBEAT_MS * 1.5);
  const timer = setInterval(() => {
    beat();
    decide();
  }, HEARTBEAT_MS);
  return {
    release: () => {
      clearTimeout(first);
      clearInterval(timer);
      channel.postMessage({ id: me, gone: true });
      channel.close();
    },
  };
}

/** Small messages between this browser's tabs of the app (BroadcastChannel; none: a no-op). */
export class TabChannel<M> {
  readonly #channel: BroadcastChannel | undefined;

  constructor(name: string, onMessage: (message: M) => void) {
    if (typeof BroadcastChannel === 'undefined') return;
    this.#channel = new BroadcastChannel(`trackpack-tabs:${name}`);
    this.#channel.onmessage = (event: MessageEvent<M>) => onMessage(event.data);
  }

  post(message: M): void {
    this.#channel?.postMessage(message);
  }

  close(): void {
    this.#channel?.close();
  }
}
