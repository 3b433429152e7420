/**
 * The first paint comes from a small shell, before the app's data half (storage, sync, the orders
 * screen) and the language's catalog have loaded, and before IndexedDB is opened. Each test holds
 * chunks back to look at the shell alone, then lets them through. The service worker is blocked so that every
 * request reaches the route that holds it.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Order } from '../../src/core/model/order.ts';
import { makeOrder } from '../factories.ts';
import { AppPage } from './pages/app-page.ts';
import { OrdersPage } from './pages/orders-page.ts';

test.use({ serviceWorkers: 'block' });

const DATA_HALF = /\/assets\/start-app-[\w-]+\.js$/;

/** Holds back the chunks a pattern names until `release()` is called. */
async function hold(page: Page, chunks: RegExp = DATA_HALF): Promise<{ release: () => void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(chunks, async (route) => {
    await released;
    await route.continue();
  });
  return { release };
}

async function databaseNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
}

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('a new seller sees the invitation to import, in their language, before the database opens', async ({
    page,
  }) => {
    // Neither the data half nor the German catalog: the shell paints with its first words.
    const { release } = await hold(page, new RegExp(`${DATA_HALF.source}|/assets/de-[\\w-]+\\.js$`));
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Bestellungen' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Noch keine Bestellungen' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Hauptmenü' })).toBeVisible();
    await expect(new AppPage(page).networkStatus()).toHaveText('Online');
    await expect(page.getByRole('main')).toHaveAttribute('aria-busy', 'true');
    expect(await databaseNames(page)).toEqual([]);

    // The shell's button already works: the import screen opens once the app has loaded.
    await page.getByRole('button', { name: 'Bestellungen importieren' }).click();
    await expect(page).toHaveURL(/\/import$/);
    release();
    await expect(page.getByRole('heading', { level: 1, name: 'Bestellungen importieren' })).toBeVisible();
    expect(await databaseNames(page)).toContain('trackpack');
  });
});

function order(externalId: string): Order {
  const at = new Date().toISOString();
  return makeOrder({ externalId, orderedAt: at.slice(0, 10), status: 'ready', createdAt: at, updatedAt: at });
}

test('a device that holds orders shows "Loading orders…" until they are read, not the empty screen', async ({
  page,
}) => {
  const app = new AppPage(page);
  const orders = new OrdersPage(page);
  await app.open();
  await orders.seed([order('#5101'), order('#5102')]);
  await expect(orders.row('#5101')).toBeVisible();

  const { release } = await hold(page);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Loading orders…' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No orders yet' })).toHaveCount(0);
  release();
  await app.ready();
  await expect(orders.row('#5102')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loading orders…' })).toHaveCount(0);
});

test('when the data half cannot be loaded, the shell says so', async ({ page }) => {
  await page.route(/\/assets\/start-app-[\w-]+\.js$/, (route) => route.abort());
  await page.goto('/');
  await expect(page.getByRole('alert')).toHaveText(
    'This screen could not be loaded. Reload the page to try again.',
  );
  await expect(page.getByRole('main')).not.toHaveAttribute('aria-busy', 'true');
});
