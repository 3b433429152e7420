/**
 * The toast after a bulk change: its outcome, Undo for `UNDO_WINDOW_MS`, and nothing else. What
 * an undo writes is the orders state's job; this only shows, times out and forgets.
 */
import type { OrderEvent } from '../core/model/events.ts';
import type { OrderStatus } from '../core/model/order.ts';
import type { RefusalCode } from '../core/workflow/status-machine.ts';

/** How long a bulk change can be undone from its toast, in milliseconds. */
export const UNDO_WINDOW_MS = 20_000;

export type ToastKind = 'bulk' | 'undone' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  /** Target status of a bulk change. */
  to?: OrderStatus;
  done: number;
  count: number;
  refusedByCode: Partial<Record<RefusalCode, number>>;
  /** The events the change appended, for undo; absent once undone or for undo results. */
  undoEvents?: readonly OrderEvent[];
  message?: string;
}

export class UndoToastState {
  #toast = $state.raw<Toast | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;

  get current(): Toast | null {
    return this.#toast;
  }

  /** Shows a toast in place of any other; it goes away by itself after `UNDO_WINDOW_MS`. */
  show(toast: Omit<Toast, 'id'>): Toast {
    clearTimeout(this.#timer);
    const shown: Toast = { ...toast, id: ++this.#seq };
    this.#toast = shown;
    this.#timer = setTimeout(() => {
      if (this.#toast?.id === shown.id) this.#toast = null;
    }, UNDO_WINDOW_MS);
    return shown;
  }

  /** The toast's Undo was used: it stays up, without Undo. */
  undoTaken(toast: Toast): void {
    if (this.#toast?.id === toast.id) this.#toast = { ...toast, undoEvents: [] };
  }

  dismiss(): void {
    clearTimeout(this.#timer);
    this.#toast = null;
  }
}
