/**
 * Packing mode: one order at a time, oldest first, among the orders still to ship. The place is
 * remembered on this device (`repo.setLocal`), so a reload or a dropped phone continues at the
 * same order. Shipping the current order takes it out of the queue, and the next one moves into
 * its place, so "Mark shipped" is also "next".
 *
 * The scan loop: a code (scanned or typed) is classified by `classifyScan`. A packing slip's
 * order number opens that order; a tracking number becomes a parcel of the current order, which
 * marks it shipped (by the parcel rules, else by an explicit transition), and the next order
 * moves in. Codes are handled one at a time, in the order they arrive.
 */
import type { OrderId } from '../core/ids.ts';
import type { Order } from '../core/model/order.ts';
import { classifyScan, orderIndex } from '../core/scan/index.ts';
import type { Repository } from '../storage/repository.ts';
import type { OrdersState } from './orders.svelte.ts';

/** What the last scan did, for the screen to say. */
export type ScanNote =
  | { kind: 'opened'; id: string }
  | { kind: 'shipped'; id: string; number: string; carrier: string | undefined }
  | { kind: 'notShipped'; id: string; number: string }
  | { kind: 'notInQueue'; code: string }
  | { kind: 'unknown'; code: string }
  | { kind: 'noOrder' }
  | { kind: 'duplicate'; number: string };

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
  #note = $state.raw<ScanNote | null>(null);
  #scans: Promise<unknown> = Promise.resolve();
  /** Tracking numbers saved by this loop: a label seen twice must not ship the next order too. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- never shown, only looked up
  readonly #saved = new Set<string>();

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

  get note(): ScanNote | null {
    return this.#note;
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

  /** Handles a scanned or typed code; codes are queued so that each sees the previous one's result. */
  scan(code: string): Promise<ScanNote> {
    const next = this.#scans.then(() => this.#scan(code));
    this.#scans = next.catch(() => undefined);
    return next;
  }

  async #scan(code: string): Promise<ScanNote> {
    const orders = this.queue.map((id) => this.#orders.order(id)).filter((o) => o !== undefined);
    const index = orderIndex(orders);
    const result = classifyScan(code, (key) => index.get(key));
    let note: ScanNote;
    if (result.kind === 'order') {
      this.#moveTo(this.queue.indexOf(result.orderId));
      note = { kind: 'opened', id: this.current?.externalId ?? result.orderId };
    } else if (result.kind === 'unknown') {
      note = result.text === '' ? { kind: 'noOrder' } : { kind: 'unknown', code: result.text };
      if (result.text !== '' && this.#looksLikeOrderNumber(result.text))
        note = { kind: 'notInQueue', code: result.text };
    } else if (this.#saved.has(result.trackingNumber)) {
      note = { kind: 'duplicate', number: result.trackingNumber };
    } else if (!this.current) {
      note = { kind: 'noOrder' };
    } else {
      note = await this.#shipWith(this.current, result.trackingNumber, result.match);
    }
    this.#note = note;
    return note;
  }

  /** A code shaped like one of the queue's order numbers (letters, digits, dashes, 3-40 long). */
  #looksLikeOrderNumber(text: string): boolean {
    return /^[#]?[\p{L}\p{N}][\p{L}\p{N}\-_./:#]{1,39}$/u.test(text.trim());
  }

  async #shipWith(
    order: Order,
    trackingNumber: string,
    match: { carrierId: string; carrierName: string; trackingUrl: string } | undefined,
  ): Promise<ScanNote> {
    const index = this.index;
    this.#saved.add(trackingNumber);
    await this.#orders.saveParcel(order.id, {
      trackingNumber,
      ...(match ? { carrierId: match.carrierId } : {}),
      ...(match?.trackingUrl ? { trackingUrl: match.trackingUrl } : {}),
      shippedAt: this.#orders.today,
      deliveryStatus: 'pending',
    });
    // A parcel ships an unshipped order by itself (`followParcels`); a partly shipped one is
    // finished here, as "Mark shipped" would.
    if (this.#orders.order(order.id)?.status !== 'shipped')
      await this.#orders.bulkTransition([order.id], { to: 'shipped' });
    const shipped = this.#orders.order(order.id)?.status === 'shipped';
    this.#place = { orderId: null, index };
    this.#moveTo(Math.min(index, Math.max(0, this.queue.length - 1)));
    return shipped
      ? { kind: 'shipped', id: order.externalId, number: trackingNumber, carrier: match?.carrierName }
      : { kind: 'notShipped', id: order.externalId, number: trackingNumber };
  }
}
