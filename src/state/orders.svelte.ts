/**
 * The orders the seller works on, held in memory after one read of the repository and refreshed
 * when the repository reports a change (from this tab or another).
 */
import type { Order } from '../core/order.ts';
import type { Repository } from '../storage/repository.ts';

export class OrdersState {
  readonly #repo: Repository;
  #orders = $state.raw<readonly Order[]>([]);
  #loaded = $state(false);

  /** Newest first, by the day the buyer ordered. */
  readonly sorted: readonly Order[] = $derived(
    [...this.#orders].sort((a, b) =>
      a.orderedAt === b.orderedAt
        ? a.externalId < b.externalId
          ? 1
          : -1
        : a.orderedAt < b.orderedAt
          ? 1
          : -1,
    ),
  );

  constructor(repo: Repository) {
    this.#repo = repo;
  }

  get all(): readonly Order[] {
    return this.#orders;
  }

  get count(): number {
    return this.#orders.length;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  async load(): Promise<void> {
    this.#orders = await this.#repo.allOrders();
    this.#loaded = true;
  }
}
