/**
 * The HTTP plumbing every local fake channel shares: a `node:http` server on 127.0.0.1 that reads
 * each request whole, records it (method, path, query, headers, body text) so tests check exactly
 * what an adapter sent, answers 429 with `Retry-After` on demand, and hands everything else to
 * the fake's own handler. A handler error becomes a 500 (the adapters treat it as transient).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface FakeRequest {
  method: string;
  path: string;
  /** The query parameters (the last value of a repeated name). */
  query: Record<string, string>;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body as sent. */
  text: string;
  /** The full request target (path and query) as sent, for signature checks. */
  url: string;
}

export interface FakeAnswer {
  status: number;
  /** Sent as JSON unless it is a string. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type FakeHandler = (request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeHttpOptions {
  /** The body of a 429 answer, in the channel's own error shape. */
  rateLimitBody?: unknown;
  /**
   * Whether a request counts against `rateLimitNext` (default: every one). Fakes exclude token
   * requests, which channels limit separately.
   */
  limited?: (request: FakeRequest) => boolean;
  /** The headers of a 429 answer for a wait of `seconds` (default: `Retry-After`). */
  rateLimitHeaders?: (seconds: number) => Record<string, string>;
}

export interface FakeHttp {
  origin: string;
  requests: FakeRequest[];
  /** Answers the next `count` limited requests with HTTP 429 and this `Retry-After`. */
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): FakeAnswer => ({
  status,
  body,
  headers,
});

export async function startFakeHttp(handler: FakeHandler, options: FakeHttpOptions = {}): Promise<FakeHttp> {
  const requests: FakeRequest[] = [];
  let limited = { count: 0, seconds: 0 };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const request: FakeRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([k, value]) => [
            k,
            Array.isArray(value) ? value.join(', ') : (value ?? ''),
          ]),
        ),
        text: await readBody(req),
        url: req.url ?? '/',
      };
      requests.push(request);
      let answer: FakeAnswer;
      if (limited.count > 0 && (options.limited?.(request) ?? true)) {
        limited.count--;
        answer = json(
          429,
          options.rateLimitBody ?? { error: 'Too Many Requests' },
          options.rateLimitHeaders?.(limited.seconds) ?? { 'Retry-After': String(limited.seconds) },
        );
      } else {
        answer = await handler(request);
      }
      const isText = typeof answer.body === 'string' || answer.body === undefined;
      res.writeHead(answer.status, {
        ...(isText ? {} : { 'Content-Type': 'application/json' }),
        ...answer.headers,
      });
      res.end(isText ? ((answer.body as string | undefined) ?? '') : JSON.stringify(answer.body));
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake channel has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    rateLimitNext(count, seconds) {
      limited = { count, seconds };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
