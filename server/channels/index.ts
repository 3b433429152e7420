/**
 * Shop connections: the adapter interface, the adapters, the service that polls and confirms,
 * its routes, and how the environment configures them. Without `SECRETS_KEY` the server keeps no
 * shop secrets, so shop connections are off (and say so).
 */
import type { ChannelId } from '../../src/core/channels/carriers.ts';
import type { ChannelAdapter, FetchFn } from './adapter.ts';
import { CHANNEL_DEFAULTS, type ChannelServiceConfig } from './service.ts';
import { secretBox, secretsKeyFrom, type SecretBox } from './secrets.ts';
import { shopify } from './shopify.ts';
import { wooCommerce } from './woocommerce.ts';
import { etsy } from './etsy.ts';
import { ebay } from './ebay.ts';
import { amazon } from './amazon.ts';
import { kaufland } from './kaufland.ts';

export { createChannelService, type ChannelService } from './service.ts';
export { channelRoutes } from './routes.ts';

export interface ChannelSetup {
  secrets: SecretBox;
  adapters: Partial<Record<ChannelId, ChannelAdapter<never>>>;
  config: ChannelServiceConfig;
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallbackMs: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallbackMs;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number of seconds, at least ${min}, not "${raw}"`);
  }
  return value * 1000;
}

function origin(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^https?:\/\/[^/]+\/?$/.test(raw)) throw new Error(`${name} must be an origin like https://host:port`);
  return raw;
}

/** Reads SECRETS_KEY, the adapters' origins and the tunables; `null` when SECRETS_KEY is unset. */
export function channelSetupFrom(env: NodeJS.ProcessEnv, fetch?: FetchFn): ChannelSetup | null {
  const key = secretsKeyFrom(env['SECRETS_KEY']);
  const config: ChannelServiceConfig = {
    ...CHANNEL_DEFAULTS,
    pollIntervalMs: seconds(env, 'CHANNEL_POLL_SECONDS', CHANNEL_DEFAULTS.pollIntervalMs, 1),
    confirmGraceMs: seconds(env, 'CHANNEL_CONFIRM_GRACE_SECONDS', CHANNEL_DEFAULTS.confirmGraceMs, 0),
  };
  const shopifyOrigin = origin(env, 'SHOPIFY_API_ORIGIN');
  const wooOrigin = origin(env, 'WOOCOMMERCE_API_ORIGIN');
  const etsyOrigin = origin(env, 'ETSY_API_ORIGIN');
  const etsyAuthOrigin = origin(env, 'ETSY_AUTH_ORIGIN');
  const ebayOrigin = origin(env, 'EBAY_API_ORIGIN');
  const ebayAuthOrigin = origin(env, 'EBAY_AUTH_ORIGIN');
  const amazonOrigin = origin(env, 'AMAZON_API_ORIGIN');
  const amazonAuthOrigin = origin(env, 'AMAZON_AUTH_ORIGIN');
  const kauflandOrigin = origin(env, 'KAUFLAND_API_ORIGIN');
  if (key === null) return null;
  const fetchOption = fetch !== undefined ? { fetch } : {};
  return {
    secrets: secretBox(key),
    adapters: {
      shopify: shopify({
        ...(shopifyOrigin !== undefined && { origin: shopifyOrigin }),
        ...(fetch !== undefined && { fetch }),
      }) as ChannelAdapter<never>,
      woocommerce: wooCommerce({
        ...(wooOrigin !== undefined && { origin: wooOrigin }),
        ...(fetch !== undefined && { fetch }),
      }) as ChannelAdapter<never>,
      etsy: etsy({
        ...fetchOption,
        ...(etsyOrigin !== undefined && { origin: etsyOrigin }),
        ...(etsyAuthOrigin !== undefined && { authOrigin: etsyAuthOrigin }),
      }) as ChannelAdapter<never>,
      ebay: ebay({
        ...fetchOption,
        ...(ebayOrigin !== undefined && { origin: ebayOrigin }),
        ...(ebayAuthOrigin !== undefined && { authOrigin: ebayAuthOrigin }),
      }) as ChannelAdapter<never>,
      amazon: amazon({
        ...fetchOption,
        ...(amazonOrigin !== undefined && { origin: amazonOrigin }),
        ...(amazonAuthOrigin !== undefined && { authOrigin: amazonAuthOrigin }),
      }) as ChannelAdapter<never>,
      kaufland: kaufland({
        ...fetchOption,
        ...(kauflandOrigin !== undefined && { origin: kauflandOrigin }),
      }) as ChannelAdapter<never>,
    },
    config,
  };
}
