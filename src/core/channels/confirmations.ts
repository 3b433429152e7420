/**
 * The protocol of shipping confirmations to a channel, as devices see it: the server logs every
 * step as a `marketplace_confirmation` order event (pull brings them), and these pure functions
 * read an order's events into the state of each parcel's confirmation. The attention rules and
 * the list filter ("marketplace refused") use the same reading.
 */
import type { OrderEvent } from '../model/events.ts';
import type { OrderConfirmationState } from '../model/order.ts';

export const CONFIRMATION_STATUSES = [
  'pending',
  'sent',
  'accepted',
  'refused',
  'failed',
  'needs_check',
  'cancelled',
  // The channel cannot take this (a changed tracking number, a parcel added after confirming);
  // the reason says why and what to do in the shop instead.
  'not_updatable',
] as const;
export type ConfirmationStatus = (typeof CONFIRMATION_STATUSES)[number];

export function isConfirmationStatus(value: unknown): value is ConfirmationStatus {
  return typeof value === 'string' && (CONFIRMATION_STATUSES as readonly string[]).includes(value);
}

/** One parcel's confirmation, as its latest logged step says. */
export interface ConfirmationState {
  confirmationId: string;
  channel: string;
  parcelId: string;
  trackingNumber: string;
  status: ConfirmationStatus;
  /** The channel's words when it refused, or why the server stopped trying. */
  reason: string;
  attempt: number;
  at: string;
}

export const CONFIRMATION_EVENT = 'marketplace_confirmation';

/** The event id of one step: unique per confirmation, status and attempt (logged once). */
export function confirmationEventId(
  confirmationId: string,
  status: ConfirmationStatus,
  attempt: number,
): string {
  return `${confirmationId}:${status}:${attempt}`;
}

function stateOf(event: OrderEvent): ConfirmationState | null {
  if (event.kind !== CONFIRMATION_EVENT || !event.data) return null;
  const d = event.data;
  if (!isConfirmationStatus(d['status']) || typeof d['confirmationId'] !== 'string') return null;
  return {
    confirmationId: d['confirmationId'],
    channel: typeof d['channel'] === 'string' ? d['channel'] : '',
    parcelId: typeof d['parcelId'] === 'string' ? d['parcelId'] : '',
    trackingNumber: typeof d['trackingNumber'] === 'string' ? d['trackingNumber'] : '',
    status: d['status'],
    reason: typeof d['reason'] === 'string' ? d['reason'] : '',
    attempt: typeof d['attempt'] === 'number' ? d['attempt'] : 0,
    at: event.at,
  };
}

/** Ranks steps of one confirmation logged at the same moment: later steps win. */
const STEP_RANK: Record<ConfirmationStatus, number> = {
  pending: 0,
  sent: 1,
  failed: 2,
  needs_check: 2,
  refused: 2,
  cancelled: 2,
  not_updatable: 2,
  accepted: 3,
};

/** Each confirmation's latest state, in the order the confirmations were first logged. */
export function confirmationsOf(events: readonly OrderEvent[]): ConfirmationState[] {
  const latest = new Map<string, ConfirmationState>();
  for (const event of events) {
    const state = stateOf(event);
    if (!state) continue;
    const seen = latest.get(state.confirmationId);
    const newer =
      !seen ||
      state.attempt > seen.attempt ||
      (state.attempt === seen.attempt &&
        (Date.parse(state.at) > Date.parse(seen.at) ||
          (state.at === seen.at && STEP_RANK[state.status] > STEP_RANK[seen.status])));
    if (newer) latest.set(state.confirmationId, state);
  }
  return [...latest.values()];
}

/** Whether any confirmation of the order was refused by the channel (and not accepted since). */
export function hasRefusedConfirmation(events: readonly OrderEvent[]): boolean {
  return confirmationsOf(events).some((c) => c.status === 'refused');
}

/**
 * One word for an order's confirmations (one per parcel), as the server writes it into the order:
 * a refusal wins (the seller must act), then one the server gave up on or must have checked, then
 * any still on its way; `accepted` only when every live parcel was taken (also when a changed
 * tracking number could not reach it: the channel has the parcel). `null` when none is
 * live (all cancelled, or none at all).
 */
export function orderConfirmationState(
  statuses: readonly ConfirmationStatus[],
): OrderConfirmationState | null {
  const live = statuses.filter((s) => s !== 'cancelled');
  if (live.length === 0) return null;
  if (live.includes('refused')) return 'refused';
  if (live.some((s) => s === 'failed' || s === 'needs_check')) return 'failed';
  if (live.some((s) => s === 'pending' || s === 'sent')) return 'pending';
  return 'accepted';
}
