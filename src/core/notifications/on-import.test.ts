import { describe, expect, it } from 'vitest';
import { makeOrder } from '../../../test/factories.ts';
import type { EventId } from '../ids.ts';
import { parseMutation } from '../protocol/mutations.ts';
import type { Order } from '../model/order.ts';
import { DEFAULT_SETTINGS, type NotificationSettings } from '../settings.ts';
import { preparingRequests } from './on-import.ts';

const AT = '2026-11-22T08:00:00.000Z';
let n = 0;
const ids = () => {
  n++;
  return {
    notificationId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    eventId: `e-${n}` as EventId,
  };
};
const RULES = { ...DEFAULT_SETTINGS.notifications, preparingOnImport: true };
const withEmail = makeOrder({ source: 'shopify', buyer: { name: 'Åsa', email: 'asa@example.com' } });
const noEmail = makeOrder({ source: 'shopify', buyer: { name: 'Bo' } });
const amazon = makeOrder({ source: 'amazon', buyer: { name: 'Cy', email: 'cy@example.com' } });

describe('preparingRequests', () => {
  it.each<[string, NotificationSettings, Order[], number]>([
    ['rule off: nothing', { ...RULES, preparingOnImport: false }, [withEmail], 0],
    ['an order with an e-mail address', RULES, [withEmail], 1],
    ['no e-mail address: nothing to send to', RULES, [noEmail], 0],
    ['Amazon buyers are never written to', { ...RULES, excludedSources: [] }, [amazon], 0],
    ['a marketplace the seller excluded', { ...RULES, excludedSources: ['shopify'] }, [withEmail], 0],
    ['several', RULES, [withEmail, noEmail, makeOrder({ buyer: { name: 'D', email: 'd@example.com' } })], 2],
  ])('%s', (_name, rules, orders, expected) => {
    const { events, mutations } = preparingRequests(orders, rules, AT, ids);
    expect(events).toHaveLength(expected);
    expect(mutations).toHaveLength(expected);
  });

  it('makes a valid notify.request per order and the matching history event', () => {
    const { events, mutations } = preparingRequests([withEmail], RULES, AT, ids);
    const parsed = parseMutation(mutations[0]!.name, mutations[0]!.args);
    expect(parsed.ok).toBe(true);
    expect(mutations[0]).toMatchObject({
      name: 'notify.request',
      args: { orderId: withEmail.id, kind: 'preparing', channel: 'email', at: AT },
    });
    expect(events[0]).toMatchObject({
      orderId: withEmail.id,
      kind: 'notification_requested',
      data: { kind: 'preparing', channel: 'email' },
    });
  });
});
