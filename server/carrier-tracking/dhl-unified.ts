/**
 * DHL Shipment Tracking - Unified API (https://developer.dhl.com/api-reference/shipment-tracking):
 * - `GET <origin>/track/shipments?trackingNumber=<n>` with the key in the `DHL-API-Key` header;
 *   200 answers `{ shipments: [{ id, status: { statusCode, status, timestamp },
 *   estimatedTimeOfDelivery, ... }] }`, 404 means DHL knows nothing about the number (yet),
 *   401 a wrong key, 429 too many requests;
 * - no webhooks: the status comes back in the answer, so registering and "Track again" are both
 *   one request, and the updates travel in the answer (`ProviderAnswer.updates`); a parcel still
 *   on its way is asked about again every `DHL_POLL_EVERY_MS`;
 * - rate limits: the standard plan allows 250 calls a day and at most one call every 5 seconds.
 *   Each call is reserved in a `CallBudget` first (the server keeps it in the database, shared by
 *   every process on it); a 429 (with `Retry-After` when DHL sends it) pauses every call until
 *   then. A call the budget refuses is not made: the registration simply stays due.
 * The origin is `DHL_TRACKING_API_ORIGIN` when set (tests run a local fake there).
 * Statuses are mapped with the one table in `src/core/workflow/delivery-status.ts`.
 */
import * as v from 'valibot';
import { fromDhl } from '../../src/core/workflow/delivery-status.ts';
import { memoryCallBudget, type CallBudget, type CallLimits } from './call-budget.ts';
import type { FetchFn, ProviderCall, TrackingProviderAdapter, TrackingUpdate } from './provider.ts';

export const DHL_TRACKING_API = 'https://api-eu.dhl.com';
/** One call every 5 seconds: the standard plan's limit. */
export const DHL_MIN_INTERVAL_MS = 5_000;
/** Calls a day on the standard plan. */
export const DHL_CALLS_PER_DAY = 250;
/** Pause after a 429 that names no `Retry-After`. */
const DHL_PAUSE_AFTER_429_MS = 60_000;
/** How often a parcel on its way is asked about again: four times a day fits the daily quota. */
export const DHL_POLL_EVERY_MS = 6 * 60 * 60 * 1000;
/** Carriers whose numbers DHL's unified API knows. */
export const DHL_CARRIERS = ['dhl-paket', 'dhl-express'] as const;
const REQUEST_TIMEOUT_MS = 20_000;

const answerSchema = v.object({
  shipments: v.array(
    v.object({
      id: v.string(),
      status: v.optional(
        v.nullable(
          v.object({
            statusCode: v.optional(v.nullable(v.string())),
            status: v.optional(v.nullable(v.string())),
          }),
        ),
      ),
      estimatedTimeOfDelivery: v.optional(v.nullable(v.string())),
    }),
  ),
});

const dateOf = (value: unknown): string | undefined =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : undefined;

export interface DhlOptions {
  key: string;
  origin?: string;
  fetch?: FetchFn;
  minIntervalMs?: number;
  callsPerDay?: number;
  /**
   * Where calls are reserved; one process's own budget by default. Made from the limits above
   * (`minIntervalMs`, `callsPerDay`).
   */
  budget?: (limits: CallLimits) => CallBudget;
  /** The clock of the default budget; `Date.now` by default. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** The call limits `options` ask for, DHL's standard plan by default. */
export function dhlCallLimits(options: Pick<DhlOptions, 'minIntervalMs' | 'callsPerDay'>): CallLimits {
  return {
    intervalMs: options.minIntervalMs ?? DHL_MIN_INTERVAL_MS,
    perDay: options.callsPerDay ?? DHL_CALLS_PER_DAY,
  };
}

export function dhlUnified(options: DhlOptions): TrackingProviderAdapter {
  const doFetch: FetchFn = options.fetch ?? ((url, init) => fetch(url, init));
  const origin = (options.origin ?? DHL_TRACKING_API).replace(/\/+$/, '');
  const limits = dhlCallLimits(options);
  const budget = options.budget?.(limits) ?? memoryCallBudget(limits, options.now);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function ask(number: string): Promise<ProviderCall> {
    // A long pause (after a 429, or the day's calls spent) is not waited out here: the
    // registration stays due.
    const reservation = await budget.reserve();
    if (!reservation.ok) return { ok: false, reason: reservation.reason };
    if (reservation.waitMs > 0) await sleep(reservation.waitMs);
    let response: Response;
    try {
      response = await doFetch(`${origin}/track/shipments?trackingNumber=${encodeURIComponent(number)}`, {
        method: 'GET',
        headers: { 'DHL-API-Key': options.key, Accept: 'application/json' },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    if (response.status === 429) {
      const retry = Number(response.headers.get('Retry-After'));
      await budget.pauseFor(Number.isFinite(retry) && retry > 0 ? retry * 1000 : DHL_PAUSE_AFTER_429_MS);
      return { ok: false, reason: 'HTTP 429' };
    }
    if (response.status === 404) {
      // DHL has no information yet: no scans, or not a DHL number. "No information" is `pending`
      // (the service turns it into `expired` 30 days after shipping).
      const update: TrackingUpdate = { number, status: 'pending', providerStatus: 'not-found' };
      return { ok: true, answer: { accepted: [number], rejected: [], updates: [update] } };
    }
    if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` };
    const parsed = v.safeParse(answerSchema, await response.json().catch(() => null));
    if (!parsed.success) return { ok: false, reason: 'unexpected answer' };
    const updates = parsed.output.shipments.flatMap((shipment): TrackingUpdate[] => {
      const code = shipment.status?.statusCode;
      if (!code) return [];
      const expectedAt = dateOf(shipment.estimatedTimeOfDelivery);
      return [
        {
          number,
          status: fromDhl(code),
          providerStatus: code,
          ...(shipment.status?.status ? { providerSubStatus: shipment.status.status } : {}),
          ...(expectedAt !== undefined ? { expectedAt } : {}),
        },
      ];
    });
    return { ok: true, answer: { accepted: [number], rejected: [], updates: updates.slice(0, 1) } };
  }

  const one = (items: readonly { number: string }[]): Promise<ProviderCall> => {
    const first = items[0];
    return first === undefined
      ? Promise.resolve({ ok: true, answer: { accepted: [], rejected: [] } })
      : ask(first.number);
  };

  return {
    name: 'dhl',
    batchSize: 1,
    carriers: DHL_CARRIERS,
    pollEveryMs: DHL_POLL_EVERY_MS,
    register: one,
    retrack: one,
    // DHL calls nobody back: there is no webhook to accept.
    verifyWebhook: () => false,
    parseWebhook: () => [],
  };
}
