/**
 * Expected delivery, learned from the seller's own parcels. Pure and clock-free: the device (and
 * the bench) feed it delivered parcels, and it answers, for a parcel on its way, the window it
 * usually arrives in and the day after which it is really late.
 *
 *   delivered parcels --add()--> histograms of working days, per group --model()--> percentiles
 *
 *   groups, most specific first (the first with enough parcels answers):
 *     carrier x destination country   ("dhl-paket to SE")
 *     carrier x domestic/international ("dhl-paket abroad")
 *     defaults per kind of carrier      (express, parcel, post; no sample, never "late")
 *
 * Durations are working days after the ship day, with the destination country's weekend (see
 * `working-days.ts`), so a parcel shipped on Friday is not "slow" for the weekend it waited. The
 * window is the 10th to 90th percentile (nearest rank); "late" is past the 95th percentile, and
 * only when at least `MIN_LATE_SAMPLES` parcels back it: below that, the fixed limits in Settings
 * decide. Outliers: a delivery before the ship day, or more than `MAX_PLAUSIBLE_WORKING_DAYS`
 * after it, is a data error (a parcel marked delivered months later while tidying up) and is
 * left out; a few slow parcels among many stay in and move only the top percentiles.
 */
import {
  addWorkingDayNumbers,
  dayNumber,
  dayOfNumber,
  weekendOf,
  workingDaysBetweenNumbers,
} from './working-days.ts';

export const WINDOW_FROM_PERCENTILE = 0.1;
export const WINDOW_TO_PERCENTILE = 0.9;
export const LATE_PERCENTILE = 0.95;
/** Parcels a group needs before its own window is shown instead of a wider group's. */
export const MIN_WINDOW_SAMPLES = 5;
/** Parcels a group needs before its 95th percentile may call a parcel late. */
export const MIN_LATE_SAMPLES = 20;
/** Longer than this between shipping and delivery is taken for a data error, in working days. */
export const MAX_PLAUSIBLE_WORKING_DAYS = 120;

/** A delivered parcel, as the learner takes it. */
export interface DeliverySample {
  carrierId?: string | undefined;
  /** Destination, ISO 3166-1 alpha-2. */
  country: string;
  domestic: boolean;
  /** `yyyy-mm-dd` */
  shippedAt: string;
  /** `yyyy-mm-dd` */
  deliveredAt: string;
}

/** What a window is looked up by. */
export interface ShipmentKey {
  carrierId?: string | undefined;
  country: string;
  domestic: boolean;
}

export interface GroupStats {
  sampleSize: number;
  /** Working days after the ship day at the 10th, 90th and 95th percentile. */
  p10: number;
  p90: number;
  p95: number;
}

/** The learned percentiles, by group key. Plain data: it can cross a worker boundary. */
export interface DeliveryModel {
  groups: ReadonlyMap<string, GroupStats>;
}

export type WindowBasis = 'carrier_country' | 'carrier_scope' | 'default';

export interface DeliveryWindow {
  /** Working days after the ship day. */
  fromDays: number;
  toDays: number;
  /** Parcels the window is based on; 0 for a default. */
  sampleSize: number;
  basis: WindowBasis;
}

export interface LateLimit {
  /** Late once more than this many working days have passed since the ship day. */
  afterDays: number;
  sampleSize: number;
  basis: Exclude<WindowBasis, 'default'>;
}

export type CarrierKind = 'express' | 'parcel' | 'post';

const EXPRESS: ReadonlySet<string> = new Set(['dhl-express', 'ups', 'fedex']);
const POST: ReadonlySet<string> = new Set([
  'usps',
  'royal-mail',
  'la-poste',
  'correos',
  'poste-italiane',
  'swiss-post',
  'austrian-post',
  'poczta-polska',
  'russian-post',
  'china-post',
  'canada-post',
  'australia-post',
  'postnord',
  'bring',
]);

/** Express couriers, national posts, and parcel carriers (everything else, seller's own too). */
export function carrierKindOf(carrierId: string | undefined): CarrierKind {
  if (carrierId === undefined) return 'post';
  if (EXPRESS.has(carrierId)) return 'express';
  if (POST.has(carrierId) || carrierId.startsWith('post-')) return 'post';
  return 'parcel';
}

