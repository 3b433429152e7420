/**
 * Telling buyers, the device's half: the automatic rule that adds a `notify.request` to the
 * commit that ships an order, and the "Tell buyers" screen (shipped orders nobody wrote to yet,
 * grouped by carrier, sent a group at a time as DreamRobot's "goods on the way" mails are).
 *
 * Never sends anything itself: a request is an event plus an outbox mutation in ONE commit; the
 * server renders and sends it, and its outcome comes back by pull as an order event.
 *
 * Which shipped orders were already notified: there is no index of events by kind in storage, so
 * the screen reads the history of each shipped order once and keeps a set of the ones that were
 * notified. That set only grows (events are never removed), so later loads read the history of
 * the orders still waiting only, which is the screen's own list and small.
 */
import { carrierById } from '../core/carriers/index.ts';
import {
  notificationRequest,
  refusalFor,
  type NotificationChannel,
  type NotificationKind,
  type NotifyRefusal,
} from '../core/notifications/index.ts';
import type { Order } from '../core/model/order.ts';
import type { Parcel } from '../core/model/parcel.ts';
import type { Settings } from '../core/settings.ts';
import type { Repository } from '../storage/repository.ts';
import { groupByCarrier, type CarrierGroup } from '../core/notifications/carrier-groups.ts';
import { newIds } from './auto-notifying-repository.ts';
import { findUntold, notifiedIndex } from './untold-orders.ts';
import { nowIso } from '../core/clock.ts';

export { autoNotifying, withAutoNotifications } from './auto-notifying-repository.ts';
export {
  groupByCarrier,
  type CarrierGroup,
  type NotifyCandidate,
} from '../core/notifications/carrier-groups.ts';

/** Orders read per repository call while looking for the preview's order. */
const SAMPLE_PAGE_SIZE = 2_000;

export class NotifyState {
  readonly #repo: Repository;
  readonly #settings: () => Settings;
  /** Orders whose buyer was asked a "shipped" message (only grows). */
  readonly #notified = notifiedIndex();
  #groups = $state.raw<readonly CarrierGroup[]>([]);
  #loaded = $state(false);
  #loading = false;
  #reloadWanted = false;
  #sending = $state<string | null>(null);
  #sample = $state.raw<{ order: Order; parcels: readonly Parcel[] } | null>(null);

  constructor(repo: Repository, settings: () => Settings) {
    this.#repo = repo;
    this.#settings = settings;
  }

  get groups(): readonly CarrierGroup[] {
    return this.#groups;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  /** The carrier group being sent, if any. */
  get sending(): string | null {
    return this.#sending;
  }
  /**
   * A real order of the seller for previews: the latest shipped one (it has parcels to show),
   * else the first stored one; `null` when there is none.
   */
  get sample(): { order: Order; parcels: readonly Parcel[] } | null {
    return this.#sample;
  }

  async loadSample(): Promise<void> {
    let latestShipped: Order | undefined;
    let first: Order | undefined;
    // No index by status: one pass over the pages, as "Tell buyers" does.
    for (let after: Order['id'] | null = null; ;) {
      const page = await this.#repo.ordersPage(after, SAMPLE_PAGE_SIZE);
      first ??= page[0];
      for (const order of page) {
        if (order.status === 'shipped' && (!latestShipped || order.updatedAt > latestShipped.updatedAt))
          latestShipped = order;
      }
      if (page.length < SAMPLE_PAGE_SIZE) break;
      after = (page.at(-1) as Order).id;
    }
    const order = latestShipped ?? first;
    this.#sample = order ? { order, parcels: await this.#repo.parcelsOf(order.id) } : null;
  }

  /** Loads now and after every change (sync brings outcomes); returns the function that stops. */
  start(): () => void {
    void this.load();
    return this.#repo.subscribe(() => void this.load());
  }

  /** Finds the shipped orders nobody told yet and groups them by carrier. */
  async load(): Promise<void> {
    if (this.#loading) {
      this.#reloadWanted = true;
      return;
    }
    this.#loading = true;
    try {
      do {
        this.#reloadWanted = false;
        this.#groups = await this.#read();
      } while (this.#reloadWanted);
      this.#loaded = true;
    } finally {
      this.#loading = false;
    }
  }

  async #read(): Promise<CarrierGroup[]> {
    const candidates = await findUntold(this.#repo, this.#notified, this.#settings().notifications);
    return groupByCarrier(candidates, (id) => this.carrierName(id));
  }

  carrierName(carrierId: string): string {
    if (carrierId === '') return '';
    const custom = this.#settings().carriers.custom.find((c) => c.id === carrierId);
    return carrierById(carrierId)?.name ?? custom?.name ?? carrierId;
  }

  /**
   * "Send to N buyers": one `notify.request` per order of the group that may be written to,
   * each with its own ids, all in one commit. Answers how many were asked.
   */
  async sendGroup(carrierId: string): Promise<number> {
    const group = this.#groups.find((g) => g.carrierId === carrierId);
    if (!group || group.ready.length === 0 || this.#sending !== null) return 0;
    this.#sending = carrierId;
    try {
      const at = nowIso();
      const made = group.ready.map(({ order }) =>
        notificationRequest(order.id, { kind: 'shipped', channel: 'email' }, newIds(), at),
      );
      await this.#repo.commit({ events: made.map((r) => r.event), mutations: made.map((r) => r.mutation) });
      for (const { order } of group.ready) this.#notified.add(order.id);
      this.#groups = this.#groups.flatMap((g) =>
        g.carrierId !== carrierId ? [g] : g.excluded.length ? [{ ...g, ready: [] }] : [],
      );
      return made.length;
    } finally {
      this.#sending = null;
    }
  }

  /** Why `order`'s buyer cannot be written to on `channel` under the seller's rules, or `null`. */
  refusal(order: Order, channel: NotificationChannel): NotifyRefusal | null {
    return refusalFor(order, channel, this.#settings().notifications);
  }

  /** Asks for one message to one order's buyer (the order detail's buttons). */
  async send(order: Order, kind: NotificationKind, channel: NotificationChannel): Promise<boolean> {
    if (refusalFor(order, channel, this.#settings().notifications) !== null) return false;
    const request = notificationRequest(order.id, { kind, channel }, newIds(), nowIso());
    await this.#repo.commit({ events: [request.event], mutations: [request.mutation] });
    if (kind === 'shipped') this.#notified.add(order.id);
    return true;
  }
}
