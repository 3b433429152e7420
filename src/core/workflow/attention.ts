/**
 * "Needs attention": why an order should be looked at today. The rules are data (id, message
 * key, default threshold in days) with a pure check each; thresholds are the seller's settings,
 * passed in, and so is "today": nothing here reads a clock, so the answer for a given day is
 * always the same and tests pin the boundaries.
 *
 * Day counting is by calendar days between `yyyy-mm-dd` dates (no time of day, no time zone):
 * an order of 2026-03-01 is 7 days old on 2026-03-08. "Not shipped N days after ordering" means
 * age >= N: with the default 7, day 6 is fine and day 7 is flagged.
 *
 * A parcel on its way is late by what the seller's own history says when it says enough: past
 * the 95th percentile of that carrier's parcels to that country (`src/core/delivery-estimate/`,
 * counted in working days). Without a learned limit, the fixed "not delivered" thresholds apply.
 */
import type { WorkflowMessageKey } from '../i18n/messages/workflow.ts';
import type { ParcelId } from '../ids.ts';
import type { Order, OrderStatus } from '../model/order.ts';
import type { DeliveryStatus, Parcel } from '../model/parcel.ts';
import { learnedLateness, type DeliveryModel } from '../delivery-estimate/learn.ts';
import { isDomestic } from '../delivery-estimate/shipment.ts';

export { isDomestic };

export const ATTENTION_RULE_IDS = [
  'not_shipped',
  'not_delivered_domestic',
  'not_delivered_international',
  'parcel_problem',
  'on_hold',
  'tracking_invalid',
  'confirmation_refused',
  'not_confirmed',
] as const;
export type AttentionRuleId = (typeof ATTENTION_RULE_IDS)[number];

/** The rules whose threshold the seller can edit. */
export type ThresholdRuleId = 'not_shipped' | 'not_delivered_domestic' | 'not_delivered_international';
export type AttentionThresholds = Partial<Record<ThresholdRuleId, number>>;

export interface AttentionReason {
  ruleId: AttentionRuleId;
  messageKey: WorkflowMessageKey;
  /** Message parameters: `count` (days) and `trackingNumber` where the message has them. */
  params: Record<string, string | number>;
  /** The parcel the reason is about, for reasons about one parcel. */
  parcelId?: ParcelId;
}

export type TrackingValidator = (parcel: Pick<Parcel, 'trackingNumber' | 'carrierId'>) => boolean;

export interface AttentionOptions {
  /** The seller's calendar day, `yyyy-mm-dd`. */
  today: string;
  /** Overrides of the default thresholds, in days. */
  thresholds?: AttentionThresholds;
  /** ISO alpha-2 of the shop; a parcel to the same country is domestic. Absent: all international. */
  shopCountry?: string;
  /** The carrier module's check-digit test; the rule is skipped without one. */
  isTrackingValid?: TrackingValidator;
  /** Rules the seller switched off. */
  disabled?: readonly AttentionRuleId[];
  /** Delivery times learned from the seller's parcels; a learned limit overrides the fixed one. */
  deliveryModel?: DeliveryModel;
  /**
   * The moment, ISO 8601, for the rule counted in hours ("not confirmed 24 h after shipping").
   * Absent: that rule counts calendar days like the others (flagged from the next day on).
   */
  now?: string;
}

interface RuleContext {
  order: Order;
  parcels: readonly Parcel[];
  today: string;
  threshold: number;
  opts: AttentionOptions;
}

export interface AttentionRule {
  id: AttentionRuleId;
  /** The rule's label in Settings. */
  labelKey: WorkflowMessageKey;
  /** Default threshold in days; `null` for rules without one. */
  defaultThresholdDays: number | null;
  check(ctx: RuleContext): AttentionReason[];
}

/** Statuses in which nothing more is expected to happen to an order. */
const CLOSED: readonly OrderStatus[] = ['delivered', 'wont_ship', 'returned'];
const NOT_SHIPPED: readonly OrderStatus[] = ['new', 'preparing', 'ready', 'partially_shipped'];
const PARCEL_PROBLEMS = ['failed_attempt', 'exception', 'expired', 'returned'] as const;
type ParcelProblem = (typeof PARCEL_PROBLEMS)[number];
const PARCEL_DONE: readonly DeliveryStatus[] = ['delivered', 'returned'];

/**
 * Days from `from` to `to`, both `yyyy-mm-dd`, by calendar; `null` if either is not a date.
 * Computed on UTC midnights, so daylight saving never makes a day 23 or 25 hours long.
 */
export function daysBetween(from: string, to: string): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : b - a;
}

/**
 * The last two days `dayNumber` read: every order of a pass compares its own day with the same
 * today, so a pass alternates between the two.
 */
const lastDays: { date: string; number: number | null }[] = [
  { date: '', number: null },
  { date: '', number: null },
];
let olderDay = 0;

