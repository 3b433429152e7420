/**
 * The automatic "shipped" e-mail is safe to have on: the server holds it for a grace period, and
 * an Undo from the toast takes it back before it goes out. The order's history says so (the
 * cancellation comes back from the server by pull) and no e-mail is written.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { ImportPage } from './pages/import-page.ts';
import { OrdersPage } from './pages/orders-page.ts';
import { SettingsPage } from './pages/settings-page.ts';
import { mailsMentioning } from './support/mail.ts';
import { daysAgo } from './support/dates.ts';

const ALL_SYNCED = 'All changes saved on this device';

test('undoing "mark shipped" takes back the automatic e-mail before it goes out', async ({ page }) => {
  const run = `U${Date.now().toString(36).toUpperCase()}`;
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'trackpack-undo-')), 'orders.csv');
  await writeFile(
    file,
    [
      'Order Number,Order Date,Name,Email,Street,Zip,City,Country,SKU,Quantity',
      `${run}-1,${daysAgo(2)},Ann Smith,ann.smith@example.com,1 High Street,SW1A 1AA,London,GB,SOAP-1,1`,
    ].join('\r\n'),
  );

  const app = new AppPage(page);
  await app.open();
  await app.waitForServiceWorker();

  await test.step('create the shop account; the shipped e-mail is on by default', async () => {
    const settings = new SettingsPage(page);
    await settings.open();
    await settings.createAccount('Soap Corner');
    const rules = settings.rules();
    await expect(rules.getByLabel('E-mail the tracking links when an order is marked shipped')).toBeChecked();
  });

  await test.step('import the order', async () => {
    const importer = new ImportPage(page);
    await importer.open();
    await importer.chooseFile(file);
    await importer.importButton().click();
    await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText('1 new');
  });

  const orders = new OrdersPage(page);
  const id = `${run}-1`;
  await test.step('mark it shipped, then undo from the toast', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    await orders.select(id);
    await orders.markShipped();
    await expect(orders.toast('1 of 1 order set to “Shipped”.')).toBeVisible();
    // Let the request reach the server first, as it would for a seller who notices a moment later.
    await expect(page.getByTestId('unsynced-count')).toHaveText(ALL_SYNCED, { timeout: 30_000 });
    await orders.undo();
    await expect(orders.toast('Undone for 1 order.')).toBeVisible();
  });

  await test.step('the history says the e-mail was taken back, and none was written', async () => {
    const detail = await orders.open(id);
    await expect(orders.history(detail)).toContainText('Message to the buyer requested');
    await expect(orders.history(detail)).toContainText('Message to the buyer taken back before it went out', {
      timeout: 45_000,
    });
    expect(await mailsMentioning(id)).toEqual([]);
  });
});
