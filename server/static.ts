/**
 * Serves the built app from `dist/`. Vite's hashed files under `/assets/` never change, so they
 * are cached for a year; the files that name them (`index.html`, the service worker, the
 * manifest) must always be revalidated, or a deploy would never reach a returning seller.
 * Any other path that is not a file gets `index.html`, so that deep links like `/settings` load
 * the app (the service worker does the same offline).
 *
 * The build writes Brotli (`.br`) and gzip (`.gz`) copies of the text files
 * (`scripts/vite-compress.ts`): a client that accepts one gets it with `Content-Encoding`, the
 * others the file itself; every answer for such a file says `Vary: Accept-Encoding` so that caches
 * keep the variants apart. Source maps stay in the build output for debugging and are not served.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Hono } from 'hono';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const SHORT = 'public, max-age=3600';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

const NO_CACHE_FILES = new Set(['/index.html', '/sw.js', '/manifest.webmanifest', '/registerSW.js']);

export function cacheControlFor(urlPath: string): string {
  if (NO_CACHE_FILES.has(urlPath)) return REVALIDATE;
  if (urlPath.startsWith('/assets/')) return IMMUTABLE;
  return SHORT;
}

/** Files the build writes compressed copies of (`scripts/vite-compress.ts`); PNGs are compressed already. */
export const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|wasm|ico)$/;

/** The content codings the build writes copies for, in the order the server prefers them. */
const CODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Coding = (typeof CODINGS)[number]['name'];

/**
 * The codings an `Accept-Encoding` header accepts (RFC 9110 section 12.5.3): those listed with a
 * non-zero weight, and `*` for any not listed. No header: none (the file itself).
 */
export function acceptedCodings(header: string | undefined): Set<Coding> {
  const accepted = new Set<Coding>();
  if (!header) return accepted;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [token = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (token !== '') weights.set(token, Number.isFinite(weight) ? weight : 0);
  }
  for (const { name } of CODINGS) {
    const weight =
      weights.get(name) ?? (name === 'gzip' ? weights.get('x-gzip') : undefined) ?? weights.get('*');
    if (weight !== undefined && weight > 0) accepted.add(name);
  }
  return accepted;
}

export function mountStatic(app: Hono, distDir: string): void {
  const root = path.resolve(distDir);

  async function fileResponse(
    urlPath: string,
    method: string,
    acceptEncoding: string | undefined,
  ): Promise<Response | undefined> {
    if (urlPath.endsWith('.map')) return undefined;
    const filePath = path.resolve(root, '.' + urlPath);
    if (!filePath.startsWith(root + path.sep)) return undefined;
    const info = await stat(filePath).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const type = TYPES[path.extname(filePath)] ?? 'application/octet-stream';
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Cache-Control': cacheControlFor(urlPath),
    };
    let servedPath = filePath;
    let size = info.size;
    if (COMPRESSIBLE.test(filePath)) {
      headers['Vary'] = 'Accept-Encoding';
      const accepted = acceptedCodings(acceptEncoding);
      for (const coding of CODINGS) {
        if (!accepted.has(coding.name)) continue;
        const copy = await stat(filePath + coding.suffix).catch(() => undefined);
        if (!copy?.isFile()) continue;
        headers['Content-Encoding'] = coding.name;
        servedPath = filePath + coding.suffix;
        size = copy.size;
        break;
      }
    }
    if (method === 'HEAD')
      return new Response(null, { headers: { ...headers, 'Content-Length': String(size) } });
    return new Response(new Uint8Array(await readFile(servedPath)), { headers });
  }

  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const urlPath = decodeURIComponent(new URL(c.req.url).pathname);
    if (urlPath.startsWith('/api/')) return next();
    const acceptEncoding = c.req.header('Accept-Encoding');
    const direct = urlPath === '/' ? undefined : await fileResponse(urlPath, c.req.method, acceptEncoding);
    if (direct) return direct;
    // A missing hashed asset is a real 404 (a stale tab asking for an old chunk must see it fail).
    if (urlPath.startsWith('/assets/') || path.extname(urlPath) !== '') return next();
    const index = await fileResponse('/index.html', c.req.method, acceptEncoding);
    return index ?? c.text('The app is not built: run `npm run build`.', 503);
  });
}
