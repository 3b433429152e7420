/**
 * The rows every export file is made of: one per parcel, with its order. Orders are walked in the
 * caller's order and parcels in stored order, so files are stable between exports.
 */
import { carrierById } from '../carriers/index.ts';
import type { OrderId } from '../ids.ts';
import type { Order } from '../order.ts';
import type { Parcel } from '../parcel.ts';

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

/** The carrier's display name, or the stored id for seller-defined carriers, or ''. */
export function carrierName(parcel: Parcel): string {
  if (parcel.carrierId === undefined) return '';
  return carrierById(parcel.carrierId)?.name ?? parcel.carrierId;
}
