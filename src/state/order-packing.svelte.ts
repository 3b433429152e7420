/**
 * Packing mode: one order at a time, oldest first, among the orders still to ship. The place is
 * remembered on this device (`repo.setLocal`), so a reload or a dropped phone continues at the
 * same order. Shipping the current order takes it out of the queue, and the next one moves into
 * its place, so "Mark shipped" is also "next".
 */
import type { OrderId } from '../core/ids.ts';
import type { Order } from '../core/order.ts';
import type { Repository } from '../storage/repository.ts';
import type { OrdersState } from './orders.svelte.ts';

const PLACE_KEY = 'packing:place';

interface Place {
  orderId: OrderId | null;
  index: number;
}

export class PackingState {
  readonly #repo: Repository;
  readonly #orders: OrdersState;
  #place = $state<Place>({ orderId: null, index: 0 });
  #restored = $state(false);

  /** Ids of the orders to pack, oldest first. */
  readonly queue: readonly OrderId[];
  /** Where the current order is in the queue; -1 when the queue is empty. */
  readonly index: number;
  readonly current: Order | undefined;

  constructor(repo: Repository, orders: OrdersState) {
    this.#repo = repo;
    this.#orders = orders;
    this.queue = $derived(orders.packingQueue());
    this.index = $derived.by(() => {
      const queue = this.queue;
      if (queue.length === 0) return -1;
      const at = this.#place.orderId === null ? -1 : queue.indexOf(this.#place.orderId);
      return at >= 0 ? at : Math.min(this.#place.index, queue.length - 1);
    });
    this.current = $derived(this.index >= 0 ? orders.order(this.queue[this.index] as OrderId) : undefined);
  }

  get restored(): boolean {
    return this.#restored;
  }

  async restore(): Promise<void> {
    const saved = await this.#repo.getLocal<Place>(PLACE_KEY);
    if (saved && typeof saved.index === 'number') this.#place = saved;
    this.#restored = true;
  }

  go(delta: number): void {
    const queue = this.queue;
    if (queue.length === 0) return;
    const index = Math.max(0, Math.min(queue.length - 1, this.index + delta));
    this.#moveTo(index);
  }

  #moveTo(index: number): void {
    const orderId = this.queue[index] ?? null;
    this.#place = { orderId, index };
    void this.#repo.setLocal(PLACE_KEY, { orderId, index });
  }

  /** Marks the current order shipped; the next order takes its place. */
  async ship(): Promise<void> {
    const order = this.current;
    if (!order) return;
    const index = this.index;
    await this.#orders.bulkTransition([order.id], { to: 'shipped' });
    // Remember the position, not the shipped order: the next one is now at this index.
    this.#place = { orderId: null, index };
    this.#moveTo(Math.min(index, Math.max(0, this.queue.length - 1)));
  }
}
