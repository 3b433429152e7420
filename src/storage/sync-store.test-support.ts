/** What the Dexie sync store's tests share: a fresh database each, and a note written offline. */
import type { Order } from '../core/model/order.ts';
import { DexieRepository } from './dexie-repository.ts';
import { DexieSyncStore } from './dexie-sync-store.ts';

let n = 0;

/** A repository on a database of its own, and the sync store over it. */
export function setupSyncStore(name: string): { repo: DexieRepository; store: DexieSyncStore } {
  const repo = new DexieRepository(`${name}-${++n}`);
  return { repo, store: new DexieSyncStore(repo) };
}

/** A pull or page that brings nothing. */
export const EMPTY_PULL = { orders: [], parcels: [], removedParcels: [], events: [], settings: null };

/** Sets the order's notes on this device, with the pending `order.note` change that sends them. */
export async function noteLocally(repo: DexieRepository, order: Order, notes: string): Promise<void> {
  await repo.commit({
    orders: [{ ...order, notes }],
    events: [],
    mutations: [
      {
        name: 'order.note',
        args: { orderId: order.id, notes, eventId: crypto.randomUUID(), at: order.updatedAt },
      },
    ],
  });
}
