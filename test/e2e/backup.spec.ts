/**
 * Backup and restore with no server: a seller backs up in one browser and restores in another
 * (a fresh context, every request to the server refused); restoring over data asks first.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { BackupSection } from './pages/backup-page.ts';
import { ImportPage } from './pages/import-page.ts';
import { SettingsPage } from './pages/settings-page.ts';
import { recentCopy } from './support/order-files.ts';

/** The fixture's orders, dated in the last few days so that the list shows them by default. */
const ORDERS = recentCopy(path.resolve(import.meta.dirname, '..', 'fixtures', 'e2e', 'one-bad-row.csv'));

test('a backup made in one browser restores in a fresh one without a server', async ({ browser }, info) => {
  const phone = await browser.newContext();
  const page = await phone.newPage();
  await new AppPage(page).open();
  const importer = new ImportPage(page);
  await importer.open();
  await importer.chooseFile(ORDERS);
  await page.getByLabel(/Import the valid rows/).check();
  await importer.importButton().click();
  await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText('4 new');
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.shopName().fill('Seifenladen');
  await settings.save();
  const file = info.outputPath('backup.json.gz');
  const name = await new BackupSection(page).backUp(file);
  expect(name).toMatch(/^trackpack-backup-Seifenladen-\d{4}-\d{2}-\d{2}\.json\.gz$/);
  await phone.close();

  const laptop = await browser.newContext();
  const server: string[] = [];
  await laptop.route('**/api/**', (route) => {
    server.push(route.request().url());
    return route.abort();
  });
  const fresh = await laptop.newPage();
  await new AppPage(fresh).open();
  const freshSettings = new SettingsPage(fresh);
  await freshSettings.open();
  const backup = new BackupSection(fresh);
  await backup.choose(file);
  await expect(backup.preview()).toContainText('Shop: Seifenladen');
  await expect(backup.preview()).toContainText('4 orders');
  await expect(backup.preview()).not.toContainText('Restoring replaces everything');
  await backup.restoreButton().click();
  await expect(backup.done()).toHaveText('Restored: 4 orders.');
  await expect(freshSettings.shopName()).toHaveValue('Seifenladen');
  await new AppPage(fresh).nav('Orders').click();
  await expect(fresh.getByRole('main').getByText('4 orders shown', { exact: true })).toBeVisible();
  // The changes that were waiting for a sync came along too.
  await expect(new AppPage(fresh).unsynced()).toHaveText(/unsynced change/);

  // Restoring again over this data asks first, in so many words.
  await freshSettings.open();
  await backup.choose(file);
  await expect(backup.preview()).toContainText('Restoring replaces everything on this device');
  await expect(backup.restoreButton()).toHaveText('Replace the data on this device');
  expect(server).toEqual([]);
  await laptop.close();
});

test('a file that is not a backup is refused and changes nothing', async ({ page }) => {
  await new AppPage(page).open();
  await new SettingsPage(page).open();
  const backup = new BackupSection(page);
  await backup.choose(ORDERS);
  await expect(backup.region.getByRole('alert')).toHaveText(
    'This file is not a Trackpack backup (it is not JSON).',
  );
  await expect(backup.preview()).toHaveCount(0);
});
