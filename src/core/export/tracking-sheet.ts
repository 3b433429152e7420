/**
 * The tracking sheet: every order with buyer and city, and its parcels' tracking columns, for the
 * seller to fill in in Excel and import again (`parseTrackingFile` recognises it as the
 * `trackpack` preset in any of our four languages).
 *
 * Written the way the seller's Excel reads CSV: UTF-8 with BOM (Excel otherwise reads UTF-8 as
 * the ANSI code page), `;` as delimiter in German, Swedish and Russian (their Excel uses `;`
 * because `,` is the decimal separator), `,` in English, CRLF line ends, dates
 * in the seller's format. Through `toCsv`, so no cell can run as a formula.
 */
import { toCsv } from '../csv/write.ts';
import type { Locale } from '../i18n/locales.ts';
import { trackingMessages } from '../i18n/messages/tracking.ts';
import type { Order } from '../model/order.ts';
import type { DateFormat } from '../settings.ts';
import { formatDay } from './dates.ts';
import { carrierName, type CarrierNaming, type ParcelsByOrder } from './shipments.ts';

export const TRACKING_SHEET_COLUMNS = [
  'orderId',
  'buyer',
  'city',
  'trackingNumber',
  'carrier',
  'trackingUrl',
  'shippedAt',
  'expectedAt',
  'remarks',
] as const;
export type TrackingSheetColumn = (typeof TRACKING_SHEET_COLUMNS)[number];

export interface TrackingSheetOptions extends CarrierNaming {
  locale: Locale;
  /** The seller's setting, or a formatter of `yyyy-mm-dd` days. */
  dateFormat: DateFormat | ((day: string) => string);
  /**
   * Translated headers (`export.column.<key>` in the app's language). Our import recognises the
   * catalog's texts; other texts need a mapping on the way back.
   */
  columnNames: Readonly<Record<TrackingSheetColumn, string>>;
}

/** The catalog's headers for `locale`, for callers without a translate function at hand. */
export function trackingSheetColumnNames(locale: Locale): Record<TrackingSheetColumn, string> {
  const names = {} as Record<TrackingSheetColumn, string>;
  for (const key of TRACKING_SHEET_COLUMNS) names[key] = trackingMessages[locale][`export.column.${key}`];
  return names;
}

export function trackingSheetDelimiter(locale: Locale): ',' | ';' {
  return locale === 'en' ? ',' : ';';
}

/** One row per parcel; an order without parcels gets one row with empty tracking columns. */
export function trackingSheetCsv(
  orders: readonly Order[],
  parcelsByOrder: ParcelsByOrder,
  { locale, dateFormat, columnNames, customCarriers = [] }: TrackingSheetOptions,
): string {
  const day = (value: string | undefined): string =>
    value === undefined || value === ''
      ? ''
      : typeof dateFormat === 'function'
        ? dateFormat(value)
        : formatDay(value, dateFormat, locale);
  const rows: string[][] = [];
  for (const order of orders) {
    const head = [order.externalId, order.buyer.name, order.address.city];
    const parcels = parcelsByOrder.get(order.id) ?? [];
    if (parcels.length === 0) rows.push([...head, '', '', '', '', '', '']);
    for (const parcel of parcels) {
      rows.push([
        ...head,
        parcel.trackingNumber,
        carrierName(parcel, customCarriers),
        parcel.trackingUrl ?? '',
        day(parcel.shippedAt),
        day(parcel.expectedAt),
        parcel.remarks ?? '',
      ]);
    }
  }
  return toCsv(
    TRACKING_SHEET_COLUMNS.map((key) => ({ header: columnNames[key] })),
    rows,
    { delimiter: trackingSheetDelimiter(locale), bom: true },
  );
}
