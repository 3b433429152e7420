import { describe, expect, it } from 'vitest';
import type { PrefsStorage } from '../platform/prefs-storage.ts';
import { UiPrefsState } from './ui-prefs.svelte.ts';

/** A storage in memory, standing in for localStorage; `writes` counts what reached it. */
function memoryStorage(initial: Record<string, string> = {}): PrefsStorage & { writes: number } {
  const values = new Map(Object.entries(initial));
  return {
    writes: 0,
    read: (key) => values.get(key) ?? null,
    write(key, value) {
      this.writes++;
      values.set(key, value);
    },
  };
}

describe('UiPrefsState: the orders summary', () => {
  const starts: [string, Record<string, string>, boolean][] = [
    ['folded on a new device', {}, false],
    ['open when it was left open', { 'trackpack.ui.ordersSummaryOpen': 'open' }, true],
    ['folded when it was left folded', { 'trackpack.ui.ordersSummaryOpen': 'closed' }, false],
    ['folded for a value it does not know', { 'trackpack.ui.ordersSummaryOpen': 'yes' }, false],
  ];
  it.each(starts)('starts %s', (_name, stored, open) => {
    expect(new UiPrefsState(memoryStorage(stored)).summaryOpen).toBe(open);
  });

  it('is remembered by the next start (a reload) on the same storage', () => {
    const storage = memoryStorage();
    const prefs = new UiPrefsState(storage);
    prefs.summaryOpen = true;
    expect(new UiPrefsState(storage).summaryOpen).toBe(true);
    prefs.summaryOpen = false;
    expect(new UiPrefsState(storage).summaryOpen).toBe(false);
  });

  it('writes only changes', () => {
    const storage = memoryStorage();
    const prefs = new UiPrefsState(storage);
    prefs.summaryOpen = false;
    expect(storage.writes).toBe(0);
    prefs.summaryOpen = true;
    prefs.summaryOpen = true;
    expect(storage.writes).toBe(1);
  });
});
