/**
 * What Trackpack needs from a shop or marketplace (Shopify, ...): check a connection, fetch the
 * orders changed since a cursor, confirm a shipment with its parcels, and say what the channel
 * can do. An adapter does HTTP and the channel's vocabulary; it never touches the database or
 * the clock itself (the channel service does), and it never logs a secret.
 */
import * as v from 'valibot';
import type { ChannelCarrier, ChannelId } from '../../src/core/channels/carriers.ts';
import type { ChannelOrder } from '../../src/core/channels/orders.ts';
import type { OrderSource } from '../../src/core/ids.ts';

export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

export interface ChannelCapabilities {
  /** `many`: one call confirms several parcels of an order; `one`: one call per parcel. */
  parcelsPerCall: 'one' | 'many';
  /** Whether a shipment may name only some of the order's lines. */
  partialShipments: boolean;
  /** Whether the channel can e-mail the buyer itself when told of a shipment. */
  emailsBuyer: boolean;
}

/** Why a call failed; `refused` is the channel's final word, everything else may pass. */
export type ChannelErrorKind = 'transient' | 'rate_limited' | 'auth' | 'refused';

export class ChannelError extends Error {
  override readonly name = 'ChannelError';
  constructor(
    readonly kind: ChannelErrorKind,
    message: string,
    /** From `Retry-After` or the channel's own throttle data. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** What an adapter may read and change of one connection while it runs. */
export interface ChannelContext<S> {
  /** The shop as the seller named it (`example.myshopify.com`). */
  shop: string;
  /** The connection's secrets, opened; `update` stores a refreshed token (sealed again). */
  secrets: S;
  update(secrets: S): void;
  now(): Date;
}

export interface FetchedPage {
  orders: ChannelOrder[];
  /** Where the next call goes on from (stored only after the page's orders are written). */
  cursor: string;
  /** Whether another page is waiting now. */
  more: boolean;
}

export interface ShipmentLine {
  remoteLineId: string;
  quantity: number;
}

export interface ShipmentParcel {
  parcelId: string;
  trackingNumber: string;
  carrier: ChannelCarrier;
}

export interface Shipment {
  /** The channel's order id as fetched (`ChannelOrder.remoteId`). */
  remoteOrderId: string;
  /**
   * The order's lines as fetched (the channel's line ids and quantities). Trackpack does not
   * record which line went in which parcel, so channels that confirm by line get all of them.
   */
  lines: readonly ShipmentLine[];
  parcels: readonly ShipmentParcel[];
  /** Let the channel e-mail the buyer (when it can). */
  notifyBuyer: boolean;
  /** Whether the order is now shipped whole (not partially): channels may close it then. */
  complete: boolean;
  /** `yyyy-mm-dd` the parcels left. */
  shippedOn: string;
  /**
   * The order was confirmed before and these parcels were added since: what the channel took
   * then (its ids as `confirmShipment` answered them, oldest first, and the tracking numbers).
   * Channels add the parcels to what they have (another tracking call, or the fulfilment's
   * tracking updated) instead of shipping the order again.
   */
  earlier?: { remoteIds: readonly string[]; trackingNumbers: readonly string[] };
}

/** A confirmed parcel whose tracking number changed since. */
export interface TrackingUpdate {
  remoteOrderId: string;
  /** What `confirmShipment` answered for the parcel. */
  remoteId: string;
  /** The parcel with its new number. */
  parcel: ShipmentParcel;
  /** The number the channel has now. */
  previousNumber: string;
  /** Every tracking number the order's confirmed parcels have now, the new one included. */
  trackingNumbers: readonly string[];
  notifyBuyer: boolean;
}

export type ShipmentResult =
  | { ok: true; remoteId: string }
  /** The channel refused it; `reason` in its own words. Never retried on its own. */
  | { ok: false; reason: string }
  /** The channel has no way to take this (a number changed after confirming); says why. */
  | { ok: false; unsupported: true; reason: string };

/**
 * The server side of a channel's OAuth authorisation-code flow: where the seller's browser goes to
 * consent, and how the code that comes back becomes the secrets `parseSecrets` takes. `app` is
 * what the seller typed about their developer app (client id, secret, ...), kept sealed in the
 * flow's `state` meanwhile.
 */
export interface AuthorizationCodeFlow {
  /** The callback's query parameter that carries the code (`code`; Amazon: `spapi_oauth_code`). */
  readonly codeParam: string;
  /** The consent page, or null when `app` lacks what the channel needs. */
  authorizeUrl(
    app: Record<string, unknown>,
    request: { redirectUri: string; state: string; codeChallenge: string },
  ): string | null;
  exchange(
    app: Record<string, unknown>,
    callback: { code: string; redirectUri: string; codeVerifier: string },
    now: Date,
  ): Promise<Record<string, string>>;
}

export interface ChannelAdapter<S = Record<string, string>> {
  readonly id: ChannelId;
  readonly source: OrderSource;
  readonly capabilities: ChannelCapabilities;
  /** For channels whose sellers may also connect through a browser redirect. */
  readonly authorization?: AuthorizationCodeFlow;
  /** Checks what the seller typed (and what each secret means) before anything is stored. */
  parseSecrets(input: Record<string, unknown>): S | null;
  /** The shop's canonical name, or a ChannelError (`auth`: wrong credentials). */
  validate(ctx: ChannelContext<S>): Promise<{ shop: string }>;
  /** One page of orders changed since `cursor` (`null`: the first run, from `since`). */
  fetchOrders(ctx: ChannelContext<S>, cursor: string | null, since: Date): Promise<FetchedPage>;
  confirmShipment(ctx: ChannelContext<S>, shipment: Shipment): Promise<ShipmentResult>;
  /** Changes a confirmed parcel's tracking number; absent where the channel cannot. */
  updateTracking?(ctx: ChannelContext<S>, update: TrackingUpdate): Promise<ShipmentResult>;
}

/** `Retry-After` as milliseconds: seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now.getTime()) : undefined;
}

/** A non-2xx answer as the error the service acts on. */
export function errorOfStatus(
  status: number,
  retryAfter: string | null,
  now: Date,
  what: string,
): ChannelError {
  if (status === 429)
    return new ChannelError('rate_limited', `${what}: HTTP 429`, retryAfterMs(retryAfter, now));
  if (status === 401 || status === 403) return new ChannelError('auth', `${what}: HTTP ${status}`);
  if (status >= 500 || status === 408)
    return new ChannelError('transient', `${what}: HTTP ${status}`, retryAfterMs(retryAfter, now));
  return new ChannelError('refused', `${what}: HTTP ${status}`);
}

/**
 * A connection's stored cursor, read back with the shape its adapter writes; a cursor that is
 * missing, not JSON or of another shape (not ours) starts again from `fresh()`.
 */
export function parseCursor<T>(text: string | null, schema: v.GenericSchema<unknown, T>, fresh: () => T): T {
  if (text === null) return fresh();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fresh();
  }
  const parsed = v.safeParse(schema, json);
  return parsed.success ? parsed.output : fresh();
}

/** A channel's text field with its blanks trimmed; `undefined` when nothing is left. */
export const present = (value: string | null | undefined): string | undefined =>
  value?.trim() ? value.trim() : undefined;
