/**
 * Settings > Messages: the seller rewrites the German "shipped" subject, the editor reports an
 * unknown placeholder and refuses to save it, the live preview on the seller's latest shipped
 * order follows each keystroke, and the mail the server then writes under DATA_DIR/mail carries
 * the seller's subject (settings sync to the server, which renders from them).
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { ImportPage } from './pages/import-page.ts';
import { OrdersPage } from './pages/orders-page.ts';
import { MessagesSection, SettingsPage } from './pages/settings-page.ts';
import { mails } from './support/mail.ts';
import { recentCopy } from './support/order-files.ts';

/** The fixture's orders, dated in the last few days so that the list shows them by default. */
const ORDERS = recentCopy(
  path.resolve(import.meta.dirname, '..', 'fixtures', 'e2e', 'orders-with-email.csv'),
);
/** A header as a reader sees it: folded lines joined, RFC 2047 encoded-words decoded. */
function decodeHeader(raw: string): string {
  return raw
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** The subjects of every e-mail the server wrote so far. */
async function subjects(): Promise<string[]> {
  return (await mails()).flatMap((text) => {
    const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(text)?.[1];
    return header === undefined ? [] : [decodeHeader(header).trim()];
  });
}

test('an edited subject shows in the preview and in the e-mail that is sent', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForServiceWorker();
  const settings = new SettingsPage(page);

  await test.step('create the shop account; turn the automatic e-mail off', async () => {
    await settings.open();
    await settings.createAccount('Seifenladen');
    await settings.rules().getByLabel('E-mail the tracking links when an order is marked shipped').uncheck();
    await settings.saveRules();
  });

  const orders = new OrdersPage(page);
  await test.step('import orders and ship M-3001', async () => {
    const importer = new ImportPage(page);
    await importer.open();
    await importer.chooseFile(ORDERS);
    await importer.importButton().click();
    await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText('3 new');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    const detail = await orders.open('M-3001');
    await detail.getByRole('button', { name: 'Add parcel' }).click();
    await detail.getByRole('textbox', { name: 'Tracking number' }).fill('1Z999AA10123456784');
    await detail.getByLabel('Carrier').selectOption('ups');
    await detail.getByRole('button', { name: 'Save parcel' }).click();
    await expect(orders.history(detail)).toContainText('to “Shipped”');
    await detail.getByRole('button', { name: 'Close order' }).click();
  });

  await test.step('edit the German "shipped" subject with a live preview on M-3001', async () => {
    await settings.open();
    const messages = new MessagesSection(page);
    await messages.pick('Order shipped, with tracking', 'Deutsch');
    await expect(messages.previewSubject()).toHaveText('Ihre Bestellung M-3001 ist unterwegs');

    await messages.subject().fill('Unterwegs: {{order.id}} {{buyer.nam}}');
    await expect(messages.problems()).toContainText('Subject: there is no placeholder {{buyer.nam}}.');
    await messages.save();
    await expect(messages.region.getByRole('alert')).toContainText('nothing was saved');

    await messages.subject().fill('Unterwegs: {{order.id}} für {{buyer.name}}');
    await expect(messages.problems()).toHaveCount(0);
    await expect(messages.previewSubject()).toHaveText('Unterwegs: M-3001 für Lena Fischer');
    await messages.save();
    await expect(messages.region.getByRole('status')).toHaveText('Message saved.');
    await expect(messages.region.getByTestId('messages-state')).toHaveText(
      'This message uses your own text.',
    );
  });

  await test.step('send the shipped mail for M-3001: the server writes the edited subject', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    const detail = await orders.open('M-3001');
    await detail.getByRole('button', { name: 'Send “Order shipped, with tracking” by e-mail' }).click();
    await expect(orders.history(detail)).toContainText('Message sent to the buyer', { timeout: 45_000 });
    await expect.poll(subjects).toContain('Unterwegs: M-3001 für Lena Fischer');
  });
});
