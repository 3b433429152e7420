/**
 * The built app as the server sends it: the build's compressed copies (written by the same
 * function the Vite build runs) to clients that accept them, the file itself to the others, the
 * same caching rules either way, and no source maps.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressFolder } from '../scripts/vite-compress.ts';
import { acceptedCodings, mountStatic } from './static.ts';

let dist: string;
let app: Hono;
const script = `export const rows = [${Array.from({ length: 400 }, (_, i) => `"order ${i}"`).join(',')}];\n`;
const html = `<!doctype html><html><head><title>Trackpack</title></head><body>${'<div></div>'.repeat(100)}</body></html>`;
const png = Buffer.alloc(2048, 7);

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'trackpack-static-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), html);
  writeFileSync(path.join(dist, 'assets', 'index-abc.js'), script);
  writeFileSync(path.join(dist, 'assets', 'index-abc.js.map'), JSON.stringify({ version: 3, sources: [] }));
  writeFileSync(path.join(dist, 'sw.js'), script);
  writeFileSync(path.join(dist, 'icon.png'), png);
  await compressFolder(dist);
  app = new Hono();
  mountStatic(app, dist);
  app.notFound((c) => c.text('Not found', 404));
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const get = (url: string, acceptEncoding?: string, method = 'GET') =>
  app.request(url, {
    method,
    headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding },
  });

function decode(body: Buffer, coding: string | null): string {
  if (coding === 'br') return brotliDecompressSync(body).toString('utf8');
  if (coding === 'gzip') return gunzipSync(body).toString('utf8');
  return body.toString('utf8');
}

describe('acceptedCodings', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['identity', []],
    ['gzip', ['gzip']],
    ['x-gzip', ['gzip']],
    ['gzip, deflate, br, zstd', ['br', 'gzip']],
    ['br;q=0, gzip;q=0.5', ['gzip']],
    ['BR;Q=1.0', ['br']],
    ['*', ['br', 'gzip']],
    ['*;q=0', []],
    ['*, br;q=0', ['gzip']],
    ['gzip;q=0, *', ['br']],
  ])('%j accepts %j', (header, expected) => {
    expect([...acceptedCodings(header)].sort()).toEqual([...expected].sort());
  });
});

describe('serving the built app', () => {
  it.each([
    // [url, Accept-Encoding, coding sent, cache rule, original]
    ['/assets/index-abc.js', 'gzip, deflate, br, zstd', 'br', 'public, max-age=31536000, immutable', script],
    ['/assets/index-abc.js', 'gzip', 'gzip', 'public, max-age=31536000, immutable', script],
    ['/assets/index-abc.js', undefined, null, 'public, max-age=31536000, immutable', script],
    ['/assets/index-abc.js', 'identity', null, 'public, max-age=31536000, immutable', script],
    ['/sw.js', 'br', 'br', 'no-cache', script],
    ['/', 'br, gzip', 'br', 'no-cache', html],
    ['/orders', 'gzip', 'gzip', 'no-cache', html],
    ['/index.html', undefined, null, 'no-cache', html],
  ])('%s with Accept-Encoding %j is sent as %j', async (url, accept, coding, cache, original) => {
    const response = await get(url, accept);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Encoding')).toBe(coding);
    expect(response.headers.get('Vary')).toBe('Accept-Encoding');
    expect(response.headers.get('Cache-Control')).toBe(cache);
    expect(response.headers.get('Content-Type')).toMatch(
      url.endsWith('.js') ? /^text\/javascript/ : /^text\/html/,
    );
    const body = Buffer.from(await response.arrayBuffer());
    expect(decode(body, coding)).toBe(original);
    if (coding !== null) expect(body.length).toBeLessThan(Buffer.byteLength(original));
  });

  it('gives HEAD the length of the variant it would send', async () => {
    const full = await get('/assets/index-abc.js', 'br');
    const head = await get('/assets/index-abc.js', 'br', 'HEAD');
    expect(head.headers.get('Content-Encoding')).toBe('br');
    expect(Number(head.headers.get('Content-Length'))).toBe((await full.arrayBuffer()).byteLength);
  });

  it('sends files that are compressed already as they are, without Vary', async () => {
    const response = await get('/icon.png', 'br, gzip');
    expect(response.headers.get('Content-Encoding')).toBeNull();
    expect(response.headers.get('Vary')).toBeNull();
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
  });

  it('does not serve source maps', async () => {
    expect((await get('/assets/index-abc.js.map', 'br')).status).toBe(404);
  });

  it('does not serve the compressed copies under their own names as a different type', async () => {
    const response = await get('/assets/index-abc.js.br');
    // A direct request gets the stored bytes, never with a content type that claims JavaScript.
    expect(response.headers.get('Content-Type')).toBe('application/octet-stream');
  });
});
