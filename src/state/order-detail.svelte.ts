/**
 * One order as the detail panel shows it: the order, its parcels and its history, read from the
 * repository and read again whenever the repository reports a change. Writes go through
 * `OrdersState`, which keeps the list in step.
 */
import type { OrderEvent } from '../core/model/events.ts';
import type { OrderId } from '../core/ids.ts';
import type { Order } from '../core/model/order.ts';
import type { Parcel } from '../core/model/parcel.ts';
import type { Repository } from '../storage/repository.ts';

export class OrderDetailState {
  readonly id: OrderId;
  readonly #repo: Repository;
  #order = $state.raw<Order | undefined>(undefined);
  #parcels = $state.raw<readonly Parcel[]>([]);
  #history = $state.raw<readonly OrderEvent[]>([]);
  #loaded = $state(false);
  #reads = 0;

  constructor(repo: Repository, id: OrderId) {
    this.#repo = repo;
    this.id = id;
  }

  get order(): Order | undefined {
    return this.#order;
  }
  get parcels(): readonly Parcel[] {
    return this.#parcels;
  }
  /** Newest first, as a timeline reads. */
  get history(): readonly OrderEvent[] {
    return this.#history;
  }
  get loaded(): boolean {
    return this.#loaded;
  }

  async load(): Promise<void> {
    const read = ++this.#reads;
    const [order, parcels, history] = await Promise.all([
      this.#repo.getOrder(this.id),
      this.#repo.parcelsOf(this.id),
      this.#repo.historyOf(this.id),
    ]);
    // A slower earlier read must not overwrite a later one.
    if (read !== this.#reads) return;
    this.#order = order;
    this.#parcels = [...parcels].sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1));
    this.#history = [...history].reverse();
    this.#loaded = true;
  }

  /** Loads now and after every change; returns the function that stops listening. */
  start(): () => void {
    void this.load();
    return this.#repo.subscribe(() => void this.load());
  }
}