/**
 * Windows before the seller has history, in working days after the ship day: what the carriers
 * advertise for their standard service (express next day at home, 1-3 days abroad; parcel
 * networks 1-2 days at home, 2-5 in Europe; letter post 1-3 at home and up to two weeks abroad).
 */
export const DEFAULT_WINDOWS: Readonly<
  Record<CarrierKind, Readonly<Record<'domestic' | 'international', readonly [number, number]>>>
> = {
  express: { domestic: [1, 1], international: [1, 3] },
  parcel: { domestic: [1, 2], international: [2, 5] },
  post: { domestic: [1, 3], international: [4, 12] },
};

const NO_CARRIER = '-';

function normalCountry(country: string): string {
  return country.trim().toUpperCase();
}

function countryKey(carrierId: string | undefined, country: string): string {
  return `c|${carrierId ?? NO_CARRIER}|${normalCountry(country)}`;
}

function scopeKey(carrierId: string | undefined, domestic: boolean): string {
  return `s|${carrierId ?? NO_CARRIER}|${domestic ? 'd' : 'i'}`;
}

/** Nearest-rank percentile of a histogram holding `n` values. */
function percentile(histogram: Uint32Array, n: number, p: number): number {
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (let days = 0; days < histogram.length; days++) {
    seen += histogram[days] as number;
    if (seen >= rank) return days;
  }
  return histogram.length - 1;
}

export interface DeliveryLearner {
  /** Adds one delivered parcel; false when it was left out (not a day, or an outlier). */
  add(sample: DeliverySample): boolean;
  /** Parcels taken in so far. */
  readonly size: number;
  model(): DeliveryModel;
}

/** A learner to feed parcel by parcel (the device feeds it in slices between frames). */
export function createDeliveryLearner(): DeliveryLearner {
  const histograms = new Map<string, { histogram: Uint32Array; n: number }>();
  let size = 0;
  const count = (key: string, days: number) => {
    let group = histograms.get(key);
    if (group === undefined) {
      group = { histogram: new Uint32Array(MAX_PLAUSIBLE_WORKING_DAYS + 1), n: 0 };
      histograms.set(key, group);
    }
    group.histogram[days] = (group.histogram[days] as number) + 1;
    group.n++;
  };
  return {
    add(sample) {
      const shipped = dayNumber(sample.shippedAt);
      const delivered = dayNumber(sample.deliveredAt);
      if (shipped === null || delivered === null || delivered < shipped) return false;
      const days = workingDaysBetweenNumbers(shipped, delivered, weekendOf(sample.country));
      if (days > MAX_PLAUSIBLE_WORKING_DAYS) return false;
      count(countryKey(sample.carrierId, sample.country), days);
      count(scopeKey(sample.carrierId, sample.domestic), days);
      size++;
      return true;
    },
    get size() {
      return size;
    },
    model() {
      const groups = new Map<string, GroupStats>();
      for (const [key, { histogram, n }] of histograms) {
        groups.set(key, {
          sampleSize: n,
          p10: percentile(histogram, n, WINDOW_FROM_PERCENTILE),
          p90: percentile(histogram, n, WINDOW_TO_PERCENTILE),
          p95: percentile(histogram, n, LATE_PERCENTILE),
        });
      }
      return { groups };
    },
  };
}

export function learnDeliveryModel(samples: Iterable<DeliverySample>): DeliveryModel {
  const learner = createDeliveryLearner();
  for (const sample of samples) learner.add(sample);
  return learner.model();
}

/** Whether two models call the same parcels late (same groups with a late limit, same limits). */
export function sameLateLimits(a: DeliveryModel, b: DeliveryModel): boolean {
  const limits = (model: DeliveryModel) => {
    const out = new Map<string, number>();
    for (const [key, stats] of model.groups)
      if (stats.sampleSize >= MIN_LATE_SAMPLES) out.set(key, stats.p95);
    return out;
  };
  const x = limits(a);
  const y = limits(b);
  if (x.size !== y.size) return false;
  for (const [key, p95] of x) if (y.get(key) !== p95) return false;
  return true;
}

