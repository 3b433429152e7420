/**
 * Delivery statuses from tracking providers: the adapter interface, the 17TRACK and DHL adapters,
 * which provider follows which carrier (`config.ts`), their shared call budgets, and the service
 * that registers numbers and applies the updates.
 */
import { readTrackingSettings, trackingProvidersOf } from './config.ts';
import type { FetchFn, TrackingProviderAdapter } from './provider.ts';

export { createTrackingService, type TrackingService } from './service.ts';
export { trackingRoutes } from './routes.ts';
export { seventeenTrack, seventeenTrackSign } from './seventeen-track.ts';
export { dhlUnified } from './dhl-unified.ts';
export {
  TRACKING_PROVIDERS,
  parseTrackingRoutes,
  providerForCarrier,
  readTrackingSettings,
  trackingProvidersOf,
  type RoutedProvider,
  type TrackingSettings,
} from './config.ts';
export type { TrackingProviderAdapter, TrackingUpdate } from './provider.ts';

/**
 * The one adapter the environment names, or `null` when none is set; for a set-up of one provider
 * (several: `readTrackingSettings` and `trackingProvidersOf`). Its budget is this process's own.
 */
export function trackingProviderFrom(
  env: NodeJS.ProcessEnv,
  fetch?: FetchFn,
): TrackingProviderAdapter | null {
  const settings = readTrackingSettings(env);
  if (settings === null) return null;
  const [only, ...more] = trackingProvidersOf(settings, fetch !== undefined ? { fetch } : {});
  if (more.length > 0) throw new Error('Several tracking providers are set; take trackingProvidersOf');
  return only?.adapter ?? null;
}
