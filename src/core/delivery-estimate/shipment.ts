/**
 * From orders and parcels to what the learner takes: where a parcel goes, whether that is
 * domestic, and, for a delivered parcel, its ship and delivery day.
 *
 * The delivery day of a parcel is the day of its last change (`updatedAt`) once it is delivered:
 * the change that made it delivered (a tracking update or the seller's hand) is normally the
 * last one, and parcels carry no separate delivery timestamp.
 */
import type { Parcel } from '../model/parcel.ts';
import type { DeliverySample, ShipmentKey } from './learn.ts';

/** Whether a parcel to `country` stays in `shopCountry`. Free-text countries count as abroad. */
export function isDomestic(country: string, shopCountry: string | undefined): boolean {
  if (!shopCountry) return false;
  return country.trim().toUpperCase() === shopCountry.trim().toUpperCase();
}

export function shipmentKeyOf(
  order: { address: { country: string } },
  parcel: Pick<Parcel, 'carrierId'>,
  shopCountry: string | undefined,
): ShipmentKey {
  const country = order.address.country.trim().toUpperCase();
  return { carrierId: parcel.carrierId, country, domestic: isDomestic(country, shopCountry) };
}

/**
 * The learner's sample for a delivered parcel with a ship day; `null` for any other parcel.
 * `dayOf` turns the parcel's `updatedAt` timestamp into the seller's calendar day.
 */
export function deliverySampleOf(
  order: { address: { country: string } },
  parcel: Pick<Parcel, 'carrierId' | 'shippedAt' | 'deliveryStatus' | 'updatedAt'>,
  shopCountry: string | undefined,
  dayOf: (iso: string) => string = (iso) => iso.slice(0, 10),
): DeliverySample | null {
  if (parcel.deliveryStatus !== 'delivered' || parcel.shippedAt === undefined) return null;
  return {
    ...shipmentKeyOf(order, parcel, shopCountry),
    shippedAt: parcel.shippedAt,
    deliveredAt: dayOf(parcel.updatedAt),
  };
}
