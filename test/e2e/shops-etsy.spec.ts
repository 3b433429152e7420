/**
 * An Etsy shop connected in Settings with a pasted refresh token (how most sellers and sandboxes
 * do it): the server renews the token against Etsy (a local fake, ETSY_API_ORIGIN), names the
 * shop, and its receipts appear on the device as orders.
 */
import { expect, test } from '@playwright/test';
import {
  FAKE_ETSY_KEYSTRING,
  FAKE_ETSY_REFRESH,
  FAKE_ETSY_SECRET,
  type FakeEtsy,
} from '../../server/channels/fake-etsy.ts';
import { OrdersPage } from './pages/orders-page.ts';
import { ShopsSection } from './pages/shops-page.ts';
import { openNewShop } from './support/new-shop.ts';
import { startEtsyShop } from './support/etsy-shop.ts';
import type { PrivateServer } from './support/private-server.ts';

let fake: FakeEtsy;
let server: PrivateServer;

test.beforeAll(async () => {
  // Beside the shared server's port (shops.spec takes +20).
  ({ fake, server } = await startEtsyShop({ portOffset: 21, receiptId: 8801, hoursAgo: 3 }));
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
