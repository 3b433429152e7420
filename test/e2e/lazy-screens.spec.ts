/**
 * Screens other than Orders, an order's detail and form, and the languages other than the
 * browser's load on first use, as chunks of their own. After one online visit the service worker has them all: each opens for the
 * first time with the network gone, the service worker's own requests included; so does the search
 * worker, first started here for an order typed in offline.
 */
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { ImportPage } from './pages/import-page.ts';
import { NotifyPage } from './pages/notify-page.ts';
import { OrdersPage } from './pages/orders-page.ts';
import { PackingPage } from './pages/packing-page.ts';
import { SettingsPage } from './pages/settings-page.ts';
import { TrackingPage } from './pages/tracking-page.ts';

test('every lazily loaded screen and another language open offline for the first time after install', async ({
  page,
  context,
}) => {
  const assets: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/assets/')) assets.push(url.pathname);
  });
  const app = new AppPage(page);
  await app.open();
  await expect(page.getByRole('heading', { name: 'No orders yet' })).toBeVisible();
  // The first screen did not load the others' code, nor another language's messages.
  expect(assets.filter((a) => /\/(Settings|Import|TrackingSheet|Notify|Packing)Screen-/.test(a))).toEqual([]);
  expect(assets.filter((a) => /\/Order(Detail|Form)-/.test(a))).toEqual([]);
  expect(assets.filter((a) => /\/(de|sv|ru)-[\w-]+\.js$/.test(a))).toEqual([]);
  await app.waitForServiceWorker();

  // No network at all from here: not for the page, not for the service worker.
  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));

  await new ImportPage(page).open();
  await new TrackingPage(page).open();
  await new NotifyPage(page).open();
  const settings = new SettingsPage(page);
  await settings.open();
  await new PackingPage(page).open();
  await expect(app.networkStatus()).toHaveText('Offline');

  // The new-order form and an order's detail, opened from the orders screen, load on first use too.
  await app.goTo('Orders');
  await page.getByRole('button', { name: 'New order' }).click();
  const form = page.getByRole('region', { name: 'New order' });
  await form.getByLabel('Name', { exact: true }).fill('Åsa Ängström');
  await form.getByLabel('Street and house number').fill('Storgatan 1');
  await form.getByLabel('Postcode').fill('01067');
  await form.getByLabel('City').fill('Dresden');
  await form.getByLabel('Country (e.g. DE)').fill('DE');
  await form.getByLabel('Item').fill('Blue mug');
  await form.getByRole('button', { name: 'Save order' }).click();
  await expect(page.getByRole('region', { name: 'Order M-1001' })).toBeVisible();

  // Read back from storage after a reload, the order is found through the search worker's index:
  // the worker's code, too, comes from the service worker's cache.
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  const searchWorker = page.waitForEvent('worker', (worker) => worker.url().includes('search.worker'));
  await page.reload();
  expect(await (await searchWorker).evaluate(() => self.name)).toBe('trackpack-search');
  const orders = new OrdersPage(page);
  await orders.search().fill('angstrom');
  await expect(orders.rows()).toHaveCount(1);
  await expect(orders.rows().first()).toContainText('Åsa Ängström');
  expect(problems.filter((text) => text.includes('search'))).toEqual([]);

  await settings.open();
  await settings.language().selectOption({ label: 'Deutsch' });
  await settings.save();
  await expect(page.getByRole('link', { name: 'Einstellungen' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Einstellungen' })).toBeVisible();

  await context.unroute('**/*');
  await context.setOffline(false);
});
