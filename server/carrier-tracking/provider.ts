/**
 * What Trackpack needs from a tracking service (17TRACK, DHL, ...): hand it numbers to
 * watch, ask it again about one, and read its webhook calls. An adapter does HTTP and the
 * provider's vocabulary; it never touches the database (the tracking service does).
 */
import type { DeliveryStatus } from '../../src/core/model/parcel.ts';

export interface TrackingUpdate {
  number: string;
  /** Our status, mapped with the table in `src/core/workflow/delivery-status.ts`. */
  status: DeliveryStatus;
  /** The provider's own words, for the log. */
  providerStatus: string;
  providerSubStatus?: string;
  /** `yyyy-mm-dd`, when the provider estimates one. */
  expectedAt?: string;
}

export interface ProviderAnswer {
  accepted: string[];
  /** `alreadyKnown`: the provider watches it already (registered before): as good as accepted. */
  rejected: { number: string; reason: string; alreadyKnown: boolean }[];
  /** Statuses the answer carries itself (providers that are asked rather than calling back). */
  updates?: TrackingUpdate[];
}

export type ProviderCall =
  | { ok: true; answer: ProviderAnswer }
  /** The request failed as a whole (network, 401, 429, 5xx): try again later. */
  | { ok: false; reason: string };

export interface TrackingProviderAdapter {
  readonly name: string;
  /** Numbers per request the provider accepts. */
  readonly batchSize: number;
  /**
   * For providers that never call back: ask again about a parcel still on its way once its last
   * answer is this old. Absent: the provider's webhook brings news.
   */
  readonly pollEveryMs?: number;
  /** Registry ids of the carriers whose parcels it follows; absent: every parcel. */
  readonly carriers?: readonly string[];
  register(items: readonly { number: string; tag: string }[]): Promise<ProviderCall>;
  retrack(items: readonly { number: string }[]): Promise<ProviderCall>;
  /** Whether a webhook call really comes from the provider (checked on the raw bytes). */
  verifyWebhook(rawBody: string, header: (name: string) => string | undefined): boolean;
  /** The updates a (verified) webhook call carries; empty for events that carry none. */
  parseWebhook(rawBody: string): TrackingUpdate[];
}

export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;
