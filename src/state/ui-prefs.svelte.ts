/**
 * How the seller left the screens on this device: whether the orders summary (the chart of the
 * last 30 days) is open. Kept per device, not synced; the storage is injected.
 */
import type { PrefsStorage } from '../platform/prefs-storage.ts';

const SUMMARY_OPEN_KEY = 'trackpack.ui.ordersSummaryOpen';

export class UiPrefsState {
  readonly #storage: PrefsStorage;
  #summaryOpen = $state(false);

  constructor(storage: PrefsStorage) {
    this.#storage = storage;
    // Folded unless the seller opened it: the orders come first.
    this.#summaryOpen = storage.read(SUMMARY_OPEN_KEY) === 'open';
  }

  get summaryOpen(): boolean {
    return this.#summaryOpen;
  }

  set summaryOpen(open: boolean) {
    if (open === this.#summaryOpen) return;
    this.#summaryOpen = open;
    this.#storage.write(SUMMARY_OPEN_KEY, open ? 'open' : 'closed');
  }
}
