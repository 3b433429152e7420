/**
 * Expected delivery on the server, for the buyer's page and the "shipped" message: the same
 * learned windows the seller's device shows (`src/core/delivery-estimate/`), learned here from
 * the seller's delivered parcels of the carriers concerned. Read-only; a request learns from at
 * most `HISTORY_LIMIT` recent parcels, so a page view stays cheap for a seller with years of
 * history.
 */
import {
  deliverySampleOf,
  expectedDelivery,
  learnDeliveryModel,
  shipmentKeyOf,
  type DeliverySample,
  type ExpectedDelivery,
} from '../../src/core/delivery-estimate/index.ts';
import type { Parcel } from '../../src/core/model/parcel.ts';
import type { Queryable } from '../db/database.ts';

/** Most recent delivered parcels a request learns from. */
export const HISTORY_LIMIT = 5_000;

const UNDERWAY_DONE = new Set(['delivered', 'returned']);

/** What a parcel needs to get a window; notification requests carry fewer fields than storage. */
export type ParcelLike = Pick<Parcel, 'trackingNumber' | 'carrierId'> &
  Partial<Pick<Parcel, 'id' | 'shippedAt' | 'deliveryStatus'>>;

/**
 * The learned window of each of the order's parcels on its way, by parcel id (tracking number
 * when the parcel has no id here). Parcels whose
 * window would only be a default (no history of the seller's own) are left out: the buyer is
 * told what the seller's parcels really do, or nothing.
 */
export async function expectedDeliveries(
  db: Queryable,
  sellerId: string,
  order: { address: { country: string } },
  parcels: readonly ParcelLike[],
): Promise<Map<string, ExpectedDelivery>> {
  const underway = parcels.filter(
    (p) => p.shippedAt !== undefined && !UNDERWAY_DONE.has(p.deliveryStatus ?? 'pending'),
  );
  const out = new Map<string, ExpectedDelivery>();
  if (underway.length === 0) return out;
  const carriers = [...new Set(underway.map((p) => p.carrierId ?? ''))];
  const [settings] = await db.query<{ country: string | null }>(
    `SELECT data->'workflow'->>'shopCountry' AS country FROM sync_settings WHERE seller_id = $1`,
    [sellerId],
  );
  const shopCountry = settings?.country?.trim() || undefined;
  const rows = await db.query<{ parcel: Parcel; country: string | null }>(
    `SELECT p.data AS parcel, o.data->'address'->>'country' AS country
       FROM sync_parcels p JOIN sync_orders o ON o.seller_id = p.seller_id AND o.id = p.order_id
      WHERE p.seller_id = $1 AND p.data->>'deliveryStatus' = 'delivered' AND p.data ? 'shippedAt'
        AND coalesce(p.data->>'carrierId', '') = ANY($2::text[])
      ORDER BY p.data->>'updatedAt' DESC LIMIT $3`,
    [sellerId, carriers, HISTORY_LIMIT],
  );
  const samples = rows.flatMap((row): DeliverySample[] => {
    const sample = deliverySampleOf({ address: { country: row.country ?? '' } }, row.parcel, shopCountry);
    return sample ? [sample] : [];
  });
  const model = learnDeliveryModel(samples);
  for (const parcel of underway) {
    const expected = expectedDelivery(model, {
      ...shipmentKeyOf(order, parcel, shopCountry),
      shippedAt: parcel.shippedAt as string,
    });
    if (expected && expected.sampleSize > 0) out.set(parcel.id ?? parcel.trackingNumber, expected);
  }
  return out;
}

/** One window over several parcels: from the earliest first day to the latest last day. */
export function combinedWindow(windows: Iterable<ExpectedDelivery>): { from: string; to: string } | null {
  let from: string | null = null;
  let to: string | null = null;
  for (const w of windows) {
    if (from === null || w.from < from) from = w.from;
    if (to === null || w.to > to) to = w.to;
  }
  return from === null || to === null ? null : { from, to };
}

/** Whether a template asks for the expected delivery (learning it costs a query). */
export function usesExpectedDelivery(template: { subject: string; body: string; sms: string }): boolean {
  return [template.subject, template.body, template.sms].some((part) => part.includes('delivery.expected'));
}

/** The parcels among `parcels` a tracking service has reported a status for. */
export async function reportedParcels(
  db: Queryable,
  sellerId: string,
  parcels: readonly Pick<Parcel, 'id'>[],
): Promise<Set<string>> {
  if (parcels.length === 0) return new Set();
  const rows = await db.query<{ parcel_id: string }>(
    `SELECT DISTINCT parcel_id FROM tracking_registrations
      WHERE seller_id = $1 AND parcel_id = ANY($2::text[]) AND last_status IS NOT NULL`,
    [sellerId, parcels.map((p) => p.id)],
  );
  return new Set(rows.map((r) => r.parcel_id));
}
