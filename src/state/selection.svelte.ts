/**
 * Which orders the seller has selected in the list, with shift-click ranges. One concern: the
 * list's rows and what is done with the selection live elsewhere.
 */
import type { OrderId } from '../core/ids.ts';
import { setOf, withRange } from '../core/orders/selection.ts';

export class SelectionState {
  #ids = $state.raw<ReadonlySet<OrderId>>(setOf());
  #anchor: number | null = null;

  get ids(): ReadonlySet<OrderId> {
    return this.#ids;
  }

  /**
   * Selects or clears one row. With `range`, everything between the last clicked row and this one
   * (in `visible`, the list as shown) takes this row's new state, as shift-click does in a mail app.
   */
  select(visible: readonly OrderId[], index: number, selected: boolean, range = false): void {
    const anchor = range && this.#anchor !== null ? this.#anchor : index;
    this.#ids = withRange(this.#ids, visible, Math.min(anchor, index), Math.max(anchor, index), selected);
    this.#anchor = index;
  }

  selectAll(ids: readonly OrderId[]): void {
    this.#ids = setOf(ids);
  }

  clear(): void {
    this.#ids = setOf();
    this.#anchor = null;
  }
}
