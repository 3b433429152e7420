/**
 * The orders workspace at 100,000 orders, measured in the page of the production build:
 *   list_open_ms          navigation to /orders -> the first rows painted (target <= 500)
 *   search_p95_ms         keystroke (input event) -> the next frame, 20 queries (target <= 50)
 *   filter_p95_ms         click on a status link, filter box or date range -> next frame (<= 50)
 *   bulk_ship_10k_ms      "Mark shipped" on 10,000 selected orders -> committed (orders, events,
 *                         outbox) and the toast painted (target <= 3,000)
 *   bulk_longest_task_ms  longest main-thread task during that bulk change (target <= 50)
 *   search_covers_all_ms  first rows painted -> every order read and searchable ("Still reading
 *                         orders" gone), measured from the test driver (target <= 5,000 at 4x)
 *
 * Called by `scripts/bench.mjs` as `benchOrders({ context, base, emit, log })`. Also runs alone,
 * against a build of its own (`BENCH_DIST` to reuse one), with its own server and on-disk profile:
 *   node scripts/bench-orders.mjs
 * with `PHONE_CPU_SLOWDOWN=4`, as the phone pass (figures end in `_phone`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ORDER_COUNT = Number(process.env.BENCH_ORDERS ?? 100_000);
/** Every tenth order is "ready": exactly 10,000 of 100,000 to ship in bulk. */
const READY_EVERY = 10;
const SEARCHES = [
  'j',
  'ju',
  'jurgen',
  'jurgen gross',
  'anna',
  'Søren Ivanov',
  'malmo',
  'krakow',
  'lefevre',
  '0012345',
  '123-',
  'SKU-42',
  'buyer777',
  'example.com',
  'zoe rossi',
  'Фёдор',
  'hauptstrasse 17',
  'koln',
  'lars nowak',
  'emilie',
];

const p95 = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
};