/**
 * Days since 1970-01-01 of a `yyyy-mm-dd` day (month and day roll over as `Date.UTC` does);
 * `null` for anything else. Read digit by digit: it runs for every order on every attention pass.
 */
function dayNumber(date: string): number | null {
  for (const day of lastDays) if (day.date === date) return day.number;
  let number: number | null = null;
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    let y = 0;
    let m = 0;
    let d = 0;
    let digits = true;
    for (let i = 0; i < 10 && digits; i++) {
      if (i === 4 || i === 7) continue;
      const digit = date.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) digits = false;
      else if (i < 4) y = y * 10 + digit;
      else if (i < 7) m = m * 10 + digit;
      else d = d * 10 + digit;
    }
    if (digits) number = Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
  }
  const replaced = lastDays[olderDay] as { date: string; number: number | null };
  replaced.date = date;
  replaced.number = number;
  olderDay = 1 - olderDay;
  return number;
}

function notDeliveredRule(
  id: 'not_delivered_domestic' | 'not_delivered_international',
  labelKey: WorkflowMessageKey,
  defaultThresholdDays: number,
  domestic: boolean,
): AttentionRule {
  return {
    id,
    labelKey,
    defaultThresholdDays,
    check: ({ order, parcels, today, threshold, opts }) => {
      if (CLOSED.includes(order.status)) return [];
      if (isDomestic(order.address.country, opts.shopCountry) !== domestic) return [];
      const reasons: AttentionReason[] = [];
      for (const parcel of parcels) {
        // Without a ship date there is nothing to count from; the not-shipped rule covers the order.
        if (parcel.shippedAt === undefined || PARCEL_DONE.includes(parcel.deliveryStatus)) continue;
        const days = daysBetween(parcel.shippedAt, today);
        if (days === null) continue;
        const learned =
          opts.deliveryModel &&
          learnedLateness(
            opts.deliveryModel,
            {
              carrierId: parcel.carrierId,
              country: order.address.country.trim().toUpperCase(),
              domestic,
              shippedAt: parcel.shippedAt,
            },
            today,
          );
        if (learned) {
          if (!learned.late) continue;
          reasons.push({
            ruleId: id,
            messageKey: 'attention.late',
            params: { count: days, trackingNumber: parcel.trackingNumber },
            parcelId: parcel.id,
          });
          continue;
        }
        if (days < threshold) continue;
        reasons.push({
          ruleId: id,
          messageKey: 'attention.notDelivered',
          params: { count: days, trackingNumber: parcel.trackingNumber },
          parcelId: parcel.id,
        });
      }
      return reasons;
    },
  };
}

/**
 * The default thresholds in days, for the rules and for Settings to show and reset to.
 *
 * 7 days to ship is a common marketplace handling-time ceiling, so an order older
 * than that is late by the buyer's standard. 45 days abroad covers slow economy post across
 * continents. Domestic is 10 days: a national parcel or letter service delivers in 1-3 working
 * days, so 10 calendar days (which always spans at least one weekend, often a holiday too) is
 * more than three times the normal time, means something is really wrong, and still leaves time
 * to open a trace with the carrier before the buyer complains.
 */
export const DEFAULT_ATTENTION_THRESHOLDS: Readonly<Required<AttentionThresholds>> = {
  not_shipped: 7,
  not_delivered_domestic: 10,
  not_delivered_international: 45,
};

