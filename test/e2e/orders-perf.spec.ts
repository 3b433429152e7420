/**
 * The orders list at 100,000 orders, in a browser profile on disk (IndexedDB there is about half
 * as fast as in an incognito context). Opt-in, because seeding takes a while:
 *   TRACKPACK_PERF=1 node scripts/e2e.mjs test/e2e/orders-perf.spec.ts
 * Prints: time to the first rows, time until everything is read and indexed, the longest main
 * thread task while loading, search latency as typed, and a bulk "mark shipped" of 10,000.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
// @ts-expect-error: a plain ES module without types, shared with the scripts.
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { OrdersPage } from './pages/orders-page.ts';

const ORDER_COUNT = 100_000;
const PORT = Number(process.env['E2E_PORT'] ?? 8181);

test.skip(!process.env['TRACKPACK_PERF'], 'set TRACKPACK_PERF=1 to run');
test.setTimeout(600_000);

test('100,000 orders: open, search, bulk ship', async () => {
  const profile = mkdtempSync(path.join(tmpdir(), 'trackpack-perf-'));
  const executablePath = (findChromium as () => string | undefined)();
  const context = await chromium.launchPersistentContext(profile, {
    args: CHROMIUM_ARGS as string[],
    ...(executablePath ? { executablePath } : {}),
    baseURL: `http://127.0.0.1:${PORT}`,
  });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'No orders yet' })).toBeVisible();
    await new AppPage(page).ready();
    // Seed in the page, in slices, in the record shape the import writes.
    await page.evaluate(async (count) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('trackpack');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const first = ['Jürgen', 'Anna', 'Åsa', 'Łukasz', 'Søren', 'Фёдор', 'John', 'Émilie', 'Lars', 'Zoë'];
      const last = ['Groß', 'Müller', 'Ängström', 'Wałęsa', 'Иванов', 'Smith', 'Lefèvre', 'Nowak', 'Rossi'];
      const cities = ['Dresden', 'Malmö', 'Москва', 'Kraków', 'København', 'London', 'Zürich', 'Köln'];
      const statuses = ['new', 'new', 'new', 'ready', 'preparing', 'shipped', 'delivered'];
      const now = new Date().toISOString();
      const today = new Date();
      for (let start = 0; start < count; start += 10_000) {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('orders', 'readwrite');
          const store = tx.objectStore('orders');
          for (let i = start; i < Math.min(count, start + 10_000); i++) {
            const day = new Date(today.getTime() - (i % 120) * 86_400_000).toISOString().slice(0, 10);
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
              status: statuses[i % statuses.length],
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
    }, ORDER_COUNT);

    await page.addInitScript(() => {
      const w = window as unknown as {
        longest: number;
        longTasks: number;
        trackpackOnMeasure: (step: string) => void;
      };
      // The app reports a bulk change's steps to this hook (src/main.ts); marks time them.
      w.trackpackOnMeasure = (step) => performance.mark(`trackpack:bulk:${step}`);
      w.longest = 0;
      w.longTasks = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          w.longest = Math.max(w.longest, entry.duration);
          w.longTasks++;
        }
      }).observe({ type: 'longtask', buffered: true });
    });
    const cdp = process.env['TRACKPACK_PROFILE'] ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const started = Date.now();
    await page.reload();
    const orders = new OrdersPage(page);
    await expect(orders.rows().first()).toBeVisible({ timeout: 60_000 });
    const firstRowsMs = Date.now() - started;
    await expect(page.getByText(/Still reading orders/)).toBeHidden({ timeout: 300_000 });
    const allLoadedMs = Date.now() - started;
    if (cdp) {
      // Self time per function while loading, to see where the long tasks come from.
      const { profile } = await cdp.send('Profiler.stop');
      const self = new Map<string, number>();
      const dt = new Map<number, number>();
      profile.samples?.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
      for (const node of profile.nodes) {
        const name = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}:${node.callFrame.columnNumber}`;
        self.set(name, (self.get(name) ?? 0) + (dt.get(node.id) ?? 0) / 1000);
      }
      console.log(
        [...self]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 25)
          .map(([n, ms]) => `${Math.round(ms)} ms  ${n}`)
          .join('\n'),
      );
    }
    const loadTasks = await page.evaluate(() => {
      const w = window as unknown as { longest: number; longTasks: number };
      return { longestTaskMs: Math.round(w.longest), longTasks: w.longTasks };
    });

    await orders.dateRange().selectOption({ label: 'All dates' });
    const searches: Record<string, number> = {};
    for (const text of ['j', 'jurgen gross', 'Søren Ivanov', 'malmo', '0012345', 'SKU-42']) {
      // From the input event to the next frame: the search, the filter pass and the render.
      searches[text] = await page.evaluate(async (value) => {
        const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
        const t0 = performance.now();
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        return Math.round(performance.now() - t0);
      }, text);
    }
    await orders.search().fill('');
    await expect(orders.shown()).toHaveText(/100[.,]?000 orders shown/);

    // Bulk: the "new" orders of the last 30 days, about 10,700.
    await orders.dateRange().selectOption({ label: 'Last 30 days' });
    await orders.statusLink('New').click();
    await page.getByRole('button', { name: /Select all .* matching orders/ }).click();
    const selected = Number(
      (await orders.bulk().textContent())?.match(/([\d,.]+) selected/)?.[1]?.replace(/\D/g, ''),
    );
    await page.evaluate(() => ((window as unknown as { longest: number }).longest = 0));
    const t0 = Date.now();
    await orders.markShipped();
    await expect(orders.toast(/orders set to “Shipped”/)).toBeVisible({ timeout: 120_000 });
    const bulkMs = Date.now() - t0;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    const bulkSteps = await page.evaluate(() => {
      const at = (name: string) =>
        performance.getEntriesByName(`trackpack:bulk:${name}`).at(-1)?.startTime ?? 0;
      return {
        readMs: Math.round(at('read') - at('start')),
        planMs: Math.round(at('planned') - at('read')),
        commitMs: Math.round(at('committed') - at('planned')),
        applyMs: Math.round(at('applied') - at('committed')),
        toRenderedMs: Math.round(performance.now() - at('start')),
        longestTaskMs: Math.round((window as unknown as { longest: number }).longest),
      };
    });

    console.log(
      JSON.stringify(
        {
          orders: ORDER_COUNT,
          firstRowsMs,
          allLoadedMs,
          ...loadTasks,
          searchMs: searches,
          bulk: { selected, ms: bulkMs, ...bulkSteps },
        },
        null,
        2,
      ),
    );
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
