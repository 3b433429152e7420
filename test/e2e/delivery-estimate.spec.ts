/**
 * Expected delivery learned on the device: with 25 DHL parcels to Sweden delivered in 2 or 3
 * working days, a parcel on its way shows that window on the order page, a parcel past it is
 * "Late", and the list's late filter finds exactly that order. Dates are built from today, so the
 * test holds on any day.
 */
import { expect, test } from '@playwright/test';
import { addWorkingDays } from '../../src/core/delivery-estimate/index.ts';
import { orderIdOf, type ParcelId } from '../../src/core/ids.ts';
import type { Order } from '../../src/core/model/order.ts';
import type { Parcel } from '../../src/core/model/parcel.ts';
import { addDays } from '../../src/core/orders/date-range.ts';
import { AppPage } from './pages/app-page.ts';
import { OrdersPage } from './pages/orders-page.ts';

const today = new Date().toISOString().slice(0, 10);

function order(externalId: string, orderedAt: string, status: Order['status']): Order {
  const at = new Date().toISOString();
  return {
    id: orderIdOf('etsy', externalId),
    source: 'etsy',
    externalId,
    orderedAt,
    buyer: { name: `Buyer ${externalId}` },
    address: { line1: 'Storgatan 1', zip: '11122', city: 'Stockholm', country: 'SE' },
    lines: [{ title: 'Mug', quantity: 1 }],
    status,
    notes: '',
    createdAt: at,
    updatedAt: at,
  };
}

function parcel(o: Order, n: number, fields: Partial<Parcel>): Parcel {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as ParcelId,
    orderId: o.id,
    trackingNumber: `JJD00039000${String(n).padStart(4, '0')}`,
    carrierId: 'dhl-paket',
    deliveryStatus: 'in_transit',
    updatedAt: new Date().toISOString(),
    ...fields,
  };
}

const historyShipped = addDays(today, -60);
const history = Array.from({ length: 25 }, (_, i) =>
  order(`H-${i}`, addDays(historyShipped, -1), 'delivered'),
);
const historyParcels = history.map((o, i) =>
  parcel(o, i, {
    shippedAt: historyShipped,
    deliveryStatus: 'delivered',
    updatedAt: `${addWorkingDays(historyShipped, i % 5 === 0 ? 3 : 2, 'SE')}T12:00:00.000Z`,
  }),
);
const onTheWay = order('#5001', addDays(today, -1), 'shipped');
const overdue = order('#5002', addDays(today, -14), 'shipped');

test.beforeEach(async ({ page }) => {
  await new AppPage(page).open();
  await new OrdersPage(page).seed(
    [...history, onTheWay, overdue],
    [
      ...historyParcels,
      parcel(onTheWay, 100, { shippedAt: today }),
      parcel(overdue, 101, { shippedAt: addDays(today, -13) }),
    ],
  );
});

test('the order page shows the learned window, and a parcel past it is late', async ({ page }) => {
  const orders = new OrdersPage(page);
  const detail = await orders.open('#5001');
  await expect(detail.getByText(/Usually arrives .+ – .+ \(from 25 of your parcels\)/)).toBeVisible();
  await expect(detail.getByText('Late', { exact: true })).toHaveCount(0);
  // No tracking service has reported on it: the carrier's page is where to look.
  await expect(detail.getByText(/No tracking service has reported on this parcel/)).toBeVisible();
  await detail.getByRole('button', { name: 'Close order' }).click();

  const late = await orders.open('#5002');
  await expect(late.getByText('Late', { exact: true })).toBeVisible();
  await expect(late.getByText(/is late: shipped 13 days ago/)).toBeVisible();
});

test('the list filters to orders with a late parcel', async ({ page }) => {
  const orders = new OrdersPage(page);
  await expect(orders.row('#5001')).toBeVisible();
  await page.getByText('More filters').click();
  await page.getByRole('checkbox', { name: 'Only orders with a late parcel' }).check();
  await expect(orders.row('#5002')).toBeVisible();
  await expect(orders.row('#5001')).toHaveCount(0);
});
