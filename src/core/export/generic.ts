/**
 * A plain shipments CSV for anything else (a shop system, an accountant, a carrier's bulk
 * tracking page): one row per parcel, ISO dates, registry ids next to display names. In the
 * seller's Excel dialect like the tracking sheet (BOM; `;` outside English).
 */
import { toCsv, type CsvColumn } from '../csv/write.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Order } from '../model/order.ts';
import { carrierName, shipmentRows, type CarrierNaming, type ParcelsByOrder } from './shipments.ts';
import { trackingSheetDelimiter } from './tracking-sheet.ts';

/** Machine-readable headers: this file is for other programs, which match names literally. */
export const GENERIC_SHIPMENT_COLUMNS: readonly CsvColumn[] = [
  { header: 'order_id' },
  { header: 'source' },
  { header: 'buyer_name' },
  { header: 'country' },
  { header: 'items', numeric: true },
  { header: 'tracking_number' },
  { header: 'carrier_id' },
  { header: 'carrier_name' },
  { header: 'tracking_url' },
  { header: 'shipped_at' },
  { header: 'expected_at' },
  { header: 'delivery_status' },
  { header: 'remarks' },
];

export function genericShipmentsCsv(
  orders: readonly Order[],
  parcelsByOrder: ParcelsByOrder,
  { locale, customCarriers = [] }: { locale: Locale } & CarrierNaming,
): string {
  const rows = shipmentRows(orders, parcelsByOrder).map(({ order, parcel }) => [
    order.externalId,
    order.source,
    order.buyer.name,
    order.address.country,
    order.lines.reduce((sum, line) => sum + line.quantity, 0),
    parcel.trackingNumber,
    parcel.carrierId ?? '',
    carrierName(parcel, customCarriers),
    parcel.trackingUrl ?? '',
    parcel.shippedAt ?? '',
    parcel.expectedAt ?? '',
    parcel.deliveryStatus,
    parcel.remarks ?? '',
  ]);
  return toCsv(GENERIC_SHIPMENT_COLUMNS, rows, { delimiter: trackingSheetDelimiter(locale), bom: true });
}
