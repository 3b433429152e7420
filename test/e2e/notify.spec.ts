/**
 * Telling buyers: with the automatic rule off, a shipped order waits on "Tell buyers" in its
 * carrier's group; sending the group asks the server, whose sender writes the mail, and the
 * order's history shows the message requested and then sent.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { ImportPage } from './pages/import-page.ts';
import { NotifyPage } from './pages/notify-page.ts';
import { OrdersPage } from './pages/orders-page.ts';
import { MessagesSection, SettingsPage } from './pages/settings-page.ts';
import { recentCopy } from './support/order-files.ts';

/** The fixture's orders, dated in the last few days so that the list shows them by default. */
const ORDERS = recentCopy(
  path.resolve(import.meta.dirname, '..', 'fixtures', 'e2e', 'orders-with-email.csv'),
);
const UPS_NUMBER = '1Z999AA10123456784';

test('a carrier group of shipped orders is told, and the history shows requested then sent', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForServiceWorker();

  await test.step('create the shop account and turn the automatic e-mail off', async () => {
    const settings = new SettingsPage(page);
    await settings.open();
    await settings.createAccount('Seifenladen');
    await settings.rules().getByLabel('E-mail the tracking links when an order is marked shipped').uncheck();
    // The preview moved to the Messages section (the message editor).
    await expect(new MessagesSection(page).previewSubject()).not.toBeEmpty();
    await settings.saveRules();
  });

  await test.step('import orders with e-mail addresses', async () => {
    const importer = new ImportPage(page);
    await importer.open();
    await importer.chooseFile(ORDERS);
    await importer.importButton().click();
    await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText('3 new');
  });

  const orders = new OrdersPage(page);
  await test.step('ship one order with a UPS parcel', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    const detail = await orders.open('M-3001');
    await detail.getByRole('button', { name: 'Add parcel' }).click();
    await detail.getByRole('textbox', { name: 'Tracking number' }).fill(UPS_NUMBER);
    await detail.getByLabel('Carrier').selectOption('ups');
    await detail.getByRole('button', { name: 'Save parcel' }).click();
    await expect(orders.history(detail)).toContainText('to “Shipped”');
    await expect(orders.history(detail)).not.toContainText('Message to the buyer requested');
    await detail.getByRole('button', { name: 'Close order' }).click();
  });

  await test.step('send the UPS group on "Tell buyers"', async () => {
    const notify = new NotifyPage(page);
    await notify.open();
    const ups = notify.group('UPS');
    await expect(ups.getByRole('list', { name: 'Orders in this group' })).toContainText('M-3001');
    await ups.getByText(/^Example: order M-3001/).click();
    await expect(ups.getByTestId('preview-subject')).toContainText('M-3001');
    await notify.sendGroup('UPS', 1);
    await expect(page.getByText('Every buyer of a shipped order has been told.')).toBeVisible();
  });

  await test.step('the order shows the message requested, then sent', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    const detail = await orders.open('M-3001');
    const history = orders.history(detail);
    await expect(history).toContainText('Message to the buyer requested');
    await expect(history).toContainText('Message sent to the buyer', { timeout: 45_000 });
    await expect(detail.getByRole('list', { name: 'Messages to this buyer' })).toContainText(
      'Order shipped, with tracking (E-mail): Sent',
    );
  });

  await test.step('an order without an e-mail address cannot be e-mailed', async () => {
    await detailClose(page);
    const detail = await orders.open('M-3003');
    const button = detail.getByRole('button', { name: 'Send “Order shipped, with tracking” by e-mail' });
    await expect(button).toBeDisabled();
    await expect(detail).toContainText('This order has no buyer e-mail address.');
  });
});

async function detailClose(page: import('@playwright/test').Page): Promise<void> {
  await page.getByRole('button', { name: 'Close order' }).click();
}
