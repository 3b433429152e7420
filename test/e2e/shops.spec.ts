/**
 * A Shopify shop connected in Settings: its orders appear on the device by themselves, an order
 * marked shipped offline is confirmed to the shop once the network returns (exactly one
 * fulfillment, with the tracking number), and the order page shows the shop accepted it. The
 * shop is a local fake Shopify; the server is a private one pointed at it (SHOPIFY_API_ORIGIN).
 */
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { fakeOrder, startFakeShopify, type FakeShopify } from '../../server/channels/fake-shopify.ts';
import { OrdersPage } from './pages/orders-page.ts';
import { shopConfirmations, ShopsSection } from './pages/shops-page.ts';
import { openNewShop } from './support/new-shop.ts';
import { startPrivateServer, type PrivateServer } from './support/private-server.ts';
import { E2E_SETUP_CODE } from './support/setup-code.ts';

const UPS_NUMBER = '1Z999AA10123456784';
let fake: FakeShopify;
let server: PrivateServer;

test.beforeAll(async () => {
  fake = await startFakeShopify({ shopDomain: 'kleiner-laden.myshopify.com' });
  // Orders of the last hours: inside the first fetch's window and the list's default period.
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  fake.orders = [
    fakeOrder(4001, { createdAt: hoursAgo(5), updatedAt: hoursAgo(5) }),
    fakeOrder(4002, { createdAt: hoursAgo(3), updatedAt: hoursAgo(3) }),
  ];
  // Beside the shared server's port, so runs with different E2E_PORTs don't collide.
  server = await startPrivateServer(Number(process.env['E2E_PORT'] ?? 8181) + 20, {
    SECRETS_KEY: randomBytes(32).toString('base64'),
    SHOPIFY_API_ORIGIN: fake.origin,
    CHANNEL_CONFIRM_GRACE_SECONDS: '0',
    SETUP_CODE: E2E_SETUP_CODE,
  });
});

test.afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

test('a connected Shopify shop: orders arrive, shipped offline is confirmed once when online', async ({
  browser,
}) => {
  const { context, page, app } = await openNewShop(browser, server.url, 'Kleiner Laden');

  await test.step('connect the shop in Settings → Shops', async () => {
    const shops = new ShopsSection(page);
    await shops.connectShopify('kleiner-laden', 'fake-client-id', 'fake-client-secret');
    await expect(shops.connections()).toContainText('Shopify · kleiner-laden.myshopify.com');
    await shops.fetchNow('kleiner-laden.myshopify.com');
    await expect(shops.connections()).toContainText('Last fetched');
  });

  const orders = new OrdersPage(page);
  await test.step('its orders appear on the device', async () => {
    await app.nav('Orders').click();
    await expect(orders.row('#4001')).toBeVisible({ timeout: 30_000 });
    await expect(orders.row('#4002')).toBeVisible();
  });

  await test.step('mark one shipped offline, with a tracking number', async () => {
    await context.setOffline(true);
    await page.evaluate(() => window.dispatchEvent(new Event('offline')));
    const detail = await orders.open('#4001');
    await detail.getByRole('button', { name: 'Add parcel' }).click();
    await detail.getByRole('textbox', { name: 'Tracking number' }).fill(UPS_NUMBER);
    await detail.getByLabel('Carrier').selectOption('ups');
    await detail.getByRole('button', { name: 'Save parcel' }).click();
    await expect(orders.history(detail)).toContainText('to “Shipped”');
    await expect(app.unsynced()).toHaveText(/unsynced change/);
    expect(fake.fulfillments).toHaveLength(0);
  });

  await test.step('online again: the shop gets exactly one fulfillment, and the order shows it accepted', async () => {
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(app.unsynced()).toHaveText('All changes saved on this device', { timeout: 30_000 });
    await expect.poll(() => fake.fulfillments.length, { timeout: 30_000 }).toBe(1);
    const [fulfillment] = fake.fulfillments;
    expect(fulfillment?.orderId).toBe('gid://shopify/Order/4001');
    expect(fulfillment?.trackingInfo).toMatchObject({ company: 'UPS', numbers: [UPS_NUMBER] });
    const detail = page.getByRole('region', { name: 'Order #4001' });
    // The accepted step arrives by pull; the sync loop runs on changes, so ask it with a reload.
    await expect(async () => {
      await page.reload();
      await expect(shopConfirmations(detail)).toContainText(`Shopify · ${UPS_NUMBER}: accepted`, {
        timeout: 2_000,
      });
    }).toPass({ timeout: 30_000 });
    expect(fake.requests.filter((r) => r.operation === 'FulfillmentCreate')).toHaveLength(1);
  });

  await context.close();
});
