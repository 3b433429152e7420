/**
 * Expected-delivery benchmark: learn the windows from 100,000 delivered parcels and give 10,000
 * shipped ones their window and late answer, in slices as the device does (`SLICE_BUDGET_MS`).
 * Prints one JSON object per line: learn_edd_100k_ms (the work, summed over its slices) and
 * learn_edd_longest_slice_ms. With `BENCH_EDD_REPORT=1` it also prints, to stderr, the windows
 * learned on the generated history and how many parcels the learned and the fixed rule call late.
 *
 *   npx tsx scripts/bench-delivery.ts
 */
import {
  createDeliveryLearner,
  deliveryWindow,
  expectedDelivery,
  learnedLateness,
  type DeliverySample,
} from '../src/core/delivery-estimate/index.ts';
import { addDays } from '../src/core/orders/date-range.ts';
import { daysBetween, DEFAULT_ATTENTION_THRESHOLDS } from '../src/core/workflow/attention.ts';
import { addWorkingDays } from '../src/core/delivery-estimate/index.ts';
import { seededRandom } from '../src/core/seeded-random.ts';

const DELIVERED = 100_000;
const SHIPPED = 10_000;
/** The device's slice budget (`src/platform/scheduling.ts`). */
const SLICE_BUDGET_MS = 8;
/** The generated history ends here; a fixed day keeps the report the same on every run. */
const TODAY = '2026-12-03';
const SHOP = 'DE';

const emit = (metric: string, value: number, unit: string) =>
  console.log(JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit }));

/** Routes of the generated shop: carrier, country, share, and working days (min, spread). */
const ROUTES = [
  { carrierId: 'dhl-paket', country: 'DE', share: 0.55, min: 1, spread: 2 },
  { carrierId: 'dhl-paket', country: 'AT', share: 0.1, min: 2, spread: 2 },
  { carrierId: 'dhl-paket', country: 'SE', share: 0.08, min: 3, spread: 3 },
  { carrierId: 'dpd', country: 'DE', share: 0.12, min: 1, spread: 1 },
  { carrierId: 'royal-mail', country: 'GB', share: 0.07, min: 4, spread: 6 },
  { carrierId: 'ups', country: 'US', share: 0.06, min: 3, spread: 4 },
  { carrierId: 'gls', country: 'IL', share: 0.02, min: 4, spread: 5 },
] as const;

function route(r: number) {
  let acc = 0;
  for (const candidate of ROUTES) {
    acc += candidate.share;
    if (r < acc) return candidate;
  }
  return ROUTES[0];
}

function generate(count: number, seed: number, delivered: boolean) {
  const rnd = seededRandom(seed);
  const out: (DeliverySample & { shippedAt: string })[] = [];
  for (let i = 0; i < count; i++) {
    const r = route(rnd());
    const shippedAt = addDays(TODAY, -(delivered ? 20 + Math.floor(rnd() * 340) : Math.floor(rnd() * 50)));
    // Mostly within the route's spread; 3 in 100 are stuck for weeks (outliers).
    const days = rnd() < 0.03 ? 15 + Math.floor(rnd() * 30) : r.min + Math.floor(rnd() * (r.spread + 1));
    out.push({
      carrierId: r.carrierId,
      country: r.country,
      domestic: r.country === SHOP,
      shippedAt,
      deliveredAt: addWorkingDays(shippedAt, days, r.country) as string,
    });
  }
  return out;
}

const history = generate(DELIVERED, 1, true);
const shipped = generate(SHIPPED, 2, false);

let worked = 0;
let longest = 0;
const learner = createDeliveryLearner();
let i = 0;
while (i < history.length) {
  const start = performance.now();
  while (i < history.length && performance.now() - start < SLICE_BUDGET_MS) {
    const end = Math.min(history.length, i + 500);
    for (; i < end; i++) learner.add(history[i] as DeliverySample);
  }
  const spent = performance.now() - start;
  worked += spent;
  longest = Math.max(longest, spent);
}
let start = performance.now();
const model = learner.model();
let spent = performance.now() - start;
worked += spent;
longest = Math.max(longest, spent);

let lateLearned = 0;
let lateFixed = 0;
let learnedOnly = 0;
let fixedOnly = 0;
let j = 0;
while (j < shipped.length) {
  start = performance.now();
  while (j < shipped.length && performance.now() - start < SLICE_BUDGET_MS) {
    const end = Math.min(shipped.length, j + 500);
    for (; j < end; j++) {
      const parcel = shipped[j] as DeliverySample;
      expectedDelivery(model, parcel);
      const learned = learnedLateness(model, parcel, TODAY);
      const limit = parcel.domestic
        ? DEFAULT_ATTENTION_THRESHOLDS.not_delivered_domestic
        : DEFAULT_ATTENTION_THRESHOLDS.not_delivered_international;
      const fixed = (daysBetween(parcel.shippedAt, TODAY) ?? 0) >= limit;
      const late = learned ? learned.late : fixed;
      if (late) lateLearned++;
      if (fixed) lateFixed++;
      if (late && !fixed) learnedOnly++;
      if (fixed && !late) fixedOnly++;
    }
  }
  spent = performance.now() - start;
  worked += spent;
  longest = Math.max(longest, spent);
}

emit('learn_edd_100k_ms', worked, 'ms');
emit('learn_edd_longest_slice_ms', longest, 'ms');

if (process.env['BENCH_EDD_REPORT'] === '1') {
  const rows = ROUTES.map((r) => {
    const key = { carrierId: r.carrierId, country: r.country, domestic: r.country === SHOP };
    const w = deliveryWindow(model, key);
    const stats = model.groups.get(`c|${r.carrierId}|${r.country}`);
    return `${r.carrierId} -> ${r.country}: ${w.fromDays}-${w.toDays} working days (p95 ${stats?.p95}), n=${w.sampleSize}`;
  });
  console.error(
    ['windows learned (10th-90th percentile, working days after the ship day):', ...rows].join('\n'),
  );
  console.error(
    `of ${SHIPPED} parcels on their way on ${TODAY}: late by the learned rule ${lateLearned}, ` +
      `by the fixed 10/45 days ${lateFixed}; only by the learned rule ${learnedOnly}, only by the fixed ${fixedOnly}`,
  );
}
