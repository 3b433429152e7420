/**
 * "We are preparing your order": the e-mail the seller's rule (`preparingOnImport`) sends to the
 * buyer of every order an import adds. Decided on the device, in the import's own commit (the
 * requests follow the import's mutations in the outbox, so the server has the order first); an
 * order updated by a re-import was announced when it was new and is not announced again.
 */

import type { Order } from '../model/order.ts';
import type { OrderEvent } from '../model/events.ts';
import type { PendingMutation } from '../model/outbox.ts';
import type { NotificationSettings } from '../settings.ts';
import { notificationRequest, refusalFor, type RequestIds } from './auto.ts';

export interface PreparingRequests {
  events: OrderEvent[];
  mutations: PendingMutation[];
}

/** Requests for the new orders of an import, none when the rule is off. */
export function preparingRequests(
  newOrders: readonly Order[],
  settings: NotificationSettings,
  at: string,
  newIds: () => RequestIds,
): PreparingRequests {
  const events: OrderEvent[] = [];
  const mutations: PendingMutation[] = [];
  if (!settings.preparingOnImport) return { events, mutations };
  for (const order of newOrders) {
    if (refusalFor(order, 'email', settings) !== null) continue;
    const { event, mutation } = notificationRequest(
      order.id,
      { kind: 'preparing', channel: 'email' },
      newIds(),
      at,
    );
    events.push(event);
    mutations.push(mutation);
  }
  return { events, mutations };
}
