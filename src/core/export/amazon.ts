/**
 * Amazon's shipping confirmation flat file (POST_FLAT_FILE_FULFILLMENT_DATA), uploaded in Seller
 * Central under "Upload order related files". Columns and formats from the Seller Central help
 * page "Shipping Confirmation template" (641/G641): `order-id`, `order-item-id` (optional: empty
 * confirms the whole order), `quantity` (optional), `ship-date` as yyyy-mm-dd, `carrier-code`
 * (Amazon's code or `Other`), `carrier-name` (only with `Other`), `tracking-number`,
 * `ship-method`. Tab-delimited, as Amazon's flat-file templates are.
 *
 * Only Amazon orders are written, one row per parcel; without per-parcel item data the item id and
 * quantity stay empty.
 */
import { toCsv } from '../csv/write.ts';
import type { Order } from '../model/order.ts';
import { AMAZON_CARRIER_CODES, AMAZON_OTHER } from './carrier-codes.ts';
import { carrierName, shipmentRows, type CarrierNaming, type ParcelsByOrder } from './shipments.ts';

export const AMAZON_CONFIRMATION_COLUMNS = [
  { header: 'order-id' },
  { header: 'order-item-id' },
  { header: 'quantity', numeric: true },
  { header: 'ship-date' },
  { header: 'carrier-code' },
  { header: 'carrier-name' },
  { header: 'tracking-number' },
  { header: 'ship-method' },
] as const;

export interface AmazonConfirmationOptions extends CarrierNaming {
  /** `yyyy-mm-dd` for parcels without a shipping date (Amazon requires one), e.g. today. */
  defaultShipDate: string;
}

/**
 * Amazon's carrier code for a registry carrier id, or `Other` (with the name in `carrier-name`),
 * also for every carrier the seller defined: Amazon's code list knows no seller's local courier.
 */
export function amazonCarrierCode(carrierId: string | undefined): string {
  return (carrierId === undefined ? undefined : AMAZON_CARRIER_CODES[carrierId]) ?? AMAZON_OTHER;
}

export function amazonShippingConfirmation(
  orders: readonly Order[],
  parcelsByOrder: ParcelsByOrder,
  { defaultShipDate, customCarriers = [] }: AmazonConfirmationOptions,
): string {
  const rows = shipmentRows(
    orders.filter((o) => o.source === 'amazon'),
    parcelsByOrder,
  ).map(({ order, parcel }) => {
    const code = amazonCarrierCode(parcel.carrierId);
    return [
      order.externalId,
      '',
      '',
      parcel.shippedAt || defaultShipDate,
      code,
      code === AMAZON_OTHER ? carrierName(parcel, customCarriers) : '',
      parcel.trackingNumber,
      '',
    ];
  });
  // Amazon documents its flat files as tab-delimited text and says nothing about quotes, so a
  // quoted order id or tracking number might be read with its quotes. Only a cell that holds a
  // tab, a quote or a line break is quoted (what Excel's "Text (Tab delimited)" writes, which
  // sellers upload every day); every value Amazon checks (ids, dates, codes, numbers) goes out
  // bare. The formula guards apply all the same.
  return toCsv(AMAZON_CONFIRMATION_COLUMNS, rows, { delimiter: '\t', quoting: 'needed' });
}
