/**
 * The shop-connection routes' answers (`/api/channels`), validated on the device before they are
 * believed. Secrets go to the server in a connect request and never come back in any of these.
 */
import * as v from 'valibot';

/**
 * When a connection confirms shipped orders to its channel: when the order is shipped, or when
 * the buyer's "on its way" message has gone out.
 */
export const CONFIRM_WHEN = ['shipped', 'told'] as const;
export type ConfirmWhen = (typeof CONFIRM_WHEN)[number];

export const connectionSchema = v.object({
  id: v.string(),
  channel: v.string(),
  shop: v.string(),
  status: v.string(),
  lastRunAt: v.nullable(v.string()),
  lastRunOrders: v.nullable(v.number()),
  lastError: v.nullable(v.string()),
  nextPollAt: v.string(),
  /** Absent from servers before the setting existed: confirmed when shipped. */
  confirmWhen: v.optional(v.picklist(CONFIRM_WHEN), 'shipped'),
});
export type Connection = v.InferOutput<typeof connectionSchema>;

export const channelListSchema = v.object({
  /** False when the server has no SECRETS_KEY: it cannot keep shop keys. */
  enabled: v.boolean(),
  channels: v.array(v.string()),
  connections: v.array(connectionSchema),
});
export type ChannelList = v.InferOutput<typeof channelListSchema>;

export const connectResponseSchema = v.object({ connection: connectionSchema });
export const fetchNowResponseSchema = v.object({ fetched: v.number() });
export const okResponseSchema = v.object({ ok: v.literal(true) });

export interface ConnectRequest {
  channel: string;
  shop: string;
  credentials: Record<string, string>;
}

/** Where a channel sends the seller's browser back to the server after its consent page. */
export const CONSENT_CALLBACK_PATH = '/api/channels/oauth/callback';

/** Where the server then sends the browser on: the app's Settings, which reads `?shops=`. */
export const CONSENT_RETURN_PATH = '/settings';

/**
 * What came of a consent-page connection, in the `?shops=` of the return URL: `connected`; the
 * seller said no on the channel's page (`denied`); the flow took longer than allowed (`expired`);
 * a return this server did not start (`state`); the channel refused the app's keys (`auth`) or
 * did not answer (`unavailable`); the shop was connected already (`exists`); the server keeps no
 * shop keys (`off`); what the seller typed was incomplete (`invalid`).
 */
export const CONSENT_RESULTS = [
  'connected',
  'denied',
  'expired',
  'state',
  'auth',
  'unavailable',
  'exists',
  'off',
  'invalid',
] as const;
export type ConsentResult = (typeof CONSENT_RESULTS)[number];

export interface ConsentReturn {
  result: ConsentResult;
  /** The connected shop's name (with `connected`). */
  shop: string;
}

/** The return URL's query for a result (`shops=connected&shop=HolmKnits`). */
export function consentReturnQuery(result: ConsentResult, shop = ''): string {
  const named = result === 'connected' && shop !== '' ? `&shop=${encodeURIComponent(shop)}` : '';
  return `shops=${result}${named}`;
}

/** A query string's values by name (the first of a repeated one); core has no URLSearchParams. */
function queryValues(search: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const decode = (text: string) => {
      try {
        return decodeURIComponent(text.replace(/\+/g, ' '));
      } catch {
        return '';
      }
    };
    const name = decode(at < 0 ? pair : pair.slice(0, at));
    if (!values.has(name)) values.set(name, decode(at < 0 ? '' : pair.slice(at + 1)));
  }
  return values;
}

/**
 * The consent result in a URL's query, or null when there is none; a value this app does not
 * know (a newer server) reads as `unavailable`, so the seller still hears that it did not work.
 */
export function consentReturnOf(search: string): ConsentReturn | null {
  const query = queryValues(search);
  const value = query.get('shops');
  if (value === undefined) return null;
  const result = (CONSENT_RESULTS as readonly string[]).includes(value)
    ? (value as ConsentResult)
    : 'unavailable';
  return { result, shop: result === 'connected' ? (query.get('shop') ?? '').slice(0, 300) : '' };
}

export const authorizeResponseSchema = v.object({ url: v.pipe(v.string(), v.url()) });

export interface AuthorizeRequest {
  /** The seller's own name for the shop (eBay user name); the channel names it otherwise. */
  shop: string;
  /** The developer app's keys the consent flow needs (`CONSENT_FIELDS`). */
  app: Record<string, string>;
}

export const connectionSettingsSchema = v.object({ confirmWhen: v.picklist(CONFIRM_WHEN) });
export type ConnectionSettings = v.InferOutput<typeof connectionSettingsSchema>;
