/**
 * The rows every export file is made of: one per parcel, with its order. Orders are walked in the
 * caller's order and parcels in stored order, so files are stable between exports.
 */
import { carrierNameOf, type CustomCarrier } from '../carriers/index.ts';
import type { OrderId } from '../ids.ts';
import type { Order } from '../model/order.ts';
import type { Parcel } from '../model/parcel.ts';

export type ParcelsByOrder = ReadonlyMap<OrderId, readonly Parcel[]>;

export interface ShipmentRow {
  order: Order;
  parcel: Parcel;
}

/** One row per parcel with a tracking number; orders without parcels give no row. */
export function shipmentRows(orders: readonly Order[], parcelsByOrder: ParcelsByOrder): ShipmentRow[] {
  const rows: ShipmentRow[] = [];
  for (const order of orders) {
    for (const parcel of parcelsByOrder.get(order.id) ?? []) {
      if (parcel.trackingNumber.trim() !== '') rows.push({ order, parcel });
    }
  }
  return rows;
}

/** What every export needs to name the seller's own carriers (Settings). */
export interface CarrierNaming {
  /** The seller's own carriers; without them a seller-defined carrier is written as its id. */
  customCarriers?: readonly CustomCarrier[];
}

/**
 * The carrier's name as the seller (and the marketplace's staff) knows it: the registry's display
 * name, the seller's own name for their carrier ("Kurier Meier", not `custom-3f9a…`), or the
 * stored id of a carrier deleted from Settings since; '' for none.
 */
export function carrierName(parcel: Parcel, custom: readonly CustomCarrier[] = []): string {
  return carrierNameOf(parcel.carrierId, custom);
}
