/**
 * Serves the built app from `dist/`. Vite's hashed files under `/assets/` never change, so they
 * are cached for a year; the files that name them (`index.html`, the service worker, the
 * manifest) must always be revalidated, or a deploy would never reach a returning seller.
 * Any other path that is not a file gets `index.html`, so that deep links like `/settings` load
 * the app (the service worker does the same offline).
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

export function mountStatic(app: Hono, distDir: string): void {
  const root = path.resolve(distDir);

  async function fileResponse(urlPath: string, method: string): Promise<Response | undefined> {
    const filePath = path.resolve(root, '.' + urlPath);
    if (!filePath.startsWith(root + path.sep)) return undefined;
    const info = await stat(filePath).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const type = TYPES[path.extname(filePath)] ?? 'application/octet-stream';
    const headers = { 'Content-Type': type, 'Cache-Control': cacheControlFor(urlPath) };
    if (method === 'HEAD')
      return new Response(null, { headers: { ...headers, 'Content-Length': String(info.size) } });
    return new Response(new Uint8Array(await readFile(filePath)), { headers });
  }

  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const urlPath = decodeURIComponent(new URL(c.req.url).pathname);
    if (urlPath.startsWith('/api/')) return next();
    const direct = urlPath === '/' ? undefined : await fileResponse(urlPath, c.req.method);
    if (direct) return direct;
    // A missing hashed asset is a real 404 (a stale tab asking for an old chunk must see it fail).
    if (urlPath.startsWith('/assets/') || path.extname(urlPath) !== '') return next();
    const index = await fileResponse('/index.html', c.req.method);
    return index ?? c.text('The app is not built: run `npm run build`.', 503);
  });
}
