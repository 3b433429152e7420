/**
 * 17TRACK Tracking API v2.2 (https://asset.17track.net/api/document/v2.2_en/index.html):
 * - every request is a POST of JSON to `https://api.17track.net/track/v2.2/<endpoint>` with the
 *   account's key in the `17token` header; `register` and `retrack` take up to 40 numbers and
 *   answer `{ code, data: { accepted: [...], rejected: [{ number, error: { code, message } }] } }`;
 * - the webhook POSTs `{ event, data }`: `TRACKING_UPDATED` carries `data.number` and
 *   `data.track_info` (`latest_status.status` / `.sub_status`, `time_metrics.estimated_delivery_date`),
 *   `TRACKING_STOPPED` carries no status;
 * - webhook signing ("Webhook" section of the same documentation): the `sign` request header is
 *   the lowercase hex SHA-256 of the raw request body, a `/`, and the account's key. We compare
 *   it in constant time and reject anything else.
 * Statuses are mapped with the one table in `src/core/workflow/delivery-status.ts`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import * as v from 'valibot';
import { fromSeventeenTrack } from '../../src/core/workflow/delivery-status.ts';
import type { FetchFn, ProviderCall, TrackingProviderAdapter, TrackingUpdate } from './provider.ts';

export const SEVENTEEN_TRACK_API = 'https://api.17track.net/track/v2.2';
/**
 * 17TRACK's error code for a number this account registered before: "-18019901 Tracking number
 * {0} is already registered" (https://help.17track.net/hc/en-us/articles/37570440168473-Error-Codes-and-Troubleshooting).
 */
const ALREADY_REGISTERED = -18019901;
const REQUEST_TIMEOUT_MS = 20_000;

/**
 * The webhook's `sign`: SHA-256 (lowercase hex) of `<raw body>/<key>`. The "Webhook" section of
 * the v2.2 documentation was not in the reference corpus when this was checked again; the shape
 * is the one a public 17TRACK webhook receiver verifies against (sha256 of payload + "/" +
 * security key, compared with the `sign` header).
 */
export function seventeenTrackSign(rawBody: string, key: string): string {
  return createHash('sha256').update(`${rawBody}/${key}`, 'utf8').digest('hex');
}

const answerSchema = v.object({
  code: v.number(),
  data: v.optional(
    v.object({
      accepted: v.optional(v.array(v.object({ number: v.string() })), []),
      rejected: v.optional(
        v.array(
          v.object({
            number: v.string(),
            error: v.optional(v.object({ code: v.optional(v.number()), message: v.optional(v.string()) })),
          }),
        ),
        [],
      ),
    }),
  ),
});

const dateOf = (value: unknown): string | undefined =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : undefined;

const webhookSchema = v.object({
  event: v.string(),
  data: v.optional(
    v.object({
      number: v.optional(v.string()),
      track_info: v.optional(
        v.nullable(
          v.object({
            latest_status: v.optional(
              v.nullable(
                v.object({
                  status: v.optional(v.nullable(v.string())),
                  sub_status: v.optional(v.nullable(v.string())),
                }),
              ),
            ),
            time_metrics: v.optional(
              v.nullable(
                v.object({
                  estimated_delivery_date: v.optional(
                    v.nullable(
                      v.object({
                        from: v.optional(v.nullable(v.string())),
                        to: v.optional(v.nullable(v.string())),
                      }),
                    ),
                  ),
                }),
              ),
            ),
          }),
        ),
      ),
    }),
  ),
});

export function seventeenTrack(options: {
  key: string;
  fetch?: FetchFn;
  baseUrl?: string;
}): TrackingProviderAdapter {
  const doFetch: FetchFn = options.fetch ?? ((url, init) => fetch(url, init));
  const base = options.baseUrl ?? SEVENTEEN_TRACK_API;

  async function call(endpoint: string, body: unknown): Promise<ProviderCall> {
    let response: Response;
    try {
      response = await doFetch(`${base}/${endpoint}`, {
        method: 'POST',
        headers: { '17token': options.key, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` };
    const parsed = v.safeParse(answerSchema, await response.json().catch(() => null));
    if (!parsed.success) return { ok: false, reason: 'unexpected answer' };
    if (parsed.output.code !== 0) return { ok: false, reason: `17TRACK error ${parsed.output.code}` };
    const data = parsed.output.data ?? { accepted: [], rejected: [] };
    return {
      ok: true,
      answer: {
        accepted: data.accepted.map((a) => a.number),
        rejected: data.rejected.map((r) => ({
          number: r.number,
          reason: r.error?.message ?? `error ${r.error?.code ?? '?'}`,
          alreadyKnown: r.error?.code === ALREADY_REGISTERED,
        })),
      },
    };
  }

  return {
    name: '17track',
    batchSize: 40,
    register: (items) =>
      call(
        'register',
        items.map((i) => ({ number: i.number, tag: i.tag })),
      ),
    retrack: (items) =>
      call(
        'retrack',
        items.map((i) => ({ number: i.number })),
      ),
    verifyWebhook(rawBody, header) {
      const given = header('sign')?.trim().toLowerCase() ?? '';
      const expected = seventeenTrackSign(rawBody, options.key);
      const a = Buffer.from(given, 'utf8');
      const b = Buffer.from(expected, 'utf8');
      return a.length === b.length && timingSafeEqual(a, b);
    },
    parseWebhook(rawBody) {
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        return [];
      }
      const parsed = v.safeParse(webhookSchema, json);
      if (!parsed.success || parsed.output.event !== 'TRACKING_UPDATED') return [];
      const data = parsed.output.data;
      const latest = data?.track_info?.latest_status;
      if (!data?.number || !latest?.status) return [];
      const estimate = data.track_info?.time_metrics?.estimated_delivery_date;
      const expectedAt = dateOf(estimate?.from) ?? dateOf(estimate?.to);
      const update: TrackingUpdate = {
        number: data.number,
        status: fromSeventeenTrack(latest.status, latest.sub_status ?? undefined),
        providerStatus: latest.status,
        ...(latest.sub_status ? { providerSubStatus: latest.sub_status } : {}),
        ...(expectedAt !== undefined ? { expectedAt } : {}),
      };
      return [update];
    },
  };
}
