/**
 * When the app warns that a seller's data is at risk: no recent backup and no sync, or changes
 * that have not reached the server for a long time. Pure; the caller passes the clock's "now".
 */
export const BACKUP_REMINDER_MS = 7 * 24 * 60 * 60 * 1000;
export const UNSYNCED_WARNING_MS = 24 * 60 * 60 * 1000;

export interface BackupReminderInput {
  /** ISO time of the last backup written on this device, if any. */
  lastBackupAt: string | undefined;
  /** ISO time of the last successful sync, if any. */
  lastSyncAt: string | undefined;
  /** Whether the device belongs to a sync account. */
  paired: boolean;
  hasData: boolean;
  /** The clock's now, in ms since the epoch. */
  now: number;
}

const olderThan = (iso: string | undefined, ms: number, now: number): boolean =>
  iso === undefined || now - Date.parse(iso) > ms;

/**
 * Remind to back up when there is data, the last backup is older than 7 days (or there is none),
 * and no server holds a copy: the device is not paired, or has not synced for 7 days either.
 */
export function backupReminderDue(input: BackupReminderInput): boolean {
  if (!input.hasData) return false;
  if (!olderThan(input.lastBackupAt, BACKUP_REMINDER_MS, input.now)) return false;
  return !input.paired || olderThan(input.lastSyncAt, BACKUP_REMINDER_MS, input.now);
}

/** Whether the oldest change still waiting for the server is older than 24 hours. */
export function unsyncedTooLong(oldestPendingAt: string | undefined, now: number): boolean {
  return oldestPendingAt !== undefined && olderThan(oldestPendingAt, UNSYNCED_WARNING_MS, now);
}
