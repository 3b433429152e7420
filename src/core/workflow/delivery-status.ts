/**
 * Delivery status per parcel: translation between tracking services' vocabularies and ours (the
 * order status that follows from the parcels is `follow-parcels.ts`). Pure; the tracking clients that call
 * these live outside the core.
 *
 * Vocabularies, checked against the providers' public documentation (paraphrased, not copied):
 * - 17TRACK API v2, 9 main statuses and their sub-statuses (`Exception_Returning`,
 *   `Exception_Returned`, `NotFound_InvalidCode`, `DeliveryFailure_*`, ...):
 *   https://help.17track.net/hc/en-us/articles/37471096573337 (links to the API documentation).
 * - DHL Shipment Tracking - Unified API, `status.statusCode` of a shipment: `pre-transit`,
 *   `transit`, `delivered`, `failure`, `unknown` (https://developer.dhl.com/api-reference/shipment-tracking).
 *   It has no finer codes for pickup or returns in `statusCode`, so those arrive as `transit`
 *   or `failure`.
 */
import type { DeliveryStatus } from '../model/parcel.ts';

export type TrackingProvider = '17track' | 'dhl';

export interface VocabularyRow {
  provider: TrackingProvider;
  /** 17TRACK main `status` or DHL `statusCode`. */
  status: string;
  /** 17TRACK `sub_status`; a row without one covers the whole status. */
  subStatus?: string;
  ours: DeliveryStatus;
  /** This row is what `toProvider` answers for `ours` (one per provider and status at most). */
  canonical?: true;
}

/**
 * The one mapping table. Sub-status rows win over their main status. Decisions:
 * - "Returning to sender" counts as `returned` already: the buyer will not get the parcel, and
 *   the seller's next step (contact the buyer, reship or refund) is the same as when it is back.
 * - 17TRACK `NotFound` is `pending` (no scans yet is normal for a fresh label), but
 *   `NotFound_InvalidCode` is `exception`: the carrier says the number does not exist, which
 *   needs the seller.
 * - 17TRACK's "available for pickup" stays distinct from "out for delivery", because the
 *   buyer has to act.
 * - `unknown` has no provider equivalent (it is ours for "no tracking service asked yet").
 */
export const DELIVERY_VOCABULARY: readonly VocabularyRow[] = [
  { provider: '17track', status: 'NotFound', ours: 'pending', canonical: true },
  { provider: '17track', status: 'NotFound', subStatus: 'NotFound_InvalidCode', ours: 'exception' },
  { provider: '17track', status: 'InfoReceived', ours: 'info_received', canonical: true },
  { provider: '17track', status: 'InTransit', ours: 'in_transit', canonical: true },
  { provider: '17track', status: 'OutForDelivery', ours: 'out_for_delivery', canonical: true },
  { provider: '17track', status: 'AvailableForPickup', ours: 'available_for_pickup', canonical: true },
  { provider: '17track', status: 'DeliveryFailure', ours: 'failed_attempt', canonical: true },
  { provider: '17track', status: 'Exception', ours: 'exception', canonical: true },
  { provider: '17track', status: 'Exception', subStatus: 'Exception_Returning', ours: 'returned' },
  {
    provider: '17track',
    status: 'Exception',
    subStatus: 'Exception_Returned',
    ours: 'returned',
    canonical: true,
  },
  { provider: '17track', status: 'Expired', ours: 'expired', canonical: true },
  { provider: '17track', status: 'Delivered', ours: 'delivered', canonical: true },

  { provider: 'dhl', status: 'pre-transit', ours: 'info_received', canonical: true },
  { provider: 'dhl', status: 'transit', ours: 'in_transit', canonical: true },
  { provider: 'dhl', status: 'delivered', ours: 'delivered', canonical: true },
  { provider: 'dhl', status: 'failure', ours: 'exception', canonical: true },
  { provider: 'dhl', status: 'unknown', ours: 'pending', canonical: true },
];

/** Days without any carrier information after shipping before a parcel counts as `expired`. */
export const SILENT_EXPIRY_DAYS = 30;
const SILENT: readonly DeliveryStatus[] = ['pending', 'unknown'];

/**
 * A provider's "no information yet" turned into `expired` once the parcel was shipped
 * `SILENT_EXPIRY_DAYS` or more days ago (as 17TRACK's "Expired": nothing from the carrier 30 days
 * after shipping). `daysSinceShipped` is `null` when the parcel has no ship day.
 */
export function expireWhenSilent(status: DeliveryStatus, daysSinceShipped: number | null): DeliveryStatus {
  return SILENT.includes(status) && daysSinceShipped !== null && daysSinceShipped >= SILENT_EXPIRY_DAYS
    ? 'expired'
    : status;
}

/**
 * Our status for a provider's status and sub-status. Comparison ignores case (webhooks and
 * exports are not consistent about it); anything unrecognised is `unknown`, never an error.
 */
export function fromProvider(provider: TrackingProvider, status: string, subStatus?: string): DeliveryStatus {
  const main = status.trim().toLowerCase();
  const sub = subStatus?.trim().toLowerCase();
  let mainMatch: DeliveryStatus | undefined;
  for (const row of DELIVERY_VOCABULARY) {
    if (row.provider !== provider || row.status.toLowerCase() !== main) continue;
    if (row.subStatus === undefined) mainMatch = row.ours;
    else if (sub !== undefined && row.subStatus.toLowerCase() === sub) return row.ours;
  }
  return mainMatch ?? 'unknown';
}

export const fromSeventeenTrack = (status: string, subStatus?: string): DeliveryStatus =>
  fromProvider('17track', status, subStatus);

export const fromDhl = (statusCode: string): DeliveryStatus => fromProvider('dhl', statusCode);

/** The provider's status (and sub-status) for ours, or `null` where it has none (`unknown`). */
export function toProvider(
  provider: TrackingProvider,
  ours: DeliveryStatus,
): { status: string; subStatus?: string } | null {
  const row = DELIVERY_VOCABULARY.find((r) => r.provider === provider && r.ours === ours && r.canonical);
  if (!row) return null;
  return row.subStatus === undefined
    ? { status: row.status }
    : { status: row.status, subStatus: row.subStatus };
}
