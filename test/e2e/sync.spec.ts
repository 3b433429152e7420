/**
 * Two devices of one shop: changes made offline survive a reload, reach the server when the
 * network returns, and show up on a second browser paired with the first by its code.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ImportPage } from './pages/import-page.ts';
import { openNewShop } from './support/new-shop.ts';
import { recentCopy } from './support/order-files.ts';

/** The fixture's orders, dated in the last few days so that the list shows them by default. */
const ORDERS = recentCopy(path.resolve(import.meta.dirname, '..', 'fixtures', 'e2e', 'one-bad-row.csv'));

async function syncStatus(page: Page) {
  return page.getByTestId('sync-status');
}

test('offline changes reach the server and a second paired device', async ({ browser, baseURL }) => {
  // Start syncing: the first device creates the shop account.
  const { context: laptop, page, app, settings } = await openNewShop(browser, baseURL!, 'Seifenladen');
  await expect(await syncStatus(page)).toContainText('Synced');

  // Offline: import orders, reload, still there and waiting.
  await laptop.setOffline(true);
  await page.evaluate(() => window.dispatchEvent(new Event('offline')));
  const importer = new ImportPage(page);
  await importer.open();
  await importer.chooseFile(ORDERS);
  await page.getByLabel(/Import the valid rows/).check();
  await importer.importButton().click();
  await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText('4 new');
  await page.reload();
  await expect(app.unsynced()).toHaveText(/unsynced change/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByText('M-2001', { exact: true }).first()).toBeVisible();

  // Online again: the outbox drains.
  await laptop.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(app.unsynced()).toHaveText('All changes saved on this device', { timeout: 30_000 });
  await expect(await syncStatus(page)).toContainText('Synced');

  // Pair a phone with the code shown on the laptop.
  await settings.open();
  await page.getByRole('button', { name: 'Add another device' }).click();
  const code = (await page.getByTestId('pairing-code').textContent())!.trim();
  await expect(page.getByRole('img', { name: 'QR code for adding a device' })).toBeVisible();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const phonePage = await phone.newPage();
  await phonePage.goto('/settings');
  await phonePage.getByLabel('Pairing code').fill(code);
  await phonePage.getByRole('button', { name: 'Join the shop' }).click();
  await expect(phonePage.getByTestId('sync-account')).toContainText('Seifenladen');
  await phonePage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
  await expect(phonePage.getByText('M-2004', { exact: true }).first()).toBeVisible({ timeout: 30_000 });

  // The laptop lists both devices.
  await page.reload();
  await expect(page.getByRole('button', { name: /^Revoke / })).toHaveCount(1);
  await laptop.close();
  await phone.close();
});
