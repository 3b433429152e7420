/**
 * What a new seller's phone has to fetch before it sees the app, measured on the production build
 * served by the real server:
 *   first_load_js_gzip_kb         the JavaScript the first screen loads: the entry chunk and the
 *                                 chunks it imports statically (`<script type="module">` and the
 *                                 `modulepreload` links of `index.html`), each gzipped (level 9),
 *                                 in kB of 1,000 bytes (target <= 80)
 *   first_visit_kib_before_paint  bytes over the wire (encoded: compressed if the server
 *                                 compressed) of every response that finished before the first
 *                                 contentful paint, in a fresh browser context with an empty cache,
 *                                 from the DevTools protocol's Network and Page lifecycle events
 *                                 (target <= 120)
 *   lighthouse_performance        Lighthouse 12 with its default mobile preset (simulated slow 4G
 *   lighthouse_fcp_ms             and a 4x slower CPU), the median of LIGHTHOUSE_RUNS (3) runs,
 *   lighthouse_lcp_ms             each in a fresh Chromium profile (targets: >= 95, <= 1,800,
 *   lighthouse_tbt_ms             <= 2,500, and as small as possible)
 *
 * Called by `scripts/bench.mjs` (`BENCH_ONLY=lighthouse` runs this section alone).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const LIGHTHOUSE_RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
/** A folder to keep each Lighthouse run's whole report in (`lighthouse-<n>.json`), to look into. */
const LIGHTHOUSE_JSON_DIR = process.env.BENCH_LIGHTHOUSE_JSON;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** The files `index.html` makes the browser load as JavaScript before anything else runs. */
export function firstLoadScripts(indexHtml) {
  const files = new Set();
  for (const match of indexHtml.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g))
    files.add(match[1]);
  for (const match of indexHtml.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g))
    files.add(match[1]);
  return [...files];
}

