/**
 * HTTP plumbing shared by the sync and accounts routes: JSON bodies parsed with a protocol schema,
 * and the structured request log (one JSON line per API or buyer-page request: method, path,
 * status, ms and the device id when there is one; never a token, a pairing code, a query string
 * or a body). Paths are logged through `loggedPath`, which hides the buyer's token.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { describeIssues } from '../../src/core/protocol/index.ts';
import type { AuthedDevice } from '../accounts/auth.ts';

export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

export async function readBody<S extends v.GenericSchema>(
  c: Context,
  schema: S,
): Promise<BodyResult<v.InferOutput<S>>> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    return { ok: false, response: c.json({ error: 'invalid_request', message: 'body is not JSON' }, 400) };
  }
  const parsed = v.safeParse(schema, json);
  if (!parsed.success) {
    return {
      ok: false,
      response: c.json({ error: 'invalid_request', message: describeIssues(parsed.issues) }, 400),
    };
  }
  return { ok: true, value: parsed.output };
}

export type LogLine = (line: string) => void;

/**
 * A request path as it may be logged: the buyer's page `/t/<token>/...` becomes `/t/[token]`
 * (the token is the only key to the page). The page's own stylesheet under `/t/assets/` is kept.
 */
export function loggedPath(path: string): string {
  return path.replace(/^\/t\/(?!assets\/[\w.-]+$).+$/s, '/t/[token]');
}

/**
 * The log line of a request that failed with an exception: where, and what kind of error, with
 * its stack frames, but not its message (database errors quote the values they refused, which
 * come from the request's body) and never the body itself.
 */
export function errorLogLine(method: string, path: string, error: unknown): string {
  const frames =
    error instanceof Error && typeof error.stack === 'string'
      ? error.stack
          .split('\n')
          .filter((line) => /^\s+at /.test(line))
          .slice(0, 8)
          .map((line) => line.trim())
      : [];
  const code = (error as { code?: unknown } | null)?.code;
  return JSON.stringify({
    level: 'error',
    msg: 'request failed',
    method,
    path: loggedPath(path),
    error: error instanceof Error ? error.name : typeof error,
    ...(typeof code === 'string' && { code }),
    ...(frames.length > 0 && { stack: frames }),
  });
}

export function requestLog(log: LogLine): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const device = c.get('device' as never) as AuthedDevice | undefined;
    log(
      JSON.stringify({
        level: c.res.status >= 500 ? 'error' : 'info',
        msg: 'request',
        method: c.req.method,
        path: loggedPath(c.req.path),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        device: device?.id ?? null,
      }),
    );
  };
}

declare module 'hono' {
  interface ContextVariableMap {
    /** The client's address as `clientAddressFrom` worked it out for this request. */
    clientAddress: string;
  }
}

/**
 * The client's address: the socket's, or with `hops` trusted reverse proxies in front, the
 * address the outermost trusted proxy saw, which is `hops` entries from the right of
 * `X-Forwarded-For` (each proxy appends the address it was reached from). Entries further left
 * are whatever the client wrote, so they never count; a header shorter than expected yields its
 * leftmost entry.
 */
export function clientAddressFrom(socket: string, forwardedFor: string | undefined, hops: number): string {
  if (hops <= 0 || forwardedFor === undefined) return socket;
  const chain = forwardedFor
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (chain.length === 0) return socket;
  return chain[Math.max(0, chain.length - hops)] as string;
}

/** Sets `clientAddress` for the request (see `clientAddressFrom`). */
export function clientAddresses(hops: number): MiddlewareHandler {
  return async (c, next) => {
    c.set('clientAddress', clientAddressFrom(await socketAddress(c), c.req.header('x-forwarded-for'), hops));
    await next();
  };
}

async function socketAddress(c: Context): Promise<string> {
  try {
    const { getConnInfo } = await import('@hono/node-server/conninfo');
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The client for anonymous rate limits: its address, grouped as `rateLimitGroup` does; `unknown`
 * when not served by Node (tests).
 */
export async function clientAddress(c: Context): Promise<string> {
  return rateLimitGroup(c.get('clientAddress') ?? (await socketAddress(c)));
}

/**
 * The group an address is rate-limited as. IPv4 addresses stand alone (an IPv4-mapped IPv6
 * address is its IPv4 address). IPv6 addresses are grouped by their /64 prefix: that is what one
 * subscriber line or host usually gets (RFC 6177), so one client cannot take a fresh bucket per
 * address. Anything else (`unknown`) is returned as it is.
 */
export function rateLimitGroup(address: string): string {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return address;
  const groups = ipv6Groups(bare);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
function ipv6Groups(address: string): number[] {
  const parse = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((g) => {
          if (!g.includes('.')) return [parseInt(g, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head = '', tail] = address.split('::');
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}
