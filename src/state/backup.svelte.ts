/**
 * "Back up everything" and "Restore from a backup": writes the device's data as one compressed
 * file (src/core/backup/format.ts), previews a chosen file, and restores it in one transaction.
 * Works offline; no server is involved. Also decides when to remind the seller to back up.
 */
import {
  backupFileName,
  encodeBackup,
  isoTime,
  isOtherShop,
  newBackup,
  parseBackup,
  summaryOf,
  type Backup,
  type BackupProblem,
  type BackupShop,
  type BackupSummary,
} from '../core/backup/format.ts';
import { backupReminderDue } from '../core/backup/reminders.ts';
import type { Repository } from '../storage/repository.ts';
import type { DexieBackupStore } from '../storage/backup-store.ts';
import { gzipText, readMaybeGzipText } from '../platform/compression.ts';
import { saveDownload } from '../platform/files.ts';

const LAST_BACKUP_KEY = 'backup-last-at';

/** A chosen file, read and checked, waiting for the seller to confirm the restore. */
export interface RestorePreview {
  fileName: string;
  summary: BackupSummary;
  /** The device holds data that the restore would replace: ask first. */
  replaces: boolean;
  /** The backup belongs to another shop than the one on this device. */
  otherShop: boolean;
  /** The device syncs with another shop's account: restoring would send that shop's data there. */
  pairedElsewhere: boolean;
}

export type RestoreProblem = BackupProblem | { code: 'unreadable' };

export interface BackupDeps {
  repo: Repository;
  store: DexieBackupStore;
  /** The shop as this device knows it (settings name, sync account). */
  shop: () => BackupShop;
  /** Whether the device belongs to a sync account, and when it last synced. */
  sync: () => { paired: boolean; lastSyncedAt: string | null };
  /** After a restore: reload what the app holds in memory (settings, sync state). */
  afterRestore: () => Promise<void>;
  /** The clock, in ms since the epoch. */
  now?: () => number;
}

export class BackupState {
  readonly #deps: BackupDeps;
  readonly #now: () => number;
  #lastBackupAt = $state<string | undefined>(undefined);
  #hasData = $state(false);
  #busy = $state<'backup' | 'read' | 'restore' | null>(null);
  #preview = $state.raw<RestorePreview | undefined>(undefined);
  #problem = $state.raw<RestoreProblem | undefined>(undefined);
  #restored = $state.raw<BackupSummary | undefined>(undefined);
  #backup: Backup | undefined;

  constructor(deps: BackupDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  get lastBackupAt(): string | undefined {
    return this.#lastBackupAt;
  }
  get busy(): 'backup' | 'read' | 'restore' | null {
    return this.#busy;
  }
  get preview(): RestorePreview | undefined {
    return this.#preview;
  }
  get problem(): RestoreProblem | undefined {
    return this.#problem;
  }
  /** What the last restore brought back, for the confirmation. */
  get restored(): BackupSummary | undefined {
    return this.#restored;
  }

  /** Whether to remind the seller: see `backupReminderDue`. */
  get reminderDue(): boolean {
    const sync = this.#deps.sync();
    return backupReminderDue({
      lastBackupAt: this.#lastBackupAt,
      lastSyncAt: sync.lastSyncedAt ?? undefined,
      paired: sync.paired,
      hasData: this.#hasData,
      now: this.#now(),
    });
  }

  async load(): Promise<void> {
    this.#lastBackupAt = await this.#deps.repo.getLocal<string>(LAST_BACKUP_KEY);
    this.#hasData = await this.#deps.store.hasData();
  }

  /** Data changed somewhere: whether there is anything to back up may have changed. */
  async refresh(): Promise<void> {
    this.#hasData = await this.#deps.store.hasData();
  }

  /** Writes the backup file and offers it as a download. */
  async backUp(): Promise<void> {
    this.#busy = 'backup';
    try {
      const createdAt = isoTime(this.#now());
      const shop = this.#deps.shop();
      const backup = newBackup({ shop, ...(await this.#deps.store.read()) }, createdAt);
      const file = await gzipText(encodeBackup(backup));
      saveDownload(
        new Uint8Array(await file.arrayBuffer()),
        backupFileName(shop.name, createdAt),
        'application/gzip',
      );
      await this.#deps.repo.setLocal(LAST_BACKUP_KEY, createdAt);
      this.#lastBackupAt = createdAt;
    } finally {
      this.#busy = null;
    }
  }

  /** Reads and checks a chosen file; the preview (or the problem) is then shown. */
  async choose(file: File): Promise<void> {
    this.cancel();
    this.#busy = 'read';
    try {
      let text: string;
      try {
        text = await readMaybeGzipText(file);
      } catch {
        this.#problem = { code: 'unreadable' };
        return;
      }
      const parsed = parseBackup(text);
      if (!parsed.ok) {
        this.#problem = parsed.problem;
        return;
      }
      const backup = parsed.backup;
      const device = this.#deps.shop();
      const replaces = await this.#deps.store.hasData();
      this.#backup = backup;
      this.#preview = {
        fileName: file.name,
        summary: summaryOf(backup),
        replaces,
        otherShop: (replaces || device.accountId !== null) && isOtherShop(backup.shop, device),
        pairedElsewhere:
          device.accountId !== null &&
          backup.shop.accountId !== null &&
          device.accountId !== backup.shop.accountId,
      };
    } finally {
      this.#busy = null;
    }
  }

  cancel(): void {
    this.#backup = undefined;
    this.#preview = undefined;
    this.#problem = undefined;
    this.#restored = undefined;
  }

  /** Replaces the device's data with the previewed backup, in one transaction. */
  async restore(): Promise<void> {
    const backup = this.#backup;
    const preview = this.#preview;
    if (!backup || !preview || preview.pairedElsewhere) return;
    this.#busy = 'restore';
    try {
      await this.#deps.store.restore(backup);
      this.#backup = undefined;
      this.#preview = undefined;
      // What the device holds now is the backup's: no need to ask the database.
      this.#hasData = backup.orders.length > 0 || backup.outbox.length > 0;
      await this.#deps.afterRestore();
      // Last: forms that copied the settings take the restored ones when they see this.
      this.#restored = preview.summary;
    } finally {
      this.#busy = null;
    }
  }
}
