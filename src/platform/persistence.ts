/** The browser's storage facts: whether our data is persistent, how much is used, and a request to persist. */
export type PersistenceState = 'persistent' | 'best-effort' | 'unknown';

export interface StorageFacts {
  persistence: PersistenceState;
  usageBytes: number | undefined;
  quotaBytes: number | undefined;
}

export async function readStorageFacts(): Promise<StorageFacts> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.persisted) return { persistence: 'unknown', usageBytes: undefined, quotaBytes: undefined };
  const [persisted, estimate] = await Promise.all([storage.persisted(), storage.estimate?.()]);
  return {
    persistence: persisted ? 'persistent' : 'best-effort',
    usageBytes: estimate?.usage,
    quotaBytes: estimate?.quota,
  };
}

/** Asks the browser to keep our data; true when it agreed. */
export async function requestPersistence(): Promise<boolean> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.persist) return false;
  return storage.persist();
}

/**
 * Whether this browser may delete the site's storage after 7 days without a visit: Safari (and
 * every iOS browser, which all use WebKit) in a browser tab; an app added to the home screen is
 * exempt.
 */
export function mayClearAfterInactivity(): boolean {
  const ua = navigator.userAgent;
  const webkitOnly = /AppleWebKit/.test(ua) && !/Chrome|Chromium|Android|Edg\//.test(ua);
  const ios = /iPhone|iPad|iPod/.test(ua);
  const standalone =
    window.matchMedia?.('(display-mode: standalone)').matches === true ||
    (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return (webkitOnly || ios) && !standalone;
}
