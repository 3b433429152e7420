/**
 * "Your order is being prepared": with the seller's rule on, importing orders asks the server for
 * one e-mail per new order whose buyer can be written to, and the server writes it under
 * DATA_DIR/mail (the embedded default). Importing the same file again announces nothing again.
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

test('imported orders get a "preparing" e-mail once, when the seller asks for it', async ({ page }) => {
  // Order numbers of this run only: the server's mail folder is shared with other tests.
  const run = `P${Date.now().toString(36).toUpperCase()}`;
  const csv = [
    'Order Number,Order Date,Name,Email,Street,Zip,City,Country,SKU,Quantity',
    `${run}-1,${daysAgo(2)},Ann Smith,ann.smith@example.com,1 High Street,SW1A 1AA,London,GB,SOAP-1,1`,
    `${run}-2,${daysAgo(2)},Bob Jones,bob.jones@example.com,2 Main Street,10001,New York,US,SOAP-2,2`,
    `${run}-3,${daysAgo(1)},Cy Brown,,3 Low Road,M1 1AE,Manchester,GB,SOAP-3,1`,
  ].join('\r\n');
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'trackpack-preparing-')), 'orders.csv');
  await writeFile(file, csv);

  const app = new AppPage(page);
  await app.open();
  await app.waitForServiceWorker();

  await test.step('create the shop account and turn the "preparing" e-mail on', async () => {
    const settings = new SettingsPage(page);
    await settings.open();
    await settings.createAccount('Soap Corner');
    const rules = settings.rules();
    await rules.getByLabel('E-mail “your order is being prepared” when orders are imported').check();
    await settings.saveRules();
  });

  const importer = new ImportPage(page);
  await test.step('import three orders, two with an e-mail address', async () => {
    await importer.open();
    await importer.chooseFile(file);
    await importer.importButton().click();
    await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText('3 new');
  });

  await test.step('the two buyers with an address get the e-mail, in their language', async () => {
    await expect.poll(async () => (await mailsMentioning(run)).length, { timeout: 30_000 }).toBe(2);
    const [ann] = await mailsMentioning(`${run}-1`);
    expect(ann).toContain('To: Ann Smith <ann.smith@example.com>');
    expect(ann).toMatch(/getting your order/);
    expect(await mailsMentioning(`${run}-3`)).toEqual([]);
  });

  await test.step('the order history says so', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    const detail = await new OrdersPage(page).open(`${run}-1`);
    await expect(detail.getByText(/Order is being prepared/i).first()).toBeVisible({ timeout: 30_000 });
  });

  await test.step('importing the same file again sends nothing more', async () => {
    await importer.open();
    await importer.startOver();
    await importer.chooseFile(file);
    await expect(importer.counts()).toContainText('0 new orders');
    await importer.importButton().click();
    await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText(
      '0 new, 0 updated, 3 unchanged',
    );
    // Give a wrongly queued e-mail the time to be written before counting.
    await page.waitForTimeout(3_000);
    expect(await mailsMentioning(run)).toHaveLength(2);
  });
});
