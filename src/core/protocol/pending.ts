/**
 * Which local entities still have changes on their way to the server. A pulled order, parcel or
 * settings object must not overwrite one of these: the device's own change would disappear until
 * its push comes back. Once the push is applied the server writes the entity again, and the next
 * pull brings its resolved state.
 */
import type { OutboxEntry } from '../model/outbox.ts';
import type { OrderId, ParcelId } from '../ids.ts';
import { isStoredImportMutation } from '../import/plan.ts';
import { targetsOf } from './apply.ts';
import { parseMutation } from './mutations.ts';

export interface PendingTargets {
  orders: Set<OrderId>;
  parcels: Set<ParcelId>;
  settings: boolean;
}

/** The orders, parcels and settings that the given outbox entries change. */
export function pendingTargets(entries: Iterable<Pick<OutboxEntry, 'name' | 'args'>>): PendingTargets {
  const pending: PendingTargets = { orders: new Set(), parcels: new Set(), settings: false };
  for (const entry of entries) {
    // The outbox keeps an import as order ids (expanded to orders only when sent).
    if (isStoredImportMutation(entry.name, entry.args)) {
      for (const id of entry.args.orderIds) pending.orders.add(id);
      continue;
    }
    const parsed = parseMutation(entry.name, entry.args);
    // An entry that does not parse will be rejected by the server and changes nothing there.
    if (!parsed.ok) continue;
    const targets = targetsOf(parsed.mutation);
    for (const id of targets.orders) pending.orders.add(id);
    for (const id of targets.parcels) pending.parcels.add(id);
    if (targets.settings) pending.settings = true;
  }
  return pending;
}
