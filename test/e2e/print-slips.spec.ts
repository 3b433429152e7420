/**
 * Packing slips for the orders selected in the list: two selected orders print as two slips with
 * their order barcodes, in either slip size; a selection larger than one print job prints in
 * parts the seller picks in turn. `window.print` is a counter (see `PrintPage.stubPrint`); the
 * print view is read with print media on, as the printer gets it.
 */
import { expect, test } from '@playwright/test';
import type { Order } from '../../src/core/model/order.ts';
import { makeOrder } from '../factories.ts';
import { AppPage } from './pages/app-page.ts';
import { OrdersPage } from './pages/orders-page.ts';
import { PrintPage } from './pages/print-page.ts';

function order(externalId: string, name: string, city: string): Order {
  const at = new Date().toISOString();
  return makeOrder({
    source: 'shopify',
    externalId,
    orderedAt: at.slice(0, 10),
    buyer: { name, email: `${externalId.replace(/\W/g, '')}@example.com` },
    address: { line1: 'Hauptstraße 5', zip: '01067', city, country: 'DE' },
    lines: [{ sku: `SKU-${externalId.replace(/\W/g, '')}`, title: 'Mug', quantity: 2 }],
    createdAt: at,
    updatedAt: at,
  });
}

test.beforeEach(async ({ page }) => {
  await PrintPage.stubPrint(page);
  await new AppPage(page).open();
});

test('print the packing slips of two selected orders', async ({ page }) => {
  const orders = new OrdersPage(page);
  const print = new PrintPage(page);
  await orders.seed([
    order('#2001', 'Jürgen Groß', 'Dresden'),
    order('#2002', 'Åsa Ängström', 'Malmö'),
    order('#2003', 'Anna Schmidt', 'Hamburg'),
  ]);
  await expect(orders.row('#2001')).toBeVisible();
  await orders.select('#2001', '#2003');

  const bulk = orders.bulk();
  await expect(print.layout(bulk)).toHaveValue('a4');
  await bulk.getByRole('button', { name: 'Print 2 packing slips' }).click();
  await expect.poll(() => print.printCalls()).toBe(1);

  await print.asPrinted();
  await expect(print.view()).toBeVisible();
  await expect(print.slips()).toHaveCount(2);
  for (const [id, name] of [
    ['#2001', 'Jürgen Groß'],
    ['#2003', 'Anna Schmidt'],
  ] as const) {
    const slip = print.slip(id);
    await expect(slip).toBeVisible();
    await expect(slip).toContainText(name);
    const barcode = print.barcode(slip, id);
    await expect(barcode).toBeVisible();
    // Real bars, not an empty placeholder.
    expect(await barcode.locator('rect').count()).toBeGreaterThan(10);
  }
  await expect(print.slip('#2002')).toHaveCount(0);
  // On paper, only the slips.
  await expect(page.getByRole('grid', { name: 'Order list' })).toBeHidden();

  // The 4 × 6 in label size prints the same two slips again.
  await print.asPrinted(false);
  await print.layout(bulk).selectOption({ label: 'Label 4 × 6 in' });
  await bulk.getByRole('button', { name: 'Print 2 packing slips' }).click();
  await expect.poll(() => print.printCalls()).toBe(2);
  await print.asPrinted();
  await expect(print.slips()).toHaveCount(2);
  await expect(print.barcode(print.slip('#2003'), '#2003')).toBeVisible();
});

test('a selection larger than one print job prints in parts', async ({ page }) => {
  test.setTimeout(120_000);
  const orders = new OrdersPage(page);
  const print = new PrintPage(page);
  const many = Array.from({ length: 201 }, (_, i) => order(`#${3000 + i}`, `Buyer ${i}`, 'Berlin'));
  await orders.seed(many);
  await page.getByRole('button', { name: 'Select all 201 matching orders' }).click();

  const bulk = orders.bulk();
  await expect(bulk).toContainText('201 orders selected: slips print 200 at a time, in list order.');
  const part = print.part(bulk);
  await expect(part.getByRole('option')).toHaveText(['1–200', '201–201']);
  await bulk.getByRole('button', { name: 'Print 200 packing slips' }).click();
  await expect.poll(() => print.printCalls()).toBe(1);
  await expect(print.slips()).toHaveCount(200);

  await part.selectOption({ label: '201–201' });
  await bulk.getByRole('button', { name: 'Print packing slip' }).click();
  await expect.poll(() => print.printCalls()).toBe(2);
  await expect(print.slips()).toHaveCount(1);
});
