/**
 * An Etsy shop connected through Etsy's own consent page, the whole round trip in the browser:
 * Settings → Shops asks the server for the consent URL, the browser goes to (a local fake of)
 * Etsy, which approves and redirects back to the server's callback; the server swaps the code
 * for tokens, connects, and sends the browser to Settings with `?shops=connected`. The app says
 * so, lists the shop, drops the query from the address, and the shop's receipts arrive. Offline,
 * the button is disabled with the reason. The connection's "confirm when the buyer is told" is
 * kept on the server.
 */
import { expect, test } from '@playwright/test';
import { FAKE_ETSY_KEYSTRING, FAKE_ETSY_SECRET, type FakeEtsy } from '../../server/channels/fake-etsy.ts';
import { OrdersPage } from './pages/orders-page.ts';
import { ShopsSection } from './pages/shops-page.ts';
import { openNewShop } from './support/new-shop.ts';
import { startEtsyShop } from './support/etsy-shop.ts';
import type { PrivateServer } from './support/private-server.ts';

let fake: FakeEtsy;
let server: PrivateServer;

test.beforeAll(async () => {
  // Beside the shared server's port (shops.spec takes +20, shops-etsy +21).
  ({ fake, server } = await startEtsyShop({
    portOffset: 22,
    receiptId: 9901,
    hoursAgo: 2,
    consentPage: true,
  }));
});

test.afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

test('Etsy connected through its consent page: back in Settings with the result, its receipts arrive', async ({
  browser,
}) => {
  const { context, page, app } = await openNewShop(browser, server.url, 'Holm Knits');
  const shops = new ShopsSection(page);
  await shops.fillEtsyApp(FAKE_ETSY_KEYSTRING, FAKE_ETSY_SECRET);

  await test.step('offline, the button is disabled and says why', async () => {
    await context.setOffline(true);
    await page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await expect(shops.connectWith('Etsy')).toBeDisabled();
    await expect(shops.connectWith('Etsy')).toHaveAccessibleDescription(
      'Connecting needs the server; you are offline.',
    );
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(shops.connectWith('Etsy')).toBeEnabled();
  });

  await test.step('to Etsy and back', async () => {
    await shops.connectWith('Etsy').click();
    await page.waitForURL((url) => url.pathname === '/settings' && url.search === '');
    await expect(shops.region.getByRole('status')).toHaveText(
      'Connected to HolmKnits. Its orders are on their way.',
    );
    await expect(shops.connections()).toContainText('Etsy · HolmKnits');
    // The browser went through Etsy's page once, and the code was swapped with its PKCE verifier.
    expect(fake.requests.filter((r) => r.path === '/oauth/connect')).toHaveLength(1);
    expect(
      fake.requests.filter(
        (r) => r.path === '/v3/public/oauth/token' && r.text.includes('authorization_code'),
      ),
    ).toHaveLength(1);
  });

  await test.step('a second round trip for the same shop says it is connected already', async () => {
    await shops.fillEtsyApp(FAKE_ETSY_KEYSTRING, FAKE_ETSY_SECRET);
    await shops.connectWith('Etsy').click();
    await page.waitForURL((url) => url.pathname === '/settings' && url.search === '');
    await expect(shops.region.getByRole('alert')).toHaveText('This shop is already connected.');
  });

  await test.step('the shop confirms when the buyer is told, and it is kept', async () => {
    await expect(shops.confirmWhen('HolmKnits')).toHaveValue('shipped');
    await shops.confirmWhen('HolmKnits').selectOption({ label: 'when the buyer is told' });
    await expect(shops.region.getByRole('status')).toHaveText('HolmKnits: saved.');
    await page.reload();
    await expect(shops.confirmWhen('HolmKnits')).toHaveValue('told');
  });

  await shops.fetchNow('HolmKnits');
  await app.nav('Orders').click();
  await expect(new OrdersPage(page).row('9901')).toBeVisible({ timeout: 30_000 });
  await context.close();
});
