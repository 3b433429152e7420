/**
 * What the OAuth 2 channels (eBay, Etsy, Amazon) share: a refresh token kept with the sealed
 * secrets, exchanged for a short-lived access token before it runs out (or at once after a 401),
 * the rotated refresh token stored when the channel sends a new one, PKCE for the
 * authorisation-code flow, and the plain-`fetch` call that turns network failures and non-2xx
 * answers into `ChannelError`s. Nothing here logs, and no error message carries a token.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as v from 'valibot';
import { ChannelError, errorOfStatus, type ChannelContext, type FetchFn } from './adapter.ts';

/** Secrets every OAuth channel keeps: the long-lived refresh token and the current access token. */
export interface OAuthSecrets {
  refreshToken: string;
  accessToken?: string;
  /** ISO time the access token runs out. */
  tokenExpiresAt?: string;
}

/** A token this close to its end is replaced before use. */
const TOKEN_MARGIN_MS = 5 * 60_000;

const tokenSchema = v.object({
  access_token: v.string(),
  expires_in: v.optional(v.number()),
  refresh_token: v.optional(v.string()),
});

/** The answer of a token endpoint (RFC 6749 §5.1). */
export type TokenAnswer = v.InferOutput<typeof tokenSchema>;

/** One HTTP call; a network failure is a transient error (the message names no URL or token). */
export async function send(doFetch: FetchFn, url: string, init: RequestInit): Promise<Response> {
  try {
    return await doFetch(url, init);
  } catch (error) {
    throw new ChannelError('transient', `network: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The JSON body by its schema; an answer of another shape is transient (a proxy, a hiccup). */
export async function readJson<T>(
  response: Response,
  schema: v.GenericSchema<unknown, T>,
  what: string,
): Promise<T> {
  const parsed = v.safeParse(schema, await response.json().catch(() => null));
  if (!parsed.success) throw new ChannelError('transient', `${what}: unexpected answer`);
  return parsed.output;
}

/**
 * A non-2xx answer as a ChannelError; a refusal (4xx other than 401/403/408/429) carries the
 * channel's own words, as `reasonOf` finds them in its error body.
 */
export async function failureOf(
  response: Response,
  now: Date,
  what: string,
  reasonOf: (body: unknown) => string | undefined,
): Promise<ChannelError> {
  const error = errorOfStatus(response.status, response.headers.get('Retry-After'), now, what);
  if (error.kind !== 'refused') return error;
  const reason = reasonOf(await response.json().catch(() => null));
  return new ChannelError('refused', reason ? reason : error.message);
}

export interface TokenRequest {
  url: string;
  headers?: Record<string, string>;
  form: Record<string, string>;
}

/** Posts a token request (form-encoded) and reads the answer; a refused grant is an auth error. */
export async function requestToken(doFetch: FetchFn, request: TokenRequest, now: Date): Promise<TokenAnswer> {
  const response = await send(doFetch, request.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      ...request.headers,
    },
    body: new URLSearchParams(request.form).toString(),
  });
  if (!response.ok) {
    // `invalid_grant` (revoked or run-out refresh token) and `invalid_client` are 400/401: the
    // seller must connect again; 429 and 5xx pass.
    const error = errorOfStatus(response.status, response.headers.get('Retry-After'), now, 'token');
    throw error.kind === 'refused' ? new ChannelError('auth', error.message) : error;
  }
  return readJson(response, tokenSchema, 'token');
}

/**
 * The access token for a call: the stored one while it has more than a few minutes left, else a
 * new one from the refresh token (stored through `ctx.update`, with the rotated refresh token
 * when the channel sends one).
 */
export async function accessToken<S extends OAuthSecrets>(
  ctx: ChannelContext<S>,
  doFetch: FetchFn,
  refresh: (secrets: S) => TokenRequest,
  force = false,
): Promise<string> {
  const { accessToken: stored, tokenExpiresAt } = ctx.secrets;
  if (
    !force &&
    stored !== undefined &&
    tokenExpiresAt !== undefined &&
    Date.parse(tokenExpiresAt) - TOKEN_MARGIN_MS > ctx.now().getTime()
  ) {
    return stored;
  }
  const answer = await requestToken(doFetch, refresh(ctx.secrets), ctx.now());
  ctx.update({
    ...ctx.secrets,
    accessToken: answer.access_token,
    tokenExpiresAt: new Date(ctx.now().getTime() + (answer.expires_in ?? 3600) * 1000).toISOString(),
    ...(answer.refresh_token !== undefined && { refreshToken: answer.refresh_token }),
  });
  return answer.access_token;
}

/**
 * Calls with the access token; after a 401 once more with a new one (a token revoked or run out
 * early). `call` builds the request for a given token. `expired` lists the statuses that mean
 * "token no longer good" (Amazon answers an expired token with 403).
 */
export async function withToken<S extends OAuthSecrets>(
  ctx: ChannelContext<S>,
  doFetch: FetchFn,
  refresh: (secrets: S) => TokenRequest,
  call: (token: string) => Promise<Response>,
  expired: readonly number[] = [401],
): Promise<Response> {
  const response = await call(await accessToken(ctx, doFetch, refresh));
  if (!expired.includes(response.status)) return response;
  return call(await accessToken(ctx, doFetch, refresh, true));
}

/** A PKCE verifier and its S256 challenge (RFC 7636). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A trimmed string field of the seller's input, '' when absent; refuses overlong values. */
export function field(input: Record<string, unknown>, name: string, max = 2000): string | null {
  const value = input[name];
  const text = typeof value === 'string' ? value.trim() : '';
  return text.length > max ? null : text;
}
