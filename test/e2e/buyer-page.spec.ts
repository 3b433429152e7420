/**
 * The buyer's side in Chromium against the real server: a seller (seeded through the real API)
 * ships an order and asks for the "shipped" e-mail; the e-mail the server wrote under DATA_DIR
 * carries the tracking-page and confirm links; a mail scanner's GET of the confirm link changes
 * nothing; the buyer's click on the button does.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { mailDir } from './support/mail.ts';
import { BuyerPage } from './pages/buyer-page.ts';
import { E2E_SETUP_CODE } from './support/setup-code.ts';
import { PROTOCOL_VERSION } from '../../src/core/protocol/index.ts';

const PORT = process.env['E2E_PORT'] ?? '8181';
const AT = '2026-11-20T10:00:00.000Z';

/** The message's body as a reader sees it: quoted-printable soft breaks and escapes undone. */
function decodeQuotedPrintable(raw: string): string {
  const bytes = raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

async function mailFor(notificationId: string): Promise<string> {
  const dir = await mailDir();
  let text = '';
  await expect
    .poll(async () => {
      const files = await readdir(dir).catch(() => [] as string[]);
      if (!files.includes(`${notificationId}.eml`)) return false;
      text = decodeQuotedPrintable(await readFile(path.join(dir, `${notificationId}.eml`), 'utf8'));
      return true;
    })
    .toBe(true);
  return text;
}

async function seed(request: APIRequestContext, notificationId: string): Promise<{ orderId: string }> {
  const deviceId = randomUUID();
  const account = await request.post('/api/accounts', {
    data: { shopName: 'Kleiner Laden', deviceId, deviceName: 'e2e', setupCode: E2E_SETUP_CODE },
  });
  expect(account.status()).toBe(201);
  const { token } = (await account.json()) as { token: string };
  const externalId = `B-${Date.now()}`;
  const orderId = `shopify:${externalId}`;
  let id = 0;
  const wire = (name: string, args: unknown) => ({ id: ++id, name, args, createdAt: AT });
  const push = await request.post('/api/push', {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      protocolVersion: PROTOCOL_VERSION,
      deviceId,
      mutations: [
        wire('orders.import', {
          eventId: randomUUID(),
          fileName: 'orders.csv',
          part: 1,
          orders: [
            {
              id: orderId,
              source: 'shopify',
              externalId,
              orderedAt: '2026-11-19',
              buyer: { name: 'Sam <b>Buyer</b>', email: 'sam@example.com' },
              address: { line1: '1 High Street', zip: 'SW1A 1AA', city: 'London', country: 'GB' },
              lines: [{ title: 'Mug', quantity: 1 }],
            },
          ],
        }),
        wire('parcel.upsert', {
          parcel: {
            id: randomUUID(),
            orderId,
            trackingNumber: '00340434161234567890',
            carrierId: 'dhl-paket',
            deliveryStatus: 'in_transit',
            updatedAt: AT,
          },
          eventId: randomUUID(),
          at: AT,
        }),
        wire('order.transition', { orderId, to: 'shipped', eventId: randomUUID(), at: AT }),
        wire('notify.request', {
          notificationId,
          orderId,
          kind: 'shipped',
          channel: 'email',
          eventId: randomUUID(),
          at: AT,
        }),
      ],
    },
  });
  expect(push.status()).toBe(200);
  expect(((await push.json()) as { rejected: unknown[] }).rejected).toEqual([]);
  return { orderId };
}

test('the buyer follows the e-mail, a scanner cannot confirm, the button does', async ({ page, request }) => {
  const notificationId = randomUUID();
  await seed(request, notificationId);
  const mail = await mailFor(notificationId);
  const base = `http://127.0.0.1:${PORT}`;
  const pageLink = new RegExp(`${base.replace(/[.]/g, '\\.')}/t/([A-Za-z0-9_-]{43})`).exec(mail);
  expect(pageLink, 'tracking-page link in the e-mail').not.toBeNull();
  const trackingUrl = pageLink![0];
  expect(mail).toContain(`${trackingUrl}?confirm=1`);

  // A mail scanner opens every link, with GET and HEAD: nothing may change.
  const scanned = await request.get(`${trackingUrl}?confirm=1`);
  expect(scanned.status()).toBe(200);
  expect(scanned.headers()['x-robots-tag']).toContain('noindex');
  expect(scanned.headers()['referrer-policy']).toBe('no-referrer');
  expect((await request.head(`${trackingUrl}?confirm=1`)).status()).toBe(200);

  const thirdParty: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(base)) thirdParty.push(r.url());
  });
  await page.setViewportSize({ width: 375, height: 740 });
  const buyer = new BuyerPage(page);
  await buyer.open(`${trackingUrl}?confirm=1`);
  await expect(buyer.shopName()).toHaveText('Kleiner Laden');
  await expect(page.getByText('00340434161234567890')).toBeVisible();
  await expect(page.getByText('DHL Paket')).toBeVisible();
  await expect(buyer.carrierLink()).toHaveAttribute(
    'href',
    /^https:\/\/www\.dhl\.de\/.*00340434161234567890/,
  );
  await expect(buyer.confirmButton()).toBeVisible();
  // Laid out for a phone: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await buyer.confirm();
  await expect(buyer.received()).toHaveText('Thank you — marked as received.');
  await expect(buyer.confirmButton()).toHaveCount(0);
  await expect(page.getByText('Delivered').first()).toBeVisible();
  expect(page.url()).toBe(trackingUrl);
  expect(thirdParty).toEqual([]);
});

test('an unknown token is a plain 404', async ({ page }) => {
  const response = await page.goto(`/t/${'x'.repeat(43)}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText('This tracking page does not exist')).toBeVisible();
});
