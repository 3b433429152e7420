/**
 * Which tracking provider follows which carrier's parcels, read from the environment:
 *
 *   TRACKING_PROVIDERS=dhl:dhl,default:17track   DHL's carriers to DHL's API, every other parcel
 *                                                 (also one without a carrier) to 17TRACK
 *   TRACKING_PROVIDER=17track                     one provider for what it can follow (as before)
 *
 * On the left of each `:` a carrier id of the registry (`dhl-paket`), a provider's name for the
 * carriers that provider follows (`dhl`: DHL Paket and DHL Express), or `default`; on the right a
 * provider. A carrier named outright wins over a provider's name, both over `default`. Keys:
 * `TRACKING_PROVIDER_KEY_DHL`, `TRACKING_PROVIDER_KEY_17TRACK`, or `TRACKING_PROVIDER_KEY` when
 * only one provider is in use. Reading this never opens a connection: a wrong setting stops the
 * start with its name before anything else.
 */
import { carrierById } from '../../src/core/carriers/index.ts';
import type { Queryable } from '../db/database.ts';
import { databaseCallBudget } from './call-budget.ts';
import { DHL_CARRIERS, dhlUnified } from './dhl-unified.ts';
import type { FetchFn, TrackingProviderAdapter } from './provider.ts';
import { seventeenTrack } from './seventeen-track.ts';

export const TRACKING_PROVIDERS = ['17track', 'dhl'] as const;
export type TrackingProviderName = (typeof TRACKING_PROVIDERS)[number];

/** The carriers a provider can follow at all; absent: every carrier. */
const FOLLOWS_ONLY: Partial<Record<TrackingProviderName, readonly string[]>> = { dhl: DHL_CARRIERS };

export interface ProviderSetting {
  name: TrackingProviderName;
  key: string;
  /** DHL's API origin (DHL_TRACKING_API_ORIGIN); absent: DHL's own. */
  origin?: string;
  /** DHL_TRACKING_CALLS_PER_DAY: the plan's daily calls, shared by all processes. */
  callsPerDay?: number;
}

export interface TrackingSettings {
  providers: ProviderSetting[];
  /** Carrier id to provider name, for the carriers named (directly or by a provider's name). */
  byCarrier: Record<string, TrackingProviderName>;
  /** The provider of every other parcel; absent: other parcels are not followed. */
  fallback?: TrackingProviderName;
}

function isProviderName(value: string): value is TrackingProviderName {
  return (TRACKING_PROVIDERS as readonly string[]).includes(value);
}

function providerName(value: string, variable: string): TrackingProviderName {
  if (!isProviderName(value))
    throw new Error(
      `${variable}: the provider must be one of ${TRACKING_PROVIDERS.join(', ')}, not "${value}"`,
    );
  return value;
}

