/**
 * The seller's carriers next to the registry: one lookup for "which carrier is this id" and "what
 * is it called" that knows the carriers the seller added in Settings (ids `custom-…`). Exports,
 * the tracking-sheet import and the preview all name carriers the same way through these.
 */
import { carrierById } from './registry.ts';
import type { Carrier, CustomCarrier } from './types.ts';

/** A registry carrier, else the seller's own carrier with that id. */
export function anyCarrierById(
  carrierId: string,
  custom: readonly CustomCarrier[] = [],
): Carrier | CustomCarrier | undefined {
  return carrierById(carrierId) ?? custom.find((c) => c.id === carrierId);
}

/**
 * The name a seller (and a marketplace) recognises: the registry's display name, the seller's own
 * name for their carrier, or the bare id for a carrier deleted from Settings since. '' for none.
 */
export function carrierNameOf(carrierId: string | undefined, custom: readonly CustomCarrier[] = []): string {
  if (carrierId === undefined || carrierId === '') return '';
  return anyCarrierById(carrierId, custom)?.name ?? carrierId;
}
