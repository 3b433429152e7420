/**
 * The "Tell buyers" screen's grouping: shipped orders nobody told yet, by carrier, split into
 * those that can be e-mailed and those that cannot (and why). Pure.
 */
import type { Order } from '../model/order.ts';
import type { Parcel } from '../model/parcel.ts';
import type { NotifyRefusal } from './index.ts';

/** An order on the "Tell buyers" screen. */
export interface NotifyCandidate {
  order: Order;
  parcels: readonly Parcel[];
  /** Why it cannot be told by e-mail; `null` when it can. */
  refusal: NotifyRefusal | null;
}

/** Shipped orders that nobody told yet, sharing a carrier. */
export interface CarrierGroup {
  /** `''` for orders without a parcel or a known carrier. */
  carrierId: string;
  carrierName: string;
  ready: NotifyCandidate[];
  excluded: NotifyCandidate[];
}

/** The carrier an order is grouped under: its first parcel's, else none. */
function carrierOf(parcels: readonly Parcel[]): string {
  return parcels.find((p) => p.carrierId)?.carrierId ?? '';
}

/** Groups by carrier, carriers by name, the group without a carrier last. */
export function groupByCarrier(
  candidates: readonly NotifyCandidate[],
  nameOf: (carrierId: string) => string,
): CarrierGroup[] {
  const groups = new Map<string, CarrierGroup>();
  for (const candidate of candidates) {
    const carrierId = carrierOf(candidate.parcels);
    let group = groups.get(carrierId);
    if (!group) {
      group = { carrierId, carrierName: nameOf(carrierId), ready: [], excluded: [] };
      groups.set(carrierId, group);
    }
    (candidate.refusal === null ? group.ready : group.excluded).push(candidate);
  }
  return [...groups.values()].sort((a, b) =>
    a.carrierId === '' ? 1 : b.carrierId === '' ? -1 : a.carrierName.localeCompare(b.carrierName),
  );
}
