/**
 * The target fields of a tracking-sheet import, in the mapping editor's order. Labels live under
 * `tracking.field.<key>` in `../i18n/messages/tracking.ts`.
 */
import type { TargetField } from '../import/fields.ts';

export const TRACKING_FIELD_KEYS = [
  'orderId',
  'trackingNumber',
  'carrier',
  'trackingUrl',
  'shippedAt',
  'expectedAt',
  'remarks',
] as const;
export type TrackingField = (typeof TRACKING_FIELD_KEYS)[number];

export const TRACKING_FIELDS = [
  { key: 'orderId', group: 'order', required: true, excelSensitive: true },
  // Long all-digit numbers (DHL's 20 digits, SSCCs) are exactly what Excel rounds.
  { key: 'trackingNumber', group: 'parcel', required: true, excelSensitive: true },
  { key: 'carrier', group: 'parcel', required: false },
  { key: 'trackingUrl', group: 'parcel', required: false },
  { key: 'shippedAt', group: 'parcel', required: false },
  { key: 'expectedAt', group: 'parcel', required: false },
  { key: 'remarks', group: 'parcel', required: false },
] as const satisfies readonly TargetField<TrackingField>[];

/**
 * Order in which fields pick headers: the tracking number first, so that a sheet whose only
 * "number" column is the tracking number never hands it to the order id.
 */
export const TRACKING_FIELD_GUESS_ORDER: readonly TrackingField[] = [
  'trackingNumber',
  'orderId',
  'trackingUrl',
  'carrier',
  'shippedAt',
  'expectedAt',
  'remarks',
];
