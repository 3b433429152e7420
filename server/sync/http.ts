/**
 * HTTP plumbing shared by the sync and accounts routes: JSON bodies parsed with a protocol schema,
 * and the structured request log (one JSON line per API request: method, path, status, ms and
 * the device id when there is one; never a token, a pairing code or a body).
 */
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
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        device: device?.id ?? null,
      }),
    );
  };
}

/** The client address for anonymous rate limits; `unknown` when not served by Node (tests). */
export async function clientAddress(c: Context): Promise<string> {
  try {
    const { getConnInfo } = await import('@hono/node-server/conninfo');
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
