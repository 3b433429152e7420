/**
 * Working the orders: filters by status and date, search with and without diacritics, bulk
 * "mark shipped" with undo, "won't ship" with a reason, the order history; then all of it again
 * offline after a reload. Orders are seeded into IndexedDB in the shape the import stores.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Order, OrderStatus } from '../../src/core/model/order.ts';
import { orderIdOf, type OrderSource } from '../../src/core/ids.ts';
import { AppPage } from './pages/app-page.ts';
import { OrdersPage } from './pages/orders-page.ts';
import { daysAgo } from './support/dates.ts';

function order(
  source: OrderSource,
  externalId: string,
  name: string,
  city: string,
  age: number,
  status: OrderStatus = 'new',
): Order {
  const at = new Date().toISOString();
  return {
    id: orderIdOf(source, externalId),
    source,
    externalId,
    orderedAt: daysAgo(age),
    buyer: { name, email: `${externalId.replace(/\W/g, '')}@example.com` },
    address: { line1: 'Hauptstraße 5', zip: '01067', city, country: 'DE' },
    lines: [{ sku: `SKU-${externalId.replace(/\W/g, '')}`, title: 'Mug', quantity: 1 }],
    status,
    notes: '',
    createdAt: at,
    updatedAt: at,
  };
}

const ORDERS: Order[] = [
  order('amazon', '302-0001', 'Jürgen Groß', 'Dresden', 1),
  order('ebay', '12-0002', 'Åsa Ängström', 'Malmö', 3),
  order('etsy', '#1003', 'Anna Schmidt', 'Hamburg', 5, 'ready'),
  order('shopify', '#1004', 'Søren Kierkegaard', 'København', 10, 'preparing'),
  order('shopify', '#1005', 'Фёдор Иванов', 'Москва', 20, 'shipped'),
  order('amazon', '302-0006', 'Paul Meier', 'Köln', 60),
  order('etsy', '#1007', 'Zoë Rossi', 'Wien', 2),
  order('woocommerce', '1008', 'Lars Nilsson', 'Göteborg', 4),
  order('woocommerce', '1009', 'Ingrid Berg', 'Bergen', 6),
  order('ebay', '12-0010', 'Oskar Lind', 'Uppsala', 7),
];

/** Filters, search, bulk ship + undo, won't ship, history: the seller's day, on the given orders. */
async function workTheOrders(
  page: Page,
  orders: OrdersPage,
  set: { search: [plain: string, accented: string, id: string]; ship: [string, string]; wontShip: string },
): Promise<void> {
  await test.step('filter by status and by date', async () => {
    await expect(orders.shown()).toHaveText(/orders shown/);
    const allCount = await orders.rows().count();
    expect(allCount).toBeGreaterThan(0);
    await orders.statusLink('Shipped').click();
    await expect(page).toHaveURL(/status=shipped/);
    await expect(orders.row('#1005')).toBeVisible();
    await expect(orders.row('302-0001')).toHaveCount(0);
    await page.goBack();
    await expect(page).not.toHaveURL(/status=/);
    await expect(orders.row('302-0001')).toBeVisible();

    // The last 30 days (the default) hide the 60-day-old order; all dates show it.
    await expect(orders.row('302-0006')).toHaveCount(0);
    await orders.dateRange().selectOption({ label: 'All dates' });
    await expect(orders.row('302-0006')).toBeVisible();
    await orders.dateRange().selectOption({ label: 'Last 7 days' });
    await expect(orders.row('#1004')).toHaveCount(0);
    await expect(orders.row('302-0001')).toBeVisible();
    await orders.dateRange().selectOption({ label: 'Last 30 days' });
    await expect(orders.row('#1004')).toBeVisible();
  });

  await test.step('search with and without diacritics', async () => {
    const [plain, accented, id] = set.search;
    for (const text of [plain, accented]) {
      await orders.search().fill(text);
      await expect(orders.shown()).toHaveText('1 order shown');
      await expect(orders.row(id)).toBeVisible();
    }
    // The search is written to the URL once typing pauses; a reload keeps it.
    await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(accented)}(&|$)`));
    await page.reload();
    await expect(orders.search()).toHaveValue(accented);
    await expect(orders.row(id)).toBeVisible();
    // Nothing matches: the list says so, and no row of the last matches is left to read or click.
    await orders.search().fill('zzqx');
    await expect(page.getByText('No orders match the search and filters.')).toBeVisible();
    await expect(orders.list()).toBeHidden();
    await expect(orders.rows()).toHaveCount(0);
    await orders.search().fill('');
    await expect(page.getByText('No orders match the search and filters.')).toBeHidden();
    await expect(orders.shown()).not.toHaveText('1 order shown');
    await expect(orders.row(id)).toBeVisible();
  });

  await test.step('bulk mark shipped, then undo', async () => {
    const [a, b] = set.ship;
    await orders.select(a, b);
    await expect(orders.bulk()).toContainText('2 selected');
    await orders.markShipped();
    await expect(orders.toast('2 of 2 orders set to “Shipped”.')).toBeVisible();
    await expect(orders.row(a)).toContainText('Shipped');
    await expect(orders.row(b)).toContainText('Shipped');
    await orders.undo();
    await expect(orders.toast('Undone for 2 orders.')).toBeVisible();
    await expect(orders.row(a)).toContainText('New');
    await expect(orders.row(b)).not.toContainText('Shipped');
  });

  await test.step('won’t ship, with a reason', async () => {
    await orders.select(set.wontShip);
    await orders.wontShip('Buyer cancelled');
    await expect(orders.toast('1 of 1 order set to “Won’t ship”.')).toBeVisible();
    await expect(orders.row(set.wontShip)).toContainText('Won’t ship');
  });

  await test.step('open an order and see its history', async () => {
    const [a] = set.ship;
    const detail = await orders.open(a);
    await expect(page).toHaveURL(/order=/);
    const history = orders.history(detail);
    // (Plus, for a buyer with an e-mail address, the automatic "shipped" e-mail that was requested.)
    await expect(history.getByRole('listitem').filter({ hasText: /Status changed|Undone/ })).toHaveCount(2);
    await expect(history).toContainText('Status changed from “New” to “Shipped”');
    await expect(history).toContainText('Undone: status back from “Shipped” to “New”');
    await detail.getByRole('button', { name: 'Close order' }).click();
    await expect(detail).toBeHidden();

    const other = await orders.open(set.wontShip);
    await expect(orders.history(other)).toContainText('(Buyer cancelled)');
    await expect(other).toContainText('Won’t ship');
    await other.getByRole('button', { name: 'Close order' }).click();
  });
}

test('work the orders online, then offline after a reload', async ({ page, context }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForServiceWorker();
  const orders = new OrdersPage(page);
  await orders.seed(ORDERS);
  await expect(orders.row('302-0001')).toBeVisible();

  await workTheOrders(page, orders, {
    search: ['jurgen gross', 'Jürgen Groß', '302-0001'],
    ship: ['302-0001', '12-0002'],
    wontShip: '#1007',
  });

  await context.setOffline(true);
  await page.reload();
  await expect(app.networkStatus()).toHaveText('Offline');
  await expect(orders.row('302-0001')).toBeVisible();
  await workTheOrders(page, orders, {
    search: ['soren kierkegaard', 'Søren Kierkegaard', '#1004'],
    ship: ['1008', '1009'],
    wontShip: '12-0010',
  });
  // Every change waits in the outbox for the connection.
  await expect(app.unsynced()).toHaveText(/\d+ unsynced changes/);
  await context.setOffline(false);
});

test('the list stays usable on a 360 px phone and the detail takes the whole screen', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const app = new AppPage(page);
  await app.open();
  const orders = new OrdersPage(page);
  await orders.seed(ORDERS);
  await expect(orders.row('302-0001')).toBeVisible();
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(360);
  const detail = await orders.open('302-0001');
  const box = await detail.boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(350);
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await context.close();
});

test('packing mode goes through the orders to ship, oldest first, and keeps its place', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const orders = new OrdersPage(page);
  await orders.seed(ORDERS);
  await page.getByRole('link', { name: 'Packing mode' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Packing' })).toBeVisible();
  const current = page.getByRole('article');
  // Oldest first among new, preparing and ready: the 60-day-old order, then #1004 (10 days).
  await expect(current.getByRole('heading', { level: 2 })).toHaveText('302-0006');
  await expect(page.getByRole('status').filter({ hasText: 'to pack' })).toHaveText('Order 1 of 9 to pack');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(current.getByRole('heading', { level: 2 })).toHaveText('#1004');

  await page.reload();
  await expect(current.getByRole('heading', { level: 2 })).toHaveText('#1004');

  await page.getByRole('button', { name: 'Mark shipped' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'set to “Shipped”' })).toBeVisible();
  await expect(current.getByRole('heading', { level: 2 })).toHaveText('12-0010');
  await expect(page.getByRole('status').filter({ hasText: 'to pack' })).toHaveText('Order 2 of 8 to pack');
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(current.getByRole('heading', { level: 2 })).toHaveText('302-0006');
});

test('an order typed in by hand with a doubtful postcode is put on hold', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await page.getByRole('button', { name: 'New order' }).click();
  const form = page.getByRole('region', { name: 'New order' });
  await expect(form.getByLabel('Order number')).toHaveValue('M-1001');
  await form.getByLabel('Name', { exact: true }).fill('Åsa Ängström');
  await form.getByLabel('Street and house number').fill('Storgatan 1');
  await form.getByLabel('Postcode').fill('1067');
  await form.getByLabel('City').fill('Dresden');
  await form.getByLabel('Country (e.g. DE)').fill('DE');
  await expect(form.getByRole('note')).toContainText('probably lost its leading zero');
  await form.getByLabel('Item').fill('Blue mug');
  await form.getByRole('button', { name: 'Save order' }).click();

  const detail = page.getByRole('region', { name: 'Order M-1001' });
  await expect(detail).toBeVisible();
  await expect(detail).toContainText('On hold (Address problem)');
  const orders = new OrdersPage(page);
  await expect(orders.history(detail)).toContainText('Order created');
  await expect(orders.row('M-1001')).toContainText('On hold: address problem');
});

test('the list works from the keyboard: arrows move, Space selects, Enter opens', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const orders = new OrdersPage(page);
  await orders.seed(ORDERS);
  const first = orders.rows().first();
  await first.focus();
  await expect(first).toContainText('302-0001');
  await page.keyboard.press('ArrowDown');
  const second = orders.row('#1007');
  await expect(second).toBeFocused();
  await page.keyboard.press('Space');
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await expect(orders.bulk()).toContainText('1 selected');
  await page.keyboard.press('End');
  await expect(orders.row('#1005')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Order #1005' })).toBeVisible();
});

test('a parcel with a tracking number ships the order, and delivering it delivers the order', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  const orders = new OrdersPage(page);
  await orders.seed(ORDERS);
  const detail = await orders.open('302-0001');
  await detail.getByRole('button', { name: 'Add parcel' }).click();
  const number = detail.getByLabel('Tracking number');
  await number.fill('1Z5R89390357567126');
  await expect(detail.getByText('Check digit doesn’t match — typo?')).toBeVisible();
  await number.fill('1Z5R89390357567127');
  await expect(detail.getByText('Check digit matches')).toBeVisible();
  await expect(detail.getByLabel('Carrier')).toHaveValue('ups');
  await detail.getByRole('button', { name: 'Save parcel' }).click();

  await expect(detail.getByRole('link', { name: 'Track parcel' })).toHaveAttribute('href', /^https:\/\//);
  await expect(detail.getByRole('region', { name: 'Status', exact: true })).toContainText('Shipped');
  await detail
    .getByLabel('Delivery status of parcel 1Z5R89390357567127')
    .selectOption({ label: 'Delivered' });
  await expect(detail.getByRole('region', { name: 'Status', exact: true })).toContainText('Delivered');
  const history = orders.history(detail);
  await expect(history).toContainText('Parcel 1Z5R89390357567127 added');
  await expect(history).toContainText('Status changed from “Shipped” to “Delivered”');
  // The list knows the tracking number too.
  await orders.search().fill('1Z5R8939');
  await expect(orders.row('302-0001')).toContainText('1Z5R89390357567127');
});

test('a shorter "not shipped" limit in Settings flags more orders, and the chart shows the last 30 days', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  const orders = new OrdersPage(page);
  await orders.seed(ORDERS);
  await expect(orders.row('302-0001')).toBeVisible();
  const attention = page
    .getByRole('navigation', { name: 'Orders by status' })
    .getByRole('link', { name: /^Needs attention \d+$/ });
  // Within the last 30 days, unshipped 7 days or more: 12-0010 and #1004.
  await expect(attention).toHaveText(/Needs attention\s*2/);
  // The chart counts every order, also 302-0006 from 60 days ago, outside the list's 30 days.
  await orders.toggleSummary();
  const chart = page.getByRole('img', { name: /shipped in total.*Needing attention today: 3\./ });
  await expect(chart).toBeVisible();

  await app.nav('Settings').click();
  const limit = page.getByLabel('Not shipped this many days after the order');
  await limit.fill('0');
  await page.getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByText('Enter a whole number of days from 1 to 365.')).toBeVisible();
  await limit.fill('3');
  await page.getByLabel(/Your shop’s country/).fill('de');
  await page.getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'now uses these limits' })).toBeVisible();

  await app.nav('Orders').click();
  // Now 3 days or more: 12-0002, #1003, #1004, 1008, 1009 and 12-0010.
  await expect(attention).toHaveText(/Needs attention\s*6/);
  await expect(page.getByRole('img', { name: /Needing attention today: 7\./ })).toBeVisible();
  await page.reload();
  await expect(attention).toHaveText(/Needs attention\s*6/);
});