export const EMPTY_DELIVERY_MODEL: DeliveryModel = { groups: new Map() };

function chain(key: ShipmentKey): [string, Exclude<WindowBasis, 'default'>][] {
  return [
    [countryKey(key.carrierId, key.country), 'carrier_country'],
    [scopeKey(key.carrierId, key.domestic), 'carrier_scope'],
  ];
}

/** The usual window for a shipment: the most specific group with enough parcels, else a default. */
export function deliveryWindow(model: DeliveryModel, key: ShipmentKey): DeliveryWindow {
  for (const [groupKey, basis] of chain(key)) {
    const stats = model.groups.get(groupKey);
    if (stats !== undefined && stats.sampleSize >= MIN_WINDOW_SAMPLES) {
      return { fromDays: stats.p10, toDays: stats.p90, sampleSize: stats.sampleSize, basis };
    }
  }
  const [fromDays, toDays] =
    DEFAULT_WINDOWS[carrierKindOf(key.carrierId)][key.domestic ? 'domestic' : 'international'];
  return { fromDays, toDays, sampleSize: 0, basis: 'default' };
}

/** The learned "late" limit, or `null` when no group has `MIN_LATE_SAMPLES` parcels. */
export function lateLimit(model: DeliveryModel, key: ShipmentKey): LateLimit | null {
  for (const [groupKey, basis] of chain(key)) {
    const stats = model.groups.get(groupKey);
    if (stats !== undefined && stats.sampleSize >= MIN_LATE_SAMPLES) {
      return { afterDays: stats.p95, sampleSize: stats.sampleSize, basis };
    }
  }
  return null;
}

export interface ExpectedDelivery {
  /** First and last day of the usual window, `yyyy-mm-dd`. */
  from: string;
  to: string;
  sampleSize: number;
  basis: WindowBasis;
  /** Last day that is still on time by the learned limit; absent without one. */
  lateAfter?: string;
  /** First day the parcel counts as late by the learned limit (a working day); absent without one. */
  lateFrom?: string;
}

/** The window in calendar days for a shipment that left on `shippedAt`; `null` without a day. */
export function expectedDelivery(
  model: DeliveryModel,
  shipment: ShipmentKey & { shippedAt: string },
): ExpectedDelivery | null {
  const shipped = dayNumber(shipment.shippedAt);
  if (shipped === null) return null;
  const mask = weekendOf(shipment.country);
  const window = deliveryWindow(model, shipment);
  const limit = lateLimit(model, shipment);
  return {
    from: dayOfNumber(addWorkingDayNumbers(shipped, window.fromDays, mask)),
    to: dayOfNumber(addWorkingDayNumbers(shipped, window.toDays, mask)),
    sampleSize: window.sampleSize,
    basis: window.basis,
    ...(limit !== null
      ? {
          lateAfter: dayOfNumber(addWorkingDayNumbers(shipped, limit.afterDays, mask)),
          lateFrom: dayOfNumber(addWorkingDayNumbers(shipped, limit.afterDays + 1, mask)),
        }
      : {}),
  };
}

export interface Lateness {
  /** Working days since the ship day. */
  workingDays: number;
  limit: LateLimit;
  late: boolean;
}

/**
 * Whether a parcel on its way is late on `today` by the learned limit; `null` when there is no
 * learned limit (the caller then applies the fixed one) or a day is missing.
 */
export function learnedLateness(
  model: DeliveryModel,
  shipment: ShipmentKey & { shippedAt: string },
  today: string,
): Lateness | null {
  const limit = lateLimit(model, shipment);
  if (limit === null) return null;
  const shipped = dayNumber(shipment.shippedAt);
  const now = dayNumber(today);
  if (shipped === null || now === null) return null;
  const workingDays = workingDaysBetweenNumbers(shipped, now, weekendOf(shipment.country));
  return { workingDays, limit, late: workingDays > limit.afterDays };
}
