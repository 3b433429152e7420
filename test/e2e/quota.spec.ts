/**
 * A full device: with Chromium's DevTools quota override the browser refuses the app's next write.
 * The seller sees the storage message, the refused change is not half-written (the orders, their
 * history and the outbox are exactly as before), the changes that were waiting for sync are all
 * still waiting, and once there is space again the same change goes through.
 *
 * The override (`Storage.overrideQuotaForOrigin`) only bites on an on-disk profile (a
 * `browser.newContext()` keeps IndexedDB in memory and ignores it), and only when it is set before
 * the origin first touches its storage in that browser process (set later, on a page that already
 * used IndexedDB, a reload or a new page, it is ignored). So the test fills its own persistent
 * profile in a temporary directory, then relaunches it with the override.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { Order } from '../../src/core/model/order.ts';
import { orderIdOf, type OrderSource } from '../../src/core/ids.ts';
// @ts-expect-error: a plain ES module without types, shared with the scripts.
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { AppPage } from './pages/app-page.ts';
import { OrdersPage } from './pages/orders-page.ts';
import { daysAgo } from './support/dates.ts';

const executablePath = (findChromium as () => string | undefined)();

function order(source: OrderSource, externalId: string, name: string, age: number): Order {
  const at = new Date().toISOString();
  return {
    id: orderIdOf(source, externalId),
    source,
    externalId,
    orderedAt: daysAgo(age),
    buyer: { name, email: `${externalId.replace(/\W/g, '')}@example.com` },
    address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', country: 'DE' },
    lines: [{ sku: `SKU-${externalId.replace(/\W/g, '')}`, title: 'Mug', quantity: 1 }],
    status: 'new',
    notes: '',
    createdAt: at,
    updatedAt: at,
  };
}

const ORDERS: Order[] = [
  order('amazon', '302-0001', 'Jürgen Groß', 1),
  order('ebay', '12-0002', 'Åsa Ängström', 2),
  order('etsy', '#1003', 'Anna Schmidt', 3),
  order('shopify', '#1004', 'Søren Kierkegaard', 4),
];

/** What the app's database holds that a change writes: order statuses, event ids, outbox rows. */
interface Stored {
  statuses: Record<string, string>;
  events: string[];
  outbox: unknown[];
}

function stored(page: Page): Promise<Stored> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('trackpack');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store: string, keys: boolean) =>
      new Promise<unknown[]>((resolve, reject) => {
        const objects = db.transaction(store).objectStore(store);
        const request = keys ? objects.getAllKeys() : objects.getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const orders = (await all('orders', false)) as { externalId: string; status: string }[];
    const result = {
      statuses: Object.fromEntries(orders.map((o) => [o.externalId, o.status])),
      events: ((await all('events', true)) as IDBValidKey[]).map(String),
      outbox: await all('outbox', false),
    };
    db.close();
    return result;
  });
}

/** Bytes the origin uses now, as the browser counts them. */
function usage(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

/**
 * The browser on `profile`, its first page blank. With `quota`, the origin may use no more than
 * that many bytes: Chromium reads the override when the origin first touches its storage after a
 * launch, so it is set here, before the app is opened (set later, it is ignored).
 */
async function launch(
  profile: string,
  origin: string,
  quota?: number,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    baseURL: origin,
    args: CHROMIUM_ARGS as string[],
    ...(executablePath ? { executablePath } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  if (quota !== undefined) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: quota });
  }
  return { context, page };
}

test('a write refused for quota shows the message and leaves the data and the outbox as they were', async ({
  baseURL,
}) => {
  const origin = new URL(baseURL ?? '').origin;
  const profile = mkdtempSync(path.join(tmpdir(), 'trackpack-quota-'));
  let browser: BrowserContext | undefined;
  try {
    const first = await launch(profile, origin);
    browser = first.context;
    let page = first.page;
    let app = new AppPage(page);
    let orders = new OrdersPage(page);
    await app.open();
    await orders.seed(ORDERS);
    await expect(orders.row('302-0001')).toBeVisible();
    // A change that waits for sync (this device has no shop account, so it stays in the outbox).
    await orders.select('302-0001');
    await orders.markShipped();
    await expect(orders.toast('1 of 1 order set to “Shipped”.')).toBeVisible();
    await expect(app.unsynced()).toHaveText(/^\d+ unsynced changes?$/);
    const pending = (await app.unsynced().textContent()) ?? '';
    const before = await stored(page);
    expect(before.statuses['302-0001']).toBe('shipped');
    expect(before.outbox.length).toBeGreaterThan(0);
    const used = await usage(page);
    await browser.close();

    // The device is full: the origin already uses more than it may (half of it, so that a
    // database that shrinks when it is opened again, its log compacted, is still over the quota).
    ({ context: browser, page } = await launch(profile, origin, Math.floor(used / 2)));
    app = new AppPage(page);
    orders = new OrdersPage(page);
    await app.open();
    const full = page.getByRole('alert').filter({ hasText: 'The storage on this device is full' });
    await expect(orders.row('302-0001')).toContainText('Shipped');
    await expect(full).toHaveCount(0);
    await orders.select('12-0002', '#1003');
    await orders.markShipped();
    await expect(full).toHaveText(
      /your last change was not saved\. Nothing was half-saved, and changes waiting for sync are intact\./,
    );
    expect(await stored(page)).toEqual(before);
    await expect(app.unsynced()).toHaveText(pending);
    // After a reload the app shows what is stored: the refused change is nowhere.
    await page.reload();
    await expect(orders.row('12-0002')).toContainText('New');
    await expect(orders.row('#1003')).toContainText('New');
    await expect(orders.row('302-0001')).toContainText('Shipped');
    await expect(app.unsynced()).toHaveText(pending);
    await browser.close();

    // Space again: the same change is saved, queued behind the earlier one.
    ({ context: browser, page } = await launch(profile, origin));
    app = new AppPage(page);
    orders = new OrdersPage(page);
    await app.open();
    await orders.select('12-0002', '#1003');
    await orders.markShipped();
    await expect(orders.toast('2 of 2 orders set to “Shipped”.')).toBeVisible();
    const after = await stored(page);
    expect(after.statuses).toMatchObject({ '302-0001': 'shipped', '12-0002': 'shipped', '#1003': 'shipped' });
    expect(after.outbox.slice(0, before.outbox.length)).toEqual(before.outbox);
    expect(after.outbox.length).toBeGreaterThan(before.outbox.length);
    await expect(app.unsynced()).not.toHaveText(pending);
  } finally {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
