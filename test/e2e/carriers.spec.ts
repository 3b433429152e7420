/**
 * The seller's carriers: a carrier of their own added in Settings is offered for a parcel and its
 * link template makes the order's tracking link; a number several carriers use asks which, and
 * the next such number comes with the seller's earlier pick already chosen. Against the
 * production build, with the settings and parcels stored by the app itself.
 */
import { expect, test } from '@playwright/test';
import type { Order } from '../../src/core/model/order.ts';
import { makeOrder } from '../factories.ts';
import { AppPage } from './pages/app-page.ts';
import { CarrierSettingsPage, ParcelFormPage } from './pages/carrier-settings-page.ts';
import { OrdersPage } from './pages/orders-page.ts';
import { SettingsPage } from './pages/settings-page.ts';

function order(externalId: string, name: string): Order {
  const at = new Date().toISOString();
  return makeOrder({
    source: 'etsy',
    externalId,
    orderedAt: at.slice(0, 10),
    buyer: { name, email: `${externalId.replace(/\W/g, '')}@example.com` },
    address: { line1: 'Lindenweg 3', zip: '04109', city: 'Leipzig', country: 'DE' },
    status: 'ready',
    createdAt: at,
    updatedAt: at,
  });
}

const ORDERS = [order('#4001', 'Jürgen Groß'), order('#4002', 'Anna Schmidt'), order('#4003', 'Paul Meier')];

test.beforeEach(async ({ page }) => {
  await new AppPage(page).open();
  await new OrdersPage(page).seed(ORDERS);
});

test('a carrier of the seller’s own makes the tracking link from its template', async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.open();
  const carriers = new CarrierSettingsPage(page);
  await carriers.addCarrier('Kurier Meier', 'https://kurier-meier.example/sendung?nr={number}&plz={zip}');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
  const orders = new OrdersPage(page);
  const parcel = new ParcelFormPage(await orders.open('#4001'));
  await parcel.open();
  await parcel.number().fill('KM-2026-0042');
  await parcel.carrier().selectOption({ label: 'Kurier Meier' });
  await parcel.save();

  await expect(parcel.trackLink('KM-2026-0042')).toHaveAttribute(
    'href',
    'https://kurier-meier.example/sendung?nr=KM-2026-0042&plz=04109',
  );
  // Named as the seller named it, not by its internal id.
  await expect(parcel.parcel('KM-2026-0042')).toContainText('Kurier Meier');
  await expect(parcel.parcel('KM-2026-0042')).not.toContainText('custom-');
});

test('an ambiguous number asks for the carrier, and the next one comes with the earlier pick', async ({
  page,
}) => {
  const orders = new OrdersPage(page);
  // 12 digits with valid check digits for FedEx, DHL Paket and GLS.
  const first = new ParcelFormPage(await orders.open('#4002'));
  await first.open();
  await first.number().fill('201298452277');
  await expect(first.ambiguousHint()).toBeVisible();
  await expect(first.carrier()).toHaveValue('fedex');
  await first.carrier().selectOption({ label: 'GLS' });
  await expect(first.remember()).toBeChecked();
  await first.save();
  await expect(first.trackLink('201298452277')).toHaveAttribute('href', /gls-group\.eu.*201298452277/);
  await first.detail.getByRole('button', { name: 'Close order' }).click();

  // Another 12-digit number that FedEx and GLS both fit: GLS is chosen already.
  const second = new ParcelFormPage(await orders.open('#4003'));
  await second.open();
  await second.number().fill('201298452314');
  await expect(second.ambiguousHint()).toBeVisible();
  await expect(second.carrier()).toHaveValue('gls');
  await second.save();
  await expect(second.trackLink('201298452314')).toHaveAttribute('href', /gls-group\.eu.*201298452314/);

  // Settings says what it remembers.
  await new SettingsPage(page).open();
  await expect(new CarrierSettingsPage(page).rememberedPicks()).toHaveText(
    /Your carrier pick is remembered for 1 kind of number\./,
  );
});
