/**
 * Importing an order list end to end: the file chooser, the preview, the commit, the orders in
 * the list, a re-import that changes nothing, and an all-or-nothing import blocked by one bad row.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ImportPage } from './pages/import-page.ts';
import { recentCopy } from './support/order-files.ts';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures');
const SHOPIFY = path.join(FIXTURES, 'import', 'shopify-orders.csv');
const ONE_BAD_ROW = recentCopy(path.join(FIXTURES, 'e2e', 'one-bad-row.csv'));

test('import a Shopify export, find the orders, re-import and see nothing new', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Import orders' }).click();
  const importer = new ImportPage(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Import orders' })).toBeVisible();

  await importer.chooseFile(SHOPIFY);
  await expect(
    page.getByRole('heading', { name: 'Check shopify-orders.csv before importing' }),
  ).toBeVisible();
  await expect(importer.source()).toHaveValue('shopify');
  await expect(importer.counts()).toContainText('0 rows with errors');
  const sample = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Buyer' }) });
  await expect(sample.getByRole('row', { name: /#1001/ })).toContainText('Jane Doe');
  // Leading zeros survive: the Boston zip code stays 02134.
  await expect(sample.getByRole('row', { name: /#1001/ })).toContainText('Boston, MA 02134');
  const newCount = Number((await importer.counts().textContent())!.match(/(\d+) new order/)![1]);
  expect(newCount).toBeGreaterThan(1);

  await importer.importButton().click();
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText(
    `${newCount} new, 0 updated, 0 unchanged`,
  );

  await page.getByRole('button', { name: 'Go to orders' }).click();
  // The file's orders are from March, outside the list's default 30 days: search finds them.
  await page.getByLabel('Search orders').fill('#1001');
  await expect(page.getByRole('row').filter({ hasText: '#1001' })).toBeVisible();
  await page.getByLabel('Search orders').fill('#1002');
  await expect(page.getByRole('row').filter({ hasText: '#1002' })).toBeVisible();

  // The same file again: nothing to write.
  await importer.open();
  await importer.startOver();
  await importer.chooseFile(SHOPIFY);
  await expect(importer.counts()).toContainText('0 new orders');
  await expect(importer.counts()).toContainText(`${newCount} orders unchanged`);
  await expect(importer.importButton()).toHaveText('Nothing new to import');
  await importer.importButton().click();
  await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText(
    `0 new, 0 updated, ${newCount} unchanged`,
  );
});

test('one bad row blocks the all-or-nothing import and nothing is written', async ({ page }) => {
  await page.goto('/import');
  const importer = new ImportPage(page);
  await importer.chooseFile(ONE_BAD_ROW);

  await expect(importer.counts()).toContainText('1 row with errors');
  const errors = importer.errorsTable();
  const bad = errors.getByRole('row', { name: /2026-11-31/ });
  await expect(bad.getByRole('cell').nth(0)).toHaveText('4');
  await expect(bad.getByRole('cell').nth(1)).toHaveText('Order Date');
  await expect(bad).toContainText('is not a date');
  await expect(page.getByText('The file has rows with errors.')).toBeVisible();
  await expect(importer.importButton()).toBeDisabled();

  // The error rows can be downloaded for fixing in Excel.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the rows with errors (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('one-bad-row-errors.csv');
  const text = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(text).toString('utf8')).toContain('M-2003');

  // Nothing was written: the orders list is still empty.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByRole('heading', { name: 'No orders yet' })).toBeVisible();

  // Choosing "import valid rows" imports the other four.
  await importer.open();
  await importer.startOver();
  await importer.chooseFile(ONE_BAD_ROW);
  await page.getByLabel(/Import the valid rows and leave out 1 order with errors/).check();
  await importer.importButton().click();
  await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText(
    '4 new, 0 updated, 0 unchanged',
  );
  await expect(page.getByText('1 order with errors was left out.')).toBeVisible();
});