/** `TRACKING_PROVIDERS`' pairs, checked: carriers known, each provider able to follow its carriers. */
export function parseTrackingRoutes(value: string): Pick<TrackingSettings, 'byCarrier' | 'fallback'> {
  const direct: Record<string, TrackingProviderName> = {};
  const viaProvider: Record<string, TrackingProviderName> = {};
  let fallback: TrackingProviderName | undefined;
  const pairs = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (pairs.length === 0) throw new Error('TRACKING_PROVIDERS is empty');
  for (const pair of pairs) {
    const [left = '', right = '', ...rest] = pair.split(':').map((s) => s.trim());
    if (left === '' || right === '' || rest.length > 0)
      throw new Error(`TRACKING_PROVIDERS: "${pair}" is not carrier:provider`);
    const provider = providerName(right, 'TRACKING_PROVIDERS');
    const only = FOLLOWS_ONLY[provider];
    if (left === 'default') {
      if (only !== undefined)
        throw new Error(
          `TRACKING_PROVIDERS: ${provider} follows ${only.join(', ')} only; it can't be the default`,
        );
      if (fallback !== undefined) throw new Error('TRACKING_PROVIDERS: "default" is named twice');
      fallback = provider;
      continue;
    }
    const carriers = isProviderName(left) ? FOLLOWS_ONLY[left] : carrierById(left) ? [left] : undefined;
    if (carriers === undefined)
      throw new Error(
        `TRACKING_PROVIDERS: "${left}" is neither a carrier id, a provider of set carriers, nor default`,
      );
    const target = isProviderName(left) ? viaProvider : direct;
    for (const carrier of carriers) {
      if (only !== undefined && !only.includes(carrier))
        throw new Error(`TRACKING_PROVIDERS: ${provider} cannot follow ${carrier} parcels`);
      if (target[carrier] !== undefined && target[carrier] !== provider)
        throw new Error(`TRACKING_PROVIDERS: ${carrier} is given to two providers`);
      target[carrier] = provider;
    }
  }
  return { byCarrier: { ...viaProvider, ...direct }, ...(fallback !== undefined && { fallback }) };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name] || undefined;
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a whole number above 0, not "${raw}"`);
  return n;
}

/** The tracking settings in `env`, or null when no provider is set. */
export function readTrackingSettings(env: NodeJS.ProcessEnv): TrackingSettings | null {
  const routes = env['TRACKING_PROVIDERS'] || undefined;
  const single = env['TRACKING_PROVIDER'] || undefined;
  if (routes !== undefined && single !== undefined)
    throw new Error('Set TRACKING_PROVIDERS or TRACKING_PROVIDER, not both');
  let routing: Pick<TrackingSettings, 'byCarrier' | 'fallback'>;
  if (routes !== undefined) routing = parseTrackingRoutes(routes);
  else if (single !== undefined) {
    const name = providerName(single, 'TRACKING_PROVIDER');
    routing = parseTrackingRoutes(FOLLOWS_ONLY[name] ? `${name}:${name}` : `default:${name}`);
  } else return null;

  const names = [
    ...new Set([...Object.values(routing.byCarrier), ...(routing.fallback ? [routing.fallback] : [])]),
  ];
  const shared = env['TRACKING_PROVIDER_KEY'] || undefined;
  const providers = names.sort().map((name): ProviderSetting => {
    const variable = `TRACKING_PROVIDER_KEY_${name.toUpperCase()}`;
    const key = env[variable] || (names.length === 1 ? shared : undefined);
    if (key === undefined)
      throw new Error(
        names.length === 1
          ? `TRACKING_PROVIDER_KEY (or ${variable}) must be set for ${name}`
          : `${variable} must be set: ${name} is one of several tracking providers`,
      );
    if (name !== 'dhl') return { name, key };
    const origin = env['DHL_TRACKING_API_ORIGIN'] || undefined;
    const callsPerDay = positiveInt(env, 'DHL_TRACKING_CALLS_PER_DAY');
    return {
      name,
      key,
      ...(origin !== undefined && { origin }),
      ...(callsPerDay !== undefined && { callsPerDay }),
    };
  });
  return { providers, ...routing };
}

/** An adapter with the parcels it follows here. */
export interface RoutedProvider {
  adapter: TrackingProviderAdapter;
  /** Whether a parcel of `carrierId` (none: the seller didn't say) goes to this provider. */
  follows: (carrierId: string | undefined) => boolean;
}

/** Which provider a parcel of `carrierId` goes to under `settings`, or null for none. */
export function providerForCarrier(
  settings: Pick<TrackingSettings, 'byCarrier' | 'fallback'>,
  carrierId: string | undefined,
): TrackingProviderName | null {
  return (carrierId !== undefined ? settings.byCarrier[carrierId] : undefined) ?? settings.fallback ?? null;
}

/**
 * The adapters `settings` name, each with its parcels. With `db`, rate-limited providers keep
 * their call budget there, shared by every process on that database.
 */
export function trackingProvidersOf(
  settings: TrackingSettings,
  deps: { db?: Queryable; fetch?: FetchFn } = {},
): RoutedProvider[] {
  const { db, fetch } = deps;
  return settings.providers.map((p): RoutedProvider => {
    const adapter =
      p.name === 'dhl'
        ? dhlUnified({
            key: p.key,
            ...(p.origin !== undefined && { origin: p.origin }),
            ...(p.callsPerDay !== undefined && { callsPerDay: p.callsPerDay }),
            ...(fetch !== undefined && { fetch }),
            ...(db !== undefined && { budget: (limits) => databaseCallBudget(db, 'dhl', limits) }),
          })
        : seventeenTrack({ key: p.key, ...(fetch !== undefined && { fetch }) });
    return { adapter, follows: (carrierId) => providerForCarrier(settings, carrierId) === p.name };
  });
}