/** Empties the app's database, lets the app create it again, and seeds `count` orders. */
async function seed(page, base, count) {
  await page.goto(`${base}/settings`);
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.deleteDatabase('trackpack');
        request.onsuccess = resolve;
        request.onblocked = resolve;
        request.onerror = () => reject(request.error);
      }),
  );
  await page.goto(`${base}/orders`);
  await page.getByRole('heading', { name: 'No orders yet' }).waitFor({ timeout: 60_000 });
  // The shell paints that heading before the database is open; the main area is busy until then.
  await page.locator('main:not([aria-busy="true"])').waitFor({ timeout: 60_000 });
  await page.evaluate(
    async ([count, readyEvery]) => {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open('trackpack');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const first = ['Jürgen', 'Anna', 'Åsa', 'Łukasz', 'Søren', 'Фёдор', 'John', 'Émilie', 'Lars', 'Zoë'];
      const last = ['Groß', 'Müller', 'Ängström', 'Wałęsa', 'Иванов', 'Smith', 'Lefèvre', 'Nowak', 'Rossi'];
      const cities = ['Dresden', 'Malmö', 'Москва', 'Kraków', 'København', 'London', 'Zürich', 'Köln'];
      // Never "ready" except every `readyEvery`th order.
      const statuses = [
        'new',
        'new',
        'preparing',
        'shipped',
        'delivered',
        'new',
        'shipped',
        'delivered',
        'new',
      ];
      const now = new Date().toISOString();
      const today = Date.now();
      for (let start = 0; start < count; start += 10_000) {
        await new Promise((resolve, reject) => {
          const tx = db.transaction('orders', 'readwrite');
          const store = tx.objectStore('orders');
          for (let i = start; i < Math.min(count, start + 10_000); i++) {
            const day = new Date(today - (i % 120) * 86_400_000).toISOString().slice(0, 10);
            const externalId = `${100 + (i % 900)}-${String(i).padStart(7, '0')}-${String((i * 7919) % 9_999_999).padStart(7, '0')}`;
            store.put({
              id: `amazon:${externalId}`,
              source: 'amazon',
              externalId,
              orderedAt: day,
              buyer: { name: `${first[i % 10]} ${last[i % 9]}`, email: `buyer${i}@example.com` },
              address: {
                line1: `Hauptstraße ${i % 200}`,
                zip: String(10_000 + (i % 89_999)),
                city: cities[i % 8],
                country: 'DE',
              },
              lines: [{ sku: `SKU-${i % 500}`, title: 'Mug', quantity: 1 }],
              status: i % readyEvery === 3 ? 'ready' : statuses[i % statuses.length],
              notes: '',
              createdAt: now,
              updatedAt: now,
            });
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      db.close();
    },
    [count, READY_EVERY],
  );
}

/**
 * With `BENCH_PROFILE=<dir>`, a V8 CPU profile of the page's main thread (open it in Chromium's
 * DevTools; build with `--minify false` and pass `BENCH_DIST` for readable names). Off by default:
 * the profiler itself slows the page.
 */
export async function startProfile(context, page) {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return { stop: async () => {} };
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return {
    stop: async (name) => {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
      await cdp.detach();
    },
  };
}

/**
 * Waits until the list's status line no longer says "Still reading orders", with a small check of
 * our own every 100 ms: Playwright's text locators scan the text of every element at each poll,
 * which on a 4x throttled page added about 200 ms of main-thread work to the read being measured.
 */
function readingDone(page) {
  return page.waitForFunction(
    () =>
      ![...document.querySelectorAll('[role="status"]')].some((e) =>
        e.textContent.includes('Still reading orders'),
      ),
    undefined,
    { polling: 100, timeout: 300_000 },
  );
}

/**
 * Checks the figure just taken: once the list no longer says it is reading, a search for what every
 * seeded order has (an address at example.com) must find all `count` of them. Otherwise the index
 * was still being built, and `search_covers_all_ms` would have been taken too early.
 */
async function expectSearchCoversAll(page, count) {
  const shown = await page.evaluate(async () => {
    const input = document.querySelector('input[type="search"]');
    input.value = 'example.com';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const status = [...document.querySelectorAll('[role="status"]')].find((e) =>
      /orders? shown/.test(e.textContent),
    );
    const shownText = status?.textContent.match(/([\d,.\s\u00a0]+) orders? shown/)?.[1] ?? '';
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return Number(shownText.replace(/\D/g, ''));
  });
  if (shown !== count)
    throw new Error(`the list stopped reading with a search that finds ${shown} of ${count} orders`);
}

/** In the page: run `act`, then resolve after the next frame has been painted; the time in ms. */
const TO_NEXT_FRAME = `
  window.__toNextFrame = async (act) => {
    const t0 = performance.now();
    act();
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - t0;
  };`;

/**
 * With `cpuSlowdown` (4 for a mid-range phone), the page's main thread and its workers run that
 * many times slower (DevTools protocol `Emulation.setCPUThrottlingRate`, set after seeding) and
 * every figure is reported with `suffix` (`_phone`).
 */
export async function benchOrders({ context, base, emit: emitPlain, log, cpuSlowdown = 1, suffix = '' }) {
  const emit = (metric, value, unit) => emitPlain(metric + suffix, value, unit);
  const page = await context.newPage();
  try {
    const seedStart = Date.now();
    await seed(page, base, ORDER_COUNT);
    log(`orders: seeded ${ORDER_COUNT} orders in ${Math.round((Date.now() - seedStart) / 1000)} s`);
    if (cpuSlowdown > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
      log(`orders: CPU ${cpuSlowdown}x slower from here on`);
    }

    await page.addInitScript((slowdown) => {
      const w = window;
      // The app reports a bulk change's steps to this hook (src/main.ts); marks time them.
      w.trackpackOnMeasure = (step) => performance.mark(`trackpack:bulk:${step}`);
      // DevTools throttles the page's main thread only: the app's search worker slows itself down
      // by the same factor (src/start-app.ts, workers/paced.ts).
      w.trackpackWorkerSlowdown = slowdown;
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          w.__longTasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
      // The first frame in which a row of the order list is in the DOM.
      w.__firstRowsAt = 0;
      const look = () => {
        if (document.querySelector('[role="grid"] [role="row"]')) w.__firstRowsAt = performance.now();
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    }, cpuSlowdown);

    // Open: a fresh navigation (the profile's database on disk), the median of three.
    const openRuns = [];
    for (let round = 0; round < 3; round++) {
      await page.goto(`${base}/settings`);
      await page.waitForTimeout(300);
      await page.goto(`${base}/orders`);
      await page
        .getByRole('grid', { name: 'Order list' })
        .getByRole('row')
        .first()
        .waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => window.__firstRowsAt > 0);
      const ms = await page.evaluate(() => window.__firstRowsAt);
      log(`orders: first rows after ${Math.round(ms)} ms from navigation start`);
      openRuns.push(ms);
    }
    emit('list_open_ms', openRuns.sort((a, b) => a - b)[1], 'ms');

    const loadStart = Date.now();
    const loadProfiler = await startProfile(context, page);
    await readingDone(page);
    await loadProfiler.stop('load');
    const coversAllMs = Date.now() - loadStart;
    log(`orders: everything read and indexed ${Math.round(coversAllMs / 1000)} s after the rows`);
    emit('search_covers_all_ms', coversAllMs, 'ms');
    await page.evaluate(TO_NEXT_FRAME);
    await expectSearchCoversAll(page, ORDER_COUNT);
    await page.getByLabel('Order date').selectOption('all');

    // Search: each query typed into an empty box, from the input event to the next frame.
    const profiler = await startProfile(context, page);
    const searchMs = [];
    for (const text of SEARCHES) {
      await page.evaluate(() => {
        const input = document.querySelector('input[type="search"]');
        input.value = '';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await page.waitForTimeout(50);
      const ms = await page.evaluate(
        (value) =>
          window.__toNextFrame(() => {
            const input = document.querySelector('input[type="search"]');
            input.value = value;
            input.dispatchEvent(new Event('input', { bubbles: true }));
          }),
        text,
      );
      searchMs.push(ms);
    }
    log(`orders: search ms ${searchMs.map(Math.round).join(' ')}`);
    emit('search_p95_ms', p95(searchMs), 'ms');
    await page.getByRole('searchbox', { name: 'Search orders' }).fill('');

    // Filters: status links, the attention link, filter boxes and date ranges, 20 in all.
    await page.locator('details.filters > summary').click();
    const filterMs = [];
    const steps = [
      ['link', 'New'],
      ['link', 'Ready to ship'],
      ['link', 'Shipped'],
      ['link', 'Delivered'],
      ['link', 'All'],
      ['attention'],
      ['link', 'All'],
      ['range', '7d'],
      ['range', '30d'],
      ['range', 'all'],
      ['check', 'Amazon'],
      ['check', 'Amazon'],
      ['check', 'Preparing'],
      ['check', 'Preparing'],
      ['check', 'Delivered'],
      ['check', 'Delivered'],
      ['range', 'today'],
      ['range', 'all'],
      ['link', 'Preparing'],
      ['link', 'All'],
    ];
    for (const [kind, name] of steps) {
      await page.waitForTimeout(50);
      const ms = await page.evaluate(
        ([kind, name]) => {
          const act = () => {
            if (kind === 'link' || kind === 'attention') {
              const nav = document.querySelector('nav.counts');
              const links = [...nav.querySelectorAll('a')];
              const link =
                kind === 'attention'
                  ? nav.querySelector('a.attention')
                  : links.find((a) => a.firstElementChild?.textContent === name);
              if (!link) throw new Error(`no status link ${name}`);
              link.click();
            } else if (kind === 'range') {
              const select = document.getElementById('order-range');
              select.value = name;
              select.dispatchEvent(new Event('change', { bubbles: true }));
            } else {
              const label = [...document.querySelectorAll('.filters label.check')].find(
                (l) => l.textContent.trim() === name,
              );
              if (!label) throw new Error(`no filter box ${name}`);
              label.querySelector('input').click();
            }
          };
          return window.__toNextFrame(act);
        },
        [kind, name],
      );
      filterMs.push(ms);
    }
    await profiler.stop('search-filter');
    log(`orders: filter ms ${filterMs.map(Math.round).join(' ')}`);
    emit('filter_p95_ms', p95(filterMs), 'ms');

    // Bulk: every "ready" order, exactly ORDER_COUNT / READY_EVERY, marked shipped.
    await page.goto(`${base}/orders?status=ready&range=all`);
    const all = String(ORDER_COUNT / READY_EVERY).replace(/\B(?=(\d{3})+$)/g, '[,.\\s\u00a0]?');
    await page
      .getByRole('button', { name: new RegExp(`Select all ${all} matching orders`) })
      .click({ timeout: 300_000 });
    await readingDone(page);
    await page.waitForTimeout(500);
    const bulk = page.getByRole('region', { name: 'Actions for the selected orders' });
    const selected = Number((await bulk.textContent())?.match(/([\d,.]+) selected/)?.[1]?.replace(/\D/g, ''));
    const bulkProfiler = await startProfile(context, page);
    const before = await page.evaluate(() => performance.now());
    await bulk.getByRole('button', { name: 'Mark shipped' }).click();
    // A small check of our own every 250 ms, not a Playwright locator: locators scan the text (a
    // role query the accessible name) of every element at each poll - long tasks of their own on
    // a throttled CPU, counted as the bulk's.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[role="status"]')].some((el) =>
          /orders set to “Shipped”/.test(el.textContent ?? ''),
        ),
      undefined,
      { polling: 250, timeout: 120_000 },
    );
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    await bulkProfiler.stop('bulk');
    const steps2 = await page.evaluate((from) => {
      const at = (name) => performance.getEntriesByName(`trackpack:bulk:${name}`).at(-1)?.startTime ?? 0;
      const start = at('start');
      return {
        ms: at('applied') - start,
        readMs: at('read') - start,
        planMs: at('planned') - at('read'),
        commitMs: at('committed') - at('planned'),
        applyMs: at('applied') - at('committed'),
        // Long tasks during the bulk, as (ms after the start, duration), to see which step.
        tasks: window.__longTasks
          .filter((t) => t.start + t.duration >= from)
          .map((t) => `${Math.round(t.start - start)}+${Math.round(t.duration)}`)
          .join(' '),
        longest: Math.max(
          0,
          ...window.__longTasks.filter((t) => t.start + t.duration >= from).map((t) => t.duration),
        ),
      };
    }, before);
    // Check that the change is stored whole: orders, one event and one outbox mutation per order
    // (consecutive mutations of one kind are stored as one "~run" row; see src/storage/outbox-runs.ts).
    const stored = await page.evaluate(async () => {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open('trackpack');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const count = (store) =>
        new Promise((resolve) => {
          const request = db.transaction(store).objectStore(store).count();
          request.onsuccess = () => resolve(request.result);
        });
      const mutations = await new Promise((resolve) => {
        const request = db.transaction('outbox').objectStore('outbox').getAll();
        request.onsuccess = () =>
          resolve(request.result.reduce((n, row) => n + (row.name === '~run' ? row.args.list.length : 1), 0));
      });
      const result = { events: await count('events'), outbox: mutations, outboxRows: await count('outbox') };
      db.close();
      return result;
    });
    log(
      `orders: bulk ship of ${selected}: ${Math.round(steps2.ms)} ms (read ${Math.round(steps2.readMs)}, plan ${Math.round(steps2.planMs)}, commit ${Math.round(steps2.commitMs)}, apply ${Math.round(steps2.applyMs)}), longest task ${Math.round(steps2.longest)} ms; stored ${stored.events} events, ${stored.outbox} outbox mutations in ${stored.outboxRows} rows`,
    );
    log(`orders: long tasks during the bulk (ms after start + duration): ${steps2.tasks || 'none'}`);
    if (stored.events < selected || stored.outbox < selected)
      throw new Error(`bulk ship stored ${stored.events} events and ${stored.outbox} outbox entries`);
    emit('bulk_ship_10k_ms', steps2.ms, 'ms');
    emit('bulk_longest_task_ms', steps2.longest, 'ms');
  } finally {
    await page.close();
  }
}

/** Alone: build (unless BENCH_DIST), start the server, open an on-disk profile, run. */
async function main() {
  const { chromium } = await import('@playwright/test');
  const { CHROMIUM_ARGS, findChromium } = await import('./chromium.mjs');
  const root = path.resolve(import.meta.dirname, '..');
  const port = Number(process.env.BENCH_PORT ?? 8392);
  const base = `http://127.0.0.1:${port}`;
  const work = mkdtempSync(path.join(tmpdir(), 'trackpack-bench-orders-'));
  const dist = process.env.BENCH_DIST ?? path.join(work, 'dist');
  const log = (...args) => console.error('[bench]', ...args);
  const emit = (metric, value, unit) =>
    console.log(JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit }));
  if (!process.env.BENCH_DIST) {
    const build = spawnSync(
      'npx',
      ['vite', 'build', '--logLevel', 'warn', '--outDir', dist, '--emptyOutDir'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(work, 'data'),
      DIST_DIR: dist,
    },
    stdio: 'ignore',
  });
  try {
    const deadline = Date.now() + 90_000;
    while (
      !(await fetch(`${base}/api/health`)
        .then((r) => r.ok)
        .catch(() => false))
    ) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 250));
    }
    const executablePath = findChromium();
    const context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
      headless: true,
      args: CHROMIUM_ARGS,
      ...(executablePath ? { executablePath } : {}),
    });
    try {
      const cpuSlowdown = Number(process.env.PHONE_CPU_SLOWDOWN ?? 1);
      await benchOrders({ context, base, emit, log, cpuSlowdown, suffix: cpuSlowdown > 1 ? '_phone' : '' });
    } finally {
      await context.close();
    }
  } finally {
    server.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
