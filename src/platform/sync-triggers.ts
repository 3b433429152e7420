/**
 * Browser facilities the sync loop is woken by and talks through: `fetch`, and Background Sync
 * (Chromium only) relayed by the service worker. Background Sync only WAKES the loop; the
 * outbox in IndexedDB is the queue (Workbox's own queue would drop work after 7 days).
 */
const SYNC_TAG = 'trackpack-outbox';
const WAKE_MESSAGE = 'BACKGROUND_SYNC';

/** The page's `fetch`, in the shape the sync code injects (src/sync/fetcher.ts). */
export function browserFetcher(url: string, init: RequestInit): Promise<Response> {
  return fetch(url, init);
}

interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

/** Asks the browser to wake us when the network is back; nothing happens where it can't. */
export async function requestBackgroundSync(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.getRegistration();
  const sync = (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync;
  await sync?.register(SYNC_TAG).catch(() => undefined);
}

/** Calls `listener` when the service worker relays a Background Sync event. */
export function onBackgroundSync(listener: () => void): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
    if ((event.data as { type?: string } | null)?.type === WAKE_MESSAGE) listener();
  });
}
