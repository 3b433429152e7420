/**
 * An Etsy shop connected in Settings with a pasted refresh token (how most sellers and sandboxes
 * do it): the server renews the token against Etsy (a local fake, ETSY_API_ORIGIN), names the
 * shop, and its receipts appear on the device as orders.
 */
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import {
  fakeReceipt,
  FAKE_ETSY_KEYSTRING,
  FAKE_ETSY_REFRESH,
  FAKE_ETSY_SECRET,
  startFakeEtsy,
  type FakeEtsy,
} from '../../server/channels/fake-etsy.ts';
import { OrdersPage } from './pages/orders-page.ts';
import { ShopsSection } from './pages/shops-page.ts';
import { openNewShop } from './support/new-shop.ts';
import { startPrivateServer, type PrivateServer } from './support/private-server.ts';
import { E2E_SETUP_CODE } from './support/setup-code.ts';

let fake: FakeEtsy;
let server: PrivateServer;

test.beforeAll(async () => {
  fake = await startFakeEtsy();
  // A receipt of a few hours ago: inside the first fetch's window and the list's default period.
  const at = Math.floor((Date.now() - 3 * 3_600_000) / 1000);
  fake.receipts = [fakeReceipt(8801, { create_timestamp: at, updated_timestamp: at })];
  // Beside the shared server's port (shops.spec takes +20).
  server = await startPrivateServer(Number(process.env['E2E_PORT'] ?? 8181) + 21, {
    SECRETS_KEY: randomBytes(32).toString('base64'),
    ETSY_API_ORIGIN: fake.origin,
    SETUP_CODE: E2E_SETUP_CODE,
  });
});

test.afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

test('an Etsy shop connected with a pasted refresh token: its receipts arrive as orders', async ({
  browser,
}) => {
  const { context, page, app } = await openNewShop(browser, server.url, 'Holm Knits');

  const shops = new ShopsSection(page);
  await shops.connectEtsy(FAKE_ETSY_KEYSTRING, FAKE_ETSY_SECRET, FAKE_ETSY_REFRESH);
  await expect(shops.connections()).toContainText('Etsy · HolmKnits');
  // The pasted token was used once and rotated: Etsy now accepts only the new one.
  expect(fake.refreshToken).not.toBe(FAKE_ETSY_REFRESH);
  await shops.fetchNow('HolmKnits');

  await app.nav('Orders').click();
  await expect(new OrdersPage(page).row('8801')).toBeVisible({ timeout: 30_000 });
  await context.close();
});
