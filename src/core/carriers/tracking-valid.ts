import type { Parcel } from '../model/parcel.ts';
import { detectCarriers } from './index.ts';

/**
 * False when a tracking number's check digit fails: for the parcel's carrier when the number fits
 * one of that carrier's formats, else (no carrier, or one the registry does not know) when even
 * the best candidate fails. Numbers no format claims, and carriers without check digits, pass.
 */
export function isTrackingValid(parcel: Pick<Parcel, 'trackingNumber' | 'carrierId'>): boolean {
  const matches = detectCarriers(parcel.trackingNumber);
  const own =
    parcel.carrierId === undefined ? undefined : matches.find((m) => m.carrierId === parcel.carrierId);
  return (own ?? matches[0])?.valid ?? true;
}
