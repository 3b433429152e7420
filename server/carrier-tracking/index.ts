/**
 * Delivery statuses from a tracking provider: the adapter interface, the 17TRACK adapter, the
 * service that registers numbers and applies webhook updates, and how to configure it.
 */
import { seventeenTrack } from './seventeen-track.ts';
import { dhlUnified } from './dhl-unified.ts';
import type { FetchFn, TrackingProviderAdapter } from './provider.ts';

export { createTrackingService, type TrackingService } from './service.ts';
export { trackingRoutes } from './routes.ts';
export { seventeenTrack, seventeenTrackSign } from './seventeen-track.ts';
export { dhlUnified } from './dhl-unified.ts';
export type { TrackingProviderAdapter, TrackingUpdate } from './provider.ts';

export const TRACKING_PROVIDERS = ['17track', 'dhl'] as const;

/**
 * The adapter TRACKING_PROVIDER names (with TRACKING_PROVIDER_KEY), or `null` when unset. `dhl`
 * follows the parcels of DHL's carriers only (`DHL_CARRIERS`); 17TRACK follows every parcel.
 */
export function trackingProviderFrom(
  env: NodeJS.ProcessEnv,
  fetch?: FetchFn,
): TrackingProviderAdapter | null {
  const name = env['TRACKING_PROVIDER'] || undefined;
  if (name === undefined) return null;
  const key = env['TRACKING_PROVIDER_KEY'] || undefined;
  if (!(TRACKING_PROVIDERS as readonly string[]).includes(name)) {
    throw new Error(`TRACKING_PROVIDER must be one of ${TRACKING_PROVIDERS.join(', ')}, not "${name}"`);
  }
  if (key === undefined) throw new Error('TRACKING_PROVIDER_KEY must be set when TRACKING_PROVIDER is');
  if (name === 'dhl') {
    const origin = env['DHL_TRACKING_API_ORIGIN'] || undefined;
    return dhlUnified({
      key,
      ...(origin !== undefined && { origin }),
      ...(fetch !== undefined && { fetch }),
    });
  }
  return seventeenTrack({ key, ...(fetch !== undefined && { fetch }) });
}
