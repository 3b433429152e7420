/**
 * An import is all or nothing even when it is stopped half-way: by the Cancel button, or by
 * closing the tab. And a file shared to Trackpack from another app opens in the import screen.
 */
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { ImportPage } from './pages/import-page.ts';
import { writeOrderCsv } from './support/order-files.ts';

const ROWS = 60_000;

async function startLargeImport(page: Page): Promise<void> {
  await page.goto('/import');
  const importer = new ImportPage(page);
  await importer.chooseFile(writeOrderCsv(ROWS));
  await expect(importer.importButton()).toBeEnabled({ timeout: 30_000 });
  await importer.importButton().click();
  const progress = page.getByRole('progressbar', { name: 'Import progress' });
  await expect(progress).toBeVisible();
  // Wait until part of the file is written inside the transaction.
  await expect
    .poll(async () => Number(await progress.getAttribute('value')), { timeout: 30_000 })
    .toBeGreaterThan(0);
}

async function expectNoOrders(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'No orders yet' })).toBeVisible();
  await expect(new AppPage(page).unsynced()).toHaveText('All changes saved on this device');
}

test('cancelling an import part-way leaves nothing behind', async ({ page }) => {
  await startLargeImport(page);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The import was cancelled. Nothing was saved.' }),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expectNoOrders(page);
});

test('closing the tab during an import leaves nothing behind', async ({ context }) => {
  const page = await context.newPage();
  await startLargeImport(page);
  await page.close({ runBeforeUnload: false });
  const again = await context.newPage();
  await expectNoOrders(again);
});

test('a file shared from another app opens in the import screen', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForServiceWorker();
  // What Android does on "share to Trackpack": a multipart POST to the manifest's share_target,
  // answered by the service worker (so it works offline too).
  await page.evaluate(() => {
    const form = document.createElement('form');
    form.method = 'post';
    form.enctype = 'multipart/form-data';
    form.action = '/share-target';
    const input = document.createElement('input');
    input.type = 'file';
    input.name = 'file';
    input.id = 'share-file';
    form.append(input);
    document.body.append(form);
  });
  await page.setInputFiles('#share-file', writeOrderCsv(3, 'shared-orders.csv'));
  await page.evaluate(() =>
    (document.getElementById('share-file')?.closest('form') as HTMLFormElement).submit(),
  );
  await expect(page).toHaveURL(/\/import\?shared=1$/);
  await expect(page.getByRole('heading', { name: 'Check shared-orders.csv before importing' })).toBeVisible();
  await expect(new ImportPage(page).counts()).toContainText('3 new orders');
});
