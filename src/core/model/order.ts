/**
 * The order as Trackpack keeps it. Plain data: no methods, no storage concerns. Everything that
 * came from a marketplace file sits in fields the import owns (`buyer`, `address`, `lines`,
 * `orderedAt`); what the seller does in Trackpack (status, notes, parcels) is never overwritten by
 * a re-import.
 */
import type { OrderId, OrderSource } from '../ids.ts';

export const ORDER_STATUSES = [
  'new',
  'preparing',
  'ready',
  'partially_shipped',
  'shipped',
  'delivered',
  'on_hold',
  'wont_ship',
  'returned',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const HOLD_REASONS = ['address_problem', 'out_of_stock', 'waiting_for_payment', 'other'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export interface Buyer {
  name: string;
  email?: string;
  phone?: string;
}

export interface Address {
  /** The recipient as printed on the label, when it differs from the buyer. */
  name?: string;
  line1: string;
  line2?: string;
  zip: string;
  city: string;
  region?: string;
  /** ISO 3166-1 alpha-2 where it could be recognised, otherwise the file's text. */
  country: string;
}

export interface OrderLine {
  sku?: string;
  title?: string;
  quantity: number;
}

/** A connected shop's word on the shipping confirmation of the order, summed over its parcels. */
export const ORDER_CONFIRMATION_STATES = ['pending', 'accepted', 'refused', 'failed'] as const;
export type OrderConfirmationState = (typeof ORDER_CONFIRMATION_STATES)[number];

/**
 * Written by the server only (pull brings it, so it is there offline): whether the shop the order
 * came from took the shipping confirmation. `failed` covers "gave up" and "check in the shop".
 */
export interface OrderConfirmation {
  /** The channel (`etsy`, `shopify`, ...). */
  channel: string;
  state: OrderConfirmationState;
  /** ISO time the first confirmation of the order was queued (the shipment reached the server). */
  since: string;
  /** ISO time of the latest state. */
  at: string;
  /** The shop's words when it refused. */
  reason?: string;
}

export interface Order {
  id: OrderId;
  source: OrderSource;
  /** The order id exactly as the marketplace shows it ("114-3941689-8772232", "#1042"). */
  externalId: string;
  /** The calendar day the seller saw in the file, `yyyy-mm-dd` (no time zone shift). */
  orderedAt: string;
  buyer: Buyer;
  address: Address;
  lines: OrderLine[];
  status: OrderStatus;
  /** Why the order is on hold or will not ship. */
  statusReason?: string;
  /**
   * While `on_hold`: the status the order was held from, so that releasing the hold returns it
   * there (see `src/core/workflow/status-machine.ts`). Absent in every other status.
   */
  heldFrom?: OrderStatus;
  notes: string;
  /** The shipping confirmation to a connected shop; absent for orders of no connected shop. */
  confirmation?: OrderConfirmation;
  /** Device clock, ISO 8601, of the last change. */
  updatedAt: string;
  createdAt: string;
}
