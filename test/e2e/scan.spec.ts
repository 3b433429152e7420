/**
 * The scan loop in packing mode, with a fake camera (see `PackingPage.installFakeCamera`): print
 * the packing slip of the order on screen, walk away from it, hold the printed slip's barcode to
 * the camera and the order opens; hold a UPS label's Code 128 to it and the parcel is saved, the
 * order shipped and the next order comes up. The codes are read by the app's real detector
 * (the ZXing WebAssembly polyfill, served from our own origin), not by a stub. Then typing instead
 * of scanning, and several tracking numbers pasted at once in the order detail.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { encodeCode128 } from '../../src/core/barcode/index.ts';
import { ImportPage } from './pages/import-page.ts';
import { OrdersPage } from './pages/orders-page.ts';
import { PackingPage } from './pages/packing-page.ts';
import { recentCopy } from './support/order-files.ts';

/** The fixture's orders, dated in the last few days so that the list shows them by default. */
const ONE_BAD_ROW = recentCopy(path.resolve(import.meta.dirname, '..', 'fixtures', 'e2e', 'one-bad-row.csv'));
const UPS = '1Z5R89390357567127';

test('scan the slip, scan the label: parcel saved, order shipped, next order', async ({ page }) => {
  test.setTimeout(120_000);
  await PackingPage.installFakeCamera(page);
  const wasm: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) wasm.push(request.url());
  });

  await page.goto('/');
  const importer = new ImportPage(page);
  await importer.open();
  await importer.chooseFile(ONE_BAD_ROW);
  await page.getByLabel(/Import the valid rows and leave out 1 order with errors/).check();
  await importer.importButton().click();
  await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText('4 new');

  const packing = new PackingPage(page);
  await packing.open();
  await expect(packing.position()).toHaveText('Order 1 of 4 to pack');
  const first = (await packing.currentOrder().getByRole('heading', { level: 2 }).textContent())!.trim();
  expect(first).toMatch(/^M-200[12]$/);

  // Print its packing slip (window.print is a counter here); the print view holds the barcode.
  await page.getByLabel('Slip size').selectOption({ label: 'Label 4 × 6 in' });
  await page.getByRole('button', { name: 'Print packing slip' }).click();
  await expect.poll(() => page.evaluate(() => window.__printCalls)).toBe(1);
  const slipBarcode = page.getByRole('img', {
    name: `Barcode of order number ${first}`,
    includeHidden: true,
  });
  await expect(slipBarcode).toBeAttached();

  // Somewhere else in the queue, then the printed slip in front of the camera.
  await packing.go('Next');
  await packing.go('Next');
  await expect(packing.position()).toHaveText('Order 3 of 4 to pack');
  await packing.startScanning();
  await packing.showSvg(slipBarcode);
  await packing.expectNote(`Order ${first} is open. Now scan the parcel label.`);
  await expect(packing.position()).toHaveText('Order 1 of 4 to pack');
  await expect(packing.currentOrder().getByRole('heading', { level: 2 })).toHaveText(first);

  // The parcel label: saved with its carrier, the order shipped, the next one on screen.
  await packing.showBars(encodeCode128(UPS).widths);
  await packing.expectNote(`Parcel ${UPS} (UPS) saved; order ${first} is shipped.`);
  await expect(packing.position()).toHaveText('Order 1 of 3 to pack');
  await expect(packing.currentOrder().getByRole('heading', { level: 2 })).not.toHaveText(first);
  expect(wasm.length).toBeGreaterThan(0);
  for (const url of wasm) expect(new URL(url).origin).toBe(new URL(page.url()).origin);

  // The same label again does not ship the next order too.
  await packing.showBars([]);
  await page.waitForTimeout(3000);
  await packing.showBars(encodeCode128(UPS).widths);
  await packing.expectNote(`Parcel ${UPS} is saved already.`);
  await expect(packing.position()).toHaveText('Order 1 of 3 to pack');
  await page.getByRole('button', { name: 'Close the scanner' }).click();
  await expect(page.getByRole('region', { name: 'Barcode scanner' })).toHaveCount(0);

  // Typing instead of scanning: the shipped order is no longer in the queue, another one opens.
  await packing.type(first);
  await packing.expectNote(`No order to pack has the number ${first}. Is it shipped already?`);
  await packing.type('m-2005');
  await packing.expectNote('Order M-2005 is open. Now scan the parcel label.');
  await expect(packing.currentOrder().getByRole('heading', { level: 2 })).toHaveText('M-2005');

  // The shipped order has the parcel, with its carrier.
  await page.goto('/');
  const orders = new OrdersPage(page);
  const detail = await orders.open(first);
  await expect(detail.getByRole('region', { name: 'Status', exact: true })).toContainText('Shipped');
  await expect(detail.getByLabel(`Delivery status of parcel ${UPS}`)).toBeVisible();

  // Several numbers pasted at once become several parcels.
  const other = await orders.open('M-2004');
  await other.getByRole('button', { name: 'Add parcel' }).click();
  await other.getByLabel('Tracking number').fill('1Z879E930346834440, 00340433836442636597');
  await expect(other.getByText('2 numbers: each becomes a parcel.')).toBeVisible();
  await other.getByRole('button', { name: 'Save parcel' }).click();
  await expect(other.getByLabel('Delivery status of parcel 1Z879E930346834440')).toBeVisible();
  await expect(other.getByLabel('Delivery status of parcel 00340433836442636597')).toBeVisible();
});

test('no camera: the scanner says so and the number can be typed', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  await page.goto('/');
  const importer = new ImportPage(page);
  await importer.open();
  await importer.chooseFile(ONE_BAD_ROW);
  await page.getByLabel(/Import the valid rows and leave out 1 order with errors/).check();
  await importer.importButton().click();
  await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText('4 new');

  const packing = new PackingPage(page);
  await packing.open();
  await page.getByRole('button', { name: 'Scan packing slips and parcel labels with the camera' }).click();
  await expect(page.getByRole('region', { name: 'Barcode scanner' })).toContainText(
    'Camera access was refused',
  );
  await packing.type('M-2004');
  await packing.expectNote('Order M-2004 is open. Now scan the parcel label.');
});
