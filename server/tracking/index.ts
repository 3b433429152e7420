/**
 * Delivery statuses from a tracking provider: the adapter interface, the 17TRACK adapter, the
 * service that registers numbers and applies webhook updates, and how to configure it.
 */
import { seventeenTrack } from './seventeen-track.ts';
import type { FetchFn, TrackingProviderAdapter } from './provider.ts';

export { createTrackingService, type TrackingService } from './service.ts';
export { trackingRoutes } from './routes.ts';
export { seventeenTrack, seventeenTrackSign } from './seventeen-track.ts';
export type { TrackingProviderAdapter, TrackingUpdate } from './provider.ts';

export const TRACKING_PROVIDERS = ['17track'] as const;

/** The adapter TRACKING_PROVIDER names (with TRACKING_PROVIDER_KEY), or `null` when unset. */
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
  return seventeenTrack({ key, ...(fetch !== undefined && { fetch }) });
}
