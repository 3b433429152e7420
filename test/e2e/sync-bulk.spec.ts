/**
 * A bulk change made offline reaches the server whole. Marking many orders shipped stores their
 * mutations as runs of one outbox row (src/storage/outbox-runs.ts); the server must still get
 * every mutation, in order and without gaps, and a second device must see every order shipped.
 * The change is large enough to be written by the write worker (src/state/worker-commits.ts),
 * whose script the service worker serves offline.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ImportPage } from './pages/import-page.ts';
import { OrdersPage } from './pages/orders-page.ts';
import { daysAgo } from './support/dates.ts';
import { openNewShop } from './support/new-shop.ts';

const COUNT = 400;

test('a bulk "mark shipped" made offline reaches the server and another device whole', async ({
  browser,
  baseURL,
}) => {
  const run = `R${Date.now().toString(36).toUpperCase()}`;
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'trackpack-bulk-')), 'orders.csv');
  const rows = Array.from(
    { length: COUNT },
    (_, i) =>
      `${run}-${i},${daysAgo(2)},Buyer ${i},buyer${i}@example.com,${i} High Street,SW1A 1AA,London,GB,SOAP-1,1`,
  );
  await writeFile(
    file,
    ['Order Number,Order Date,Name,Email,Street,Zip,City,Country,SKU,Quantity', ...rows].join('\r\n'),
  );

  const { context: laptop, page, app, settings } = await openNewShop(browser, baseURL!, 'Bulk Soap');

  const importer = new ImportPage(page);
  await importer.open();
  await importer.chooseFile(file);
  await importer.importButton().click();
  await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText(`${COUNT} new`);

  await test.step('offline: ship all of them at once, reload', async () => {
    await laptop.setOffline(true);
    await page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    const orders = new OrdersPage(page);
    await page.getByRole('button', { name: `Select all ${COUNT} matching orders` }).click();
    await orders.markShipped();
    await expect(orders.toast(`${COUNT} of ${COUNT} orders set to “Shipped”.`)).toBeVisible();
    expect(page.workers().map((worker) => new URL(worker.url()).pathname)).toContainEqual(
      expect.stringMatching(/\/write\.worker-[\w-]+\.js$/),
    );
    await page.reload();
    await expect(app.unsynced()).toHaveText(/unsynced change/);
  });

  await test.step('online: everything is accepted', async () => {
    await laptop.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(app.unsynced()).toHaveText('All changes saved on this device', { timeout: 30_000 });
    await expect(page.getByTestId('sync-status')).toContainText('Synced');
  });

  await test.step('a second device sees every order shipped', async () => {
    await settings.open();
    await page.getByRole('button', { name: 'Add another device' }).click();
    const code = (await page.getByTestId('pairing-code').textContent())!.trim();
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const phonePage = await phone.newPage();
    await phonePage.goto('/settings');
    await phonePage.getByLabel('Pairing code').fill(code);
    await phonePage.getByRole('button', { name: 'Join the shop' }).click();
    await expect(phonePage.getByTestId('sync-account')).toContainText('Bulk Soap');
    await phonePage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    const counts = phonePage.getByRole('navigation', { name: 'Orders by status' });
    await expect(counts.getByRole('link', { name: `Shipped ${COUNT}` })).toBeVisible({ timeout: 30_000 });
    await expect(counts.getByRole('link', { name: /^New / })).toHaveCount(0);
    await phone.close();
  });
  await laptop.close();
});
