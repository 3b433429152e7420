/**
 * A parcel is one tracking number on one order. An order may have several; each has its own
 * delivery status, which is the carrier's view and distinct from the order status.
 */
import type { OrderId, ParcelId } from '../ids.ts';

export const DELIVERY_STATUSES = [
  'pending',
  'info_received',
  'in_transit',
  'out_for_delivery',
  'available_for_pickup',
  'failed_attempt',
  'exception',
  'expired',
  'returned',
  'delivered',
  'unknown',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Parcel {
  id: ParcelId;
  orderId: OrderId;
  trackingNumber: string;
  /** Carrier registry id (`dhl-paket`, `ups`, ...) or a seller-defined carrier id. */
  carrierId?: string;
  trackingUrl?: string;
  /** `yyyy-mm-dd` */
  shippedAt?: string;
  /** `yyyy-mm-dd` */
  expectedAt?: string;
  deliveryStatus: DeliveryStatus;
  remarks?: string;
  updatedAt: string;
}
