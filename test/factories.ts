/** Test data factories: a valid object by default, with the fields a test cares about overridden. */
import { orderIdOf, randomId, type EventId, type OrderSource, type ParcelId } from '../src/core/ids.ts';
import type { Order } from '../src/core/model/order.ts';
import type { OrderEvent } from '../src/core/model/events.ts';
import type { Parcel } from '../src/core/model/parcel.ts';

let sequence = 0;

export function makeOrder(
  overrides: Partial<Order> & { source?: OrderSource; externalId?: string } = {},
): Order {
  sequence += 1;
  const source = overrides.source ?? 'shopify';
  const externalId = overrides.externalId ?? `#${1000 + sequence}`;
  const at = '2026-11-20T10:00:00.000Z';
  return {
    id: orderIdOf(source, externalId),
    source,
    externalId,
    orderedAt: '2026-11-20',
    buyer: { name: 'Jürgen Groß', email: 'juergen@example.de' },
    address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', country: 'DE' },
    lines: [{ sku: 'MUG-1', title: 'Mug', quantity: 1 }],
    status: 'new',
    notes: '',
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function makeEvent(overrides: Partial<OrderEvent> = {}): OrderEvent {
  return {
    id: randomId() as EventId,
    orderId: null,
    kind: 'created',
    at: new Date().toISOString(),
    ...overrides,
  };
}

export function makeParcel(overrides: Partial<Parcel> & Pick<Parcel, 'orderId'>): Parcel {
  return {
    id: randomId() as ParcelId,
    trackingNumber: '00340434161234567890',
    deliveryStatus: 'pending',
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}
