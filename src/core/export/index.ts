/**
 * Files Trackpack writes about shipments: the tracking sheet for Excel, Amazon's shipping
 * confirmation, eBay's tracking upload and a generic CSV. Every one goes through `toCsv`
 * (`../csv/write.ts`), so no cell reaches a spreadsheet as a formula.
 */
export {
  TRACKING_SHEET_COLUMNS,
  trackingSheetColumnNames,
  trackingSheetCsv,
  trackingSheetDelimiter,
  type TrackingSheetColumn,
  type TrackingSheetOptions,
} from './tracking-sheet.ts';
export {
  AMAZON_CONFIRMATION_COLUMNS,
  amazonCarrierCode,
  amazonShippingConfirmation,
  type AmazonConfirmationOptions,
} from './amazon.ts';
export { EBAY_TRACKING_COLUMNS, ebayCarrierName, ebayTrackingUpload } from './ebay.ts';
export { GENERIC_SHIPMENT_COLUMNS, genericShipmentsCsv } from './generic.ts';
export { AMAZON_CARRIER_CODES, AMAZON_OTHER, EBAY_CARRIER_NAMES } from './carrier-codes.ts';
export { LOCALE_DAY_PATTERNS, dateOrderOf, formatDay, type DayPattern } from './dates.ts';
export {
  carrierName,
  shipmentRows,
  type CarrierNaming,
  type ParcelsByOrder,
  type ShipmentRow,
} from './shipments.ts';
