/**
 * Sync: the outbox to the backend and the seller's other devices' changes back. The app builds a
 * `SyncLoop` with a `SyncStore` (on Dexie) and the device's credentials, starts it, and feeds it
 * triggers; the Settings screen uses `createSyncApi` for accounts and devices.
 */
export { createSyncApi, SyncHttpError, type DeviceAuth, type SyncApi, type SyncApiOptions } from './api.ts';
export { batchOf, pullAll, pushPending, syncOnce, type SyncContext } from './engine.ts';
export type { Fetcher, FetchInit, FetchResponse } from './fetcher.ts';
export {
  MAX_BACKOFF_MS,
  MIN_BACKOFF_MS,
  POLL_INTERVAL_MS,
  PUSH_DEBOUNCE_MS,
  SyncLoop,
  type Clock,
  type SyncErrorCode,
  type SyncErrorInfo,
  type SyncLoopOptions,
  type SyncState,
  type SyncStatus,
} from './loop.ts';
export { MemorySyncStore, type LocalChange } from './memory-store.ts';
export type { RecordedRejection, SyncStore } from './store.ts';