export function firstLoadJsGzipKb(distDir) {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  let bytes = 0;
  const parts = [];
  for (const file of firstLoadScripts(html)) {
    const size = gzipSync(readFileSync(path.join(distDir, file.replace(/^\//, ''))), { level: 9 }).length;
    parts.push(`${file} ${(size / 1000).toFixed(1)} kB`);
    bytes += size;
  }
  return { kb: bytes / 1000, parts };
}

/** Bytes received before the first contentful paint of a first visit, from CDP events. */
export async function firstVisitBeforePaint({ browser, base }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const finished = [];
    let paintAt = 0;
    cdp.on('Network.loadingFinished', (e) =>
      finished.push({ at: e.timestamp, bytes: e.encodedDataLength, id: e.requestId }),
    );
    const urls = new Map();
    cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
    cdp.on('Page.lifecycleEvent', (e) => {
      if (e.name === 'firstContentfulPaint' && paintAt === 0) paintAt = e.timestamp;
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Page.enable');
    await cdp.send('Page.setLifecycleEventsEnabled', { enabled: true });
    await page.goto(`${base}/`, { waitUntil: 'load' });
    const deadline = Date.now() + 30_000;
    while (paintAt === 0 && Date.now() < deadline) await page.waitForTimeout(100);
    if (paintAt === 0) throw new Error('no first contentful paint within 30 s');
    const before = finished.filter((f) => f.at <= paintAt);
    const bytes = before.reduce((n, f) => n + f.bytes, 0);
    return {
      kib: bytes / 1024,
      parts: before.map((f) => `${new URL(urls.get(f.id) ?? base).pathname} ${(f.bytes / 1024).toFixed(1)}`),
    };
  } finally {
    await context.close();
  }
}

/** The first DOM node's HTML snippet anywhere in an audit's details (their shape varies by audit). */
function firstSnippet(details) {
  if (details === null || typeof details !== 'object') return undefined;
  if (typeof details.snippet === 'string' && details.type === 'node') return details.snippet;
  for (const value of Object.values(details)) {
    const found = firstSnippet(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * What to look at when a figure is off: the largest contentful paint's element, the main thread's
 * long tasks (simulated, with the script that ran them) and the scripts' own CPU time.
 */
function whereTheTimeWent(lhr) {
  const items = (id) => lhr.audits[id]?.details?.items ?? [];
  const file = (url) => (typeof url === 'string' ? url.replace(/^https?:\/\/[^/]+/, '') : String(url));
  const lcpElement =
    firstSnippet(lhr.audits['largest-contentful-paint-element']?.details) ??
    firstSnippet(lhr.audits['lcp-breakdown-insight']?.details) ??
    'unknown';
  const longTasks = items('long-tasks')
    .slice(0, 6)
    .map((t) => `${file(t.url)} ${Math.round(t.duration)} ms at ${Math.round(t.startTime)}`);
  const bootup = items('bootup-time')
    .slice(0, 5)
    .map((t) => `${file(t.url)} ${Math.round(t.scripting)} ms`);
  return `LCP element ${lcpElement}; long tasks: ${longTasks.join(', ') || 'none'}; script time: ${bootup.join(', ')}`;
}

export async function benchLighthouse({ url, chromePath, log }) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const runs = [];
  // A run Lighthouse itself reports as broken (say NO_NAVSTART, a trace it failed to record) has
  // no figures, not figures of zero: it is run again, up to LIGHTHOUSE_RUNS more times in all.
  for (let attempts = 0; runs.length < LIGHTHOUSE_RUNS && attempts < 2 * LIGHTHOUSE_RUNS; attempts++) {
    const chrome = await chromeLauncher.launch({
      chromePath,
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    try {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance'],
      });
      const lhr = result?.lhr;
      if (!lhr) throw new Error('lighthouse returned no result');
      if (lhr.runtimeError) {
        log(`lighthouse attempt ${attempts + 1} failed (${lhr.runtimeError.code}); running it again`);
        continue;
      }
      const n = runs.length + 1;
      const run = {
        score: (lhr.categories.performance.score ?? 0) * 100,
        fcp: lhr.audits['first-contentful-paint'].numericValue ?? 0,
        lcp: lhr.audits['largest-contentful-paint'].numericValue ?? 0,
        tbt: lhr.audits['total-blocking-time'].numericValue ?? 0,
      };
      log(
        `lighthouse run ${n}: performance ${run.score}, FCP ${Math.round(run.fcp)} ms, LCP ${Math.round(run.lcp)} ms, TBT ${Math.round(run.tbt)} ms`,
      );
      log(`lighthouse run ${n} ${whereTheTimeWent(lhr)}`);
      if (LIGHTHOUSE_JSON_DIR) {
        mkdirSync(LIGHTHOUSE_JSON_DIR, { recursive: true });
        writeFileSync(path.join(LIGHTHOUSE_JSON_DIR, `lighthouse-${n}.json`), JSON.stringify(lhr));
      }
      runs.push(run);
    } finally {
      await chrome.kill();
    }
  }
  return {
    score: median(runs.map((r) => r.score)),
    fcp: median(runs.map((r) => r.fcp)),
    lcp: median(runs.map((r) => r.lcp)),
    tbt: median(runs.map((r) => r.tbt)),
  };
}

/** The whole section: build figures, a first visit, Lighthouse. */
export async function benchFirstLoad({ chromium, launchOptions, chromePath, distDir, base, emit, log }) {
  const js = firstLoadJsGzipKb(distDir);
  log(`first load: ${js.parts.join(', ')}`);
  emit('first_load_js_gzip_kb', js.kb, 'kB');

  const browser = await chromium.launch(launchOptions);
  try {
    const visit = await firstVisitBeforePaint({ browser, base });
    log(`first visit before paint (KiB): ${visit.parts.join(', ')}`);
    emit('first_visit_kib_before_paint', visit.kib, 'KiB');
  } finally {
    await browser.close();
  }

  const lh = await benchLighthouse({ url: `${base}/`, chromePath, log });
  emit('lighthouse_performance', lh.score, 'score');
  emit('lighthouse_fcp_ms', lh.fcp, 'ms');
  emit('lighthouse_lcp_ms', lh.lcp, 'ms');
  emit('lighthouse_tbt_ms', lh.tbt, 'ms');
}