/** The rules, in the order their reasons are listed. */
export const ATTENTION_RULES: readonly AttentionRule[] = [
  {
    id: 'not_shipped',
    labelKey: 'attention.rule.not_shipped',
    defaultThresholdDays: DEFAULT_ATTENTION_THRESHOLDS.not_shipped,
    check: ({ order, today, threshold }) => {
      if (!NOT_SHIPPED.includes(order.status)) return [];
      const days = daysBetween(order.orderedAt, today);
      if (days === null || days < threshold) return [];
      return [{ ruleId: 'not_shipped', messageKey: 'attention.notShipped', params: { count: days } }];
    },
  },
  notDeliveredRule(
    'not_delivered_domestic',
    'attention.rule.not_delivered_domestic',
    DEFAULT_ATTENTION_THRESHOLDS.not_delivered_domestic,
    true,
  ),
  notDeliveredRule(
    'not_delivered_international',
    'attention.rule.not_delivered_international',
    DEFAULT_ATTENTION_THRESHOLDS.not_delivered_international,
    false,
  ),
  {
    id: 'parcel_problem',
    labelKey: 'attention.rule.parcel_problem',
    defaultThresholdDays: null,
    check: ({ order, parcels }) => {
      // A `returned` order is the seller's acknowledgement of the returned parcel.
      if (order.status === 'returned' || order.status === 'wont_ship') return [];
      return parcels
        .filter((parcel) => (PARCEL_PROBLEMS as readonly DeliveryStatus[]).includes(parcel.deliveryStatus))
        .map((parcel) => ({
          ruleId: 'parcel_problem' as const,
          messageKey: `attention.parcel.${parcel.deliveryStatus as ParcelProblem}` as const,
          params: { trackingNumber: parcel.trackingNumber },
          parcelId: parcel.id,
        }));
    },
  },
  {
    id: 'on_hold',
    labelKey: 'attention.rule.on_hold',
    defaultThresholdDays: null,
    check: ({ order }) => {
      if (order.status !== 'on_hold') return [];
      const reason = order.statusReason;
      const messageKey: WorkflowMessageKey =
        reason === 'address_problem' || reason === 'out_of_stock' || reason === 'waiting_for_payment'
          ? `attention.onHold.${reason}`
          : 'attention.onHold.other';
      return [{ ruleId: 'on_hold', messageKey, params: {} }];
    },
  },
  {
    id: 'tracking_invalid',
    labelKey: 'attention.rule.tracking_invalid',
    defaultThresholdDays: null,
    check: ({ order, parcels, opts }) => {
      const isValid = opts.isTrackingValid;
      if (!isValid || CLOSED.includes(order.status)) return [];
      return parcels
        .filter((parcel) => !isValid(parcel))
        .map((parcel) => ({
          ruleId: 'tracking_invalid' as const,
          messageKey: 'attention.trackingInvalid' as const,
          params: { trackingNumber: parcel.trackingNumber },
          parcelId: parcel.id,
        }));
    },
  },
  {
    id: 'confirmation_refused',
    labelKey: 'attention.rule.confirmation_refused',
    defaultThresholdDays: null,
    check: ({ order }) =>
      order.confirmation?.state === 'refused' && order.status !== 'wont_ship' && order.status !== 'returned'
        ? [
            {
              ruleId: 'confirmation_refused',
              messageKey: 'attention.confirmationRefused',
              params: { reason: order.confirmation.reason ?? '' },
            },
          ]
        : [],
  },
  {
    id: 'not_confirmed',
    labelKey: 'attention.rule.not_confirmed',
    defaultThresholdDays: null,
    check: ({ order, opts }) => {
      const c = order.confirmation;
      // A refusal has its own rule; an accepted one is done.
      if (!c || (c.state !== 'pending' && c.state !== 'failed')) return [];
      if (order.status === 'wont_ship' || order.status === 'returned') return [];
      return confirmationOverdue(c.since, opts)
        ? [{ ruleId: 'not_confirmed', messageKey: 'attention.notConfirmed', params: {} }]
        : [];
    },
  },
];

/** How long a connected shop may take to confirm a shipment before the order is flagged. */
export const CONFIRMATION_GRACE_MS = 24 * 60 * 60_000;

/** Whether a confirmation queued at `since` is overdue (see `AttentionOptions.now`). */
function confirmationOverdue(since: string, opts: AttentionOptions): boolean {
  if (opts.now !== undefined) {
    const at = Date.parse(since);
    const now = Date.parse(opts.now);
    return Number.isFinite(at) && Number.isFinite(now) && now - at >= CONFIRMATION_GRACE_MS;
  }
  const days = daysBetween(since.slice(0, 10), opts.today);
  return days !== null && days >= 1;
}

/**
 * The next moment after `now` (ISO 8601) at which this order's attention changes without the
 * order itself changing: when its queued shipping confirmation turns 24 h old. The calendar-day
 * rules change at midnight and are not counted here. Null when nothing is due.
 */
export function attentionChangesAt(order: Order, now: string): string | null {
  const c = order.confirmation;
  if (!c || (c.state !== 'pending' && c.state !== 'failed')) return null;
  if (order.status === 'wont_ship' || order.status === 'returned') return null;
  const due = Date.parse(c.since) + CONFIRMATION_GRACE_MS;
  const at = Date.parse(now);
  if (!Number.isFinite(due) || !Number.isFinite(at) || due <= at) return null;
  return new Date(due).toISOString();
}

/** Whether a reason says a parcel is late (by its learned window or by the fixed limit). */
export function isLateReason(reason: Pick<AttentionReason, 'ruleId'>): boolean {
  return reason.ruleId === 'not_delivered_domestic' || reason.ruleId === 'not_delivered_international';
}

/**
 * Why this order needs attention on `opts.today`; empty when it does not. `parcels` may contain
 * other orders' parcels; only this order's are looked at.
 */
export function attentionReasons(
  order: Order,
  parcels: readonly Parcel[],
  opts: AttentionOptions,
): AttentionReason[] {
  const own = parcels.length === 0 ? parcels : parcels.filter((parcel) => parcel.orderId === order.id);
  const reasons: AttentionReason[] = [];
  for (const rule of ATTENTION_RULES) {
    if (opts.disabled?.includes(rule.id)) continue;
    const configured = (opts.thresholds as Partial<Record<AttentionRuleId, number>> | undefined)?.[rule.id];
    const threshold = configured ?? rule.defaultThresholdDays ?? 0;
    const found = rule.check({ order, parcels: own, today: opts.today, threshold, opts });
    for (const reason of found) reasons.push(reason);
  }
  return reasons;
}
