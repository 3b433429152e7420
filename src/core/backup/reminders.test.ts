import { describe, expect, it } from 'vitest';
import { backupReminderDue, unsyncedTooLong } from './reminders.ts';

const now = Date.parse('2026-12-03T08:00:00.000Z');
const daysAgo = (d: number) => new Date(now - d * 86_400_000).toISOString();

describe('backupReminderDue', () => {
  it.each([
    {
      name: 'no data',
      hasData: false,
      paired: false,
      lastBackupAt: undefined,
      lastSyncAt: undefined,
      due: false,
    },
    {
      name: 'never backed up, never synced',
      hasData: true,
      paired: false,
      lastBackupAt: undefined,
      lastSyncAt: undefined,
      due: true,
    },
    {
      name: 'backed up 6 days ago',
      hasData: true,
      paired: false,
      lastBackupAt: daysAgo(6),
      lastSyncAt: undefined,
      due: false,
    },
    {
      name: 'backed up 8 days ago',
      hasData: true,
      paired: false,
      lastBackupAt: daysAgo(8),
      lastSyncAt: undefined,
      due: true,
    },
    {
      name: 'paired and synced yesterday',
      hasData: true,
      paired: true,
      lastBackupAt: undefined,
      lastSyncAt: daysAgo(1),
      due: false,
    },
    {
      name: 'paired, not synced for 8 days',
      hasData: true,
      paired: true,
      lastBackupAt: daysAgo(9),
      lastSyncAt: daysAgo(8),
      due: true,
    },
    {
      name: 'paired, never synced',
      hasData: true,
      paired: true,
      lastBackupAt: undefined,
      lastSyncAt: undefined,
      due: true,
    },
  ])('$name', ({ due, ...input }) => {
    expect(backupReminderDue({ ...input, now })).toBe(due);
  });
});

describe('unsyncedTooLong', () => {
  it.each([
    { oldest: undefined, warn: false },
    { oldest: daysAgo(0.5), warn: false },
    { oldest: daysAgo(1.01), warn: true },
  ])('oldest pending $oldest -> $warn', ({ oldest, warn }) => {
    expect(unsyncedTooLong(oldest, now)).toBe(warn);
  });
});
