/**
 * Offline flapping: two paired devices ship orders at random while each one's network goes off
 * and on every 1-10 s (seeded). After the network heals, both devices must hold the same orders
 * in the same states, with every shipped order on both, and both outboxes empty within 60 s.
 *
 * SOAK_FLAP_SECONDS (600; small 20), SOAK_SEED.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { AppPage } from '../e2e/pages/app-page.ts';
import { ImportPage } from '../e2e/pages/import-page.ts';
import { OrdersPage } from '../e2e/pages/orders-page.ts';
import { SettingsPage } from '../e2e/pages/settings-page.ts';
import { daysAgo } from '../e2e/support/dates.ts';
import { count, figure, orderStatuses, random, seed } from './soak-support.ts';

const SECONDS = count('SOAK_FLAP_SECONDS', 600, 20);
const SEED = seed();
/** Enough orders that neither device runs out of its own to ship. */
const ORDERS = Math.max(40, SECONDS * 2);

interface Device {
  name: string;
  context: BrowserContext;
  page: Page;
  /** The orders this device ships, in its (seeded) order; the two lists do not overlap. */
  toShip: string[];
  shipped: string[];
  toggles: number;
}

async function setOffline(device: Device, offline: boolean): Promise<void> {
  await device.context.setOffline(offline);
  await device.page.evaluate(
    (event) => window.dispatchEvent(new Event(event)),
    offline ? 'offline' : 'online',
  );
}

async function shipOne(device: Device): Promise<void> {
  const id = device.toShip.shift();
  if (id === undefined) return;
  const orders = new OrdersPage(device.page);
  await orders.search().fill(id);
  await orders.select(id);
  await orders.markShipped();
  await expect.poll(async () => (await orderStatuses(device.page))[id], { timeout: 30_000 }).toBe('shipped');
  await orders.search().fill('');
  device.shipped.push(id);
}

test('two devices with flapping networks end equal, with empty outboxes', async ({ browser }) => {
  const next = random(SEED);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'trackpack-soak-')), 'flap-orders.csv');
  const ids = Array.from({ length: ORDERS }, (_, i) => `F-${String(i + 1).padStart(5, '0')}`);
  writeFileSync(
    file,
    [
      'Order Number,Order Date,Name,Street,Zip,City,Country,SKU,Quantity',
      ...ids.map((id, i) => `${id},${daysAgo(2)},Buyer ${i},Main Street ${i},10115,Berlin,DE,SOAP-1,1`),
    ].join('\n'),
  );
  const shuffled = [...ids].sort(() => next() - 0.5);

  const laptopContext = await browser.newContext();
  const laptopPage = await laptopContext.newPage();
  await new AppPage(laptopPage).open();
  const settings = new SettingsPage(laptopPage);
  await settings.open();
  const shop = `Flapping ${SEED}`;
  await settings.createAccount(shop);
  const importer = new ImportPage(laptopPage);
  await importer.open();
  await importer.chooseFile(file);
  await importer.importButton().click();
  await expect(laptopPage.getByRole('status').filter({ hasText: 'new,' })).toContainText(
    `${ORDERS.toLocaleString('en')} new`,
  );
  await expect(new AppPage(laptopPage).unsynced()).toHaveText('All changes saved on this device', {
    timeout: 60_000,
  });

  await settings.open();
  await laptopPage.getByRole('button', { name: 'Add another device' }).click();
  const code = (await laptopPage.getByTestId('pairing-code').textContent())!.trim();
  const phoneContext = await browser.newContext();
  const phonePage = await phoneContext.newPage();
  await phonePage.goto('/settings');
  await phonePage.getByLabel('Pairing code').fill(code);
  await phonePage.getByRole('button', { name: 'Join the shop' }).click();
  await expect(phonePage.getByTestId('sync-account')).toContainText(shop);
  await expect
    .poll(async () => Object.keys(await orderStatuses(phonePage)).length, { timeout: 60_000 })
    .toBe(ORDERS);

  const devices: Device[] = [
    { name: 'laptop', context: laptopContext, page: laptopPage, toShip: [], shipped: [], toggles: 0 },
    { name: 'phone', context: phoneContext, page: phonePage, toShip: [], shipped: [], toggles: 0 },
  ];
  shuffled.forEach((id, i) => devices[i % 2]!.toShip.push(id));
  for (const device of devices) await new AppPage(device.page).nav('Orders').click();

  const started = Date.now();
  const end = started + SECONDS * 1000;
  await Promise.all(
    devices.map(async (device) => {
      // Each device's own seeded stream of toggle times and pauses between edits.
      const own = random(SEED + device.name.length);
      let offline = false;
      let toggleAt = Date.now() + 1000 + own() * 9000;
      while (Date.now() < end) {
        if (Date.now() >= toggleAt) {
          offline = !offline;
          device.toggles++;
          await setOffline(device, offline);
          toggleAt = Date.now() + 1000 + own() * 9000;
        }
        await shipOne(device);
        // The seller's own pace between edits (part of the workload, not a wait for the app).
        await new Promise((resolve) => setTimeout(resolve, Math.floor(own() * 1000)));
      }
      await setOffline(device, false);
    }),
  );

  const healed = Date.now();
  for (const device of devices) {
    await expect(new AppPage(device.page).unsynced()).toHaveText('All changes saved on this device', {
      timeout: Math.max(0, 60_000 - (Date.now() - healed)),
    });
  }
  const shipped = new Set(devices.flatMap((d) => d.shipped));
  const expected = Object.fromEntries(ids.map((id) => [id, shipped.has(id) ? 'shipped' : 'new']));
  for (const device of devices) {
    await device.page.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(() => orderStatuses(device.page), { timeout: Math.max(1000, 60_000 - (Date.now() - healed)) })
      .toEqual(expected);
  }
  figure('offline_flapping', {
    seconds: SECONDS,
    edits: shipped.size,
    toggles: devices.map((d) => d.toggles).reduce((a, b) => a + b, 0),
    healSeconds: (Date.now() - healed) / 1000,
    seed: SEED,
  });
  await laptopContext.close();
  await phoneContext.close();
});
