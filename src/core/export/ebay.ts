/**
 * eBay's tracking upload: the "awaiting shipment" file filled in and uploaded back in Seller Hub.
 * Columns `Shipping Status`, `Order Number`, `Item Number`, `Item Title`, `Custom Label`,
 * `Transaction ID`, `Shipping Carrier Used`, `Tracking Number`, with `Shipped` as status. No eBay
 * help page with this header could be consulted from here; the columns are those two independent
 * public eBay integrations write for this upload (a TypeScript "EbayShippingConfirmationExporter"
 * and a Python tracking-file generator, both found by code search), so check them against a
 * current Seller Hub download before relying on them. Looked for again (2026): no eBay page with
 * the Seller Hub upload's headers was found; the CSV upload eBay does document, the MIP order
 * fulfillment feed (developer.ebay.com/api-docs/user-guides/static/mip-user-guide/
 * mip-definitions-order-fulfillment-feed.html), is another format (`Order ID`, `Line Item ID`,
 * `Logistics Status`, ...) for sellers on eBay's Merchant Integration Platform, so these columns
 * stay as they are and unverified.
 *
 * Only eBay orders are written, one row per parcel. Item number and transaction id stay empty:
 * Trackpack keeps neither, and the order number identifies the order.
 */
import { toCsv } from '../csv/write.ts';
import type { Order } from '../model/order.ts';
import { EBAY_CARRIER_NAMES } from './carrier-codes.ts';
import { carrierName, shipmentRows, type CarrierNaming, type ParcelsByOrder } from './shipments.ts';

export const EBAY_TRACKING_COLUMNS = [
  { header: 'Shipping Status' },
  { header: 'Order Number' },
  { header: 'Item Number' },
  { header: 'Item Title' },
  { header: 'Custom Label' },
  { header: 'Transaction ID' },
  { header: 'Shipping Carrier Used' },
  { header: 'Tracking Number' },
] as const;

export function ebayCarrierName(carrierId: string | undefined, fallback: string): string {
  return (carrierId === undefined ? undefined : EBAY_CARRIER_NAMES[carrierId]) ?? fallback;
}

export function ebayTrackingUpload(
  orders: readonly Order[],
  parcelsByOrder: ParcelsByOrder,
  { customCarriers = [] }: CarrierNaming = {},
): string {
  const rows = shipmentRows(
    orders.filter((o) => o.source === 'ebay'),
    parcelsByOrder,
  ).map(({ order, parcel }) => {
    const line = order.lines.length === 1 ? order.lines[0] : undefined;
    return [
      'Shipped',
      order.externalId,
      '',
      line?.title ?? '',
      line?.sku ?? '',
      '',
      ebayCarrierName(parcel.carrierId, carrierName(parcel, customCarriers)),
      parcel.trackingNumber,
    ];
  });
  return toCsv(EBAY_TRACKING_COLUMNS, rows, { delimiter: ',' });
}
