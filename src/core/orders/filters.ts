/**
 * The orders list's filter: what the seller searched, filtered and sorted by. It lives in the URL
 * (so the back button, a reload and a shared link keep it), so it converts to and from a flat
 * query object; anything unknown in a URL is dropped rather than trusted.
 *
 * URL keys: `q` search text, `status`, `delivery`, `carrier`, `source` (comma lists), `range`
 * (a `DatePreset`; absent means the default, last 30 days), `from`/`to` (custom range days),
 * `attention=1`, `late=1`, `refused=1`, `sort`. Defaults are left out of the URL, so an untouched list has a clean one.
 */
import { ORDER_SOURCES, type OrderSource } from '../ids.ts';
import { ORDER_STATUSES, type OrderStatus } from '../model/order.ts';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../model/parcel.ts';
import { DEFAULT_DATE_PRESET, isDatePreset, isDay, type DatePreset } from './date-range.ts';

export const SORT_KEYS = ['date_desc', 'date_asc', 'status', 'buyer', 'late'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const DEFAULT_SORT: SortKey = 'date_desc';

export interface OrderFilter {
  q: string;
  statuses: readonly OrderStatus[];
  delivery: readonly DeliveryStatus[];
  carriers: readonly string[];
  sources: readonly OrderSource[];
  range: DatePreset;
  /** Custom range bounds, `yyyy-mm-dd`; used when `range === 'custom'`. */
  from?: string;
  to?: string;
  attention: boolean;
  /** Only orders with a parcel that is late (not delivered in its usual time or the fixed limit). */
  late: boolean;
  /** Only orders whose shop refused the shipping confirmation ("marketplace refused"). */
  refused: boolean;
  sort: SortKey;
}

export const EMPTY_FILTER: OrderFilter = {
  q: '',
  statuses: [],
  delivery: [],
  carriers: [],
  sources: [],
  range: DEFAULT_DATE_PRESET,
  attention: false,
  late: false,
  refused: false,
  sort: DEFAULT_SORT,
};

/** Query keys the filter owns; other keys (like the open order) belong to the screen. */
export const FILTER_KEYS = [
  'q',
  'status',
  'delivery',
  'carrier',
  'source',
  'range',
  'from',
  'to',
  'attention',
  'late',
  'refused',
  'sort',
] as const;

const CARRIER_ID_RE = /^[a-z0-9][a-z0-9-]{0,40}$/;

function listOf<T extends string>(value: string | undefined, allowed: (v: string) => v is T): T[] {
  if (!value) return [];
  const seen = new Set<T>();
  for (const part of value.split(',')) {
    const item = part.trim();
    if (allowed(item)) seen.add(item);
  }
  return [...seen];
}

const isIn =
  <T extends string>(values: readonly T[]) =>
  (v: string): v is T =>
    (values as readonly string[]).includes(v);

/** The filter a URL query describes; unknown values are ignored. */
export function filterFromQuery(query: Readonly<Record<string, string>>): OrderFilter {
  const range =
    query['range'] !== undefined && isDatePreset(query['range']) ? query['range'] : DEFAULT_DATE_PRESET;
  const sort = (SORT_KEYS as readonly string[]).includes(query['sort'] ?? '')
    ? (query['sort'] as SortKey)
    : DEFAULT_SORT;
  const from = query['from'];
  const to = query['to'];
  return {
    q: (query['q'] ?? '').slice(0, 200),
    statuses: listOf(query['status'], isIn(ORDER_STATUSES)),
    delivery: listOf(query['delivery'], isIn(DELIVERY_STATUSES)),
    carriers: listOf(query['carrier'], (v): v is string => CARRIER_ID_RE.test(v)),
    sources: listOf(query['source'], isIn(ORDER_SOURCES)),
    range,
    ...(range === 'custom' && from !== undefined && isDay(from) ? { from } : {}),
    ...(range === 'custom' && to !== undefined && isDay(to) ? { to } : {}),
    attention: query['attention'] === '1',
    late: query['late'] === '1',
    refused: query['refused'] === '1',
    sort,
  };
}

/** The URL query of a filter, defaults left out. */
export function filterToQuery(filter: OrderFilter): Record<string, string> {
  const query: Record<string, string> = {};
  if (filter.q.trim() !== '') query['q'] = filter.q;
  if (filter.statuses.length) query['status'] = filter.statuses.join(',');
  if (filter.delivery.length) query['delivery'] = filter.delivery.join(',');
  if (filter.carriers.length) query['carrier'] = filter.carriers.join(',');
  if (filter.sources.length) query['source'] = filter.sources.join(',');
  if (filter.range !== DEFAULT_DATE_PRESET) query['range'] = filter.range;
  if (filter.range === 'custom' && filter.from) query['from'] = filter.from;
  if (filter.range === 'custom' && filter.to) query['to'] = filter.to;
  if (filter.attention) query['attention'] = '1';
  if (filter.late) query['late'] = '1';
  if (filter.refused) query['refused'] = '1';
  if (filter.sort !== DEFAULT_SORT) query['sort'] = filter.sort;
  return query;
}

/** Parses `a=1&b=2` (with or without `?`) into an object; the last of a repeated key wins. */
export function parseQueryString(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    try {
      query[decodeURIComponent(rawKey.replace(/\+/g, ' '))] = decodeURIComponent(
        rawValue.replace(/\+/g, ' '),
      );
    } catch {
      // A malformed escape in a hand-edited URL: skip that part.
    }
  }
  return query;
}

/** Whether any filter other than sorting and the default date range is active. */
export function isFiltered(filter: OrderFilter): boolean {
  return (
    filter.q.trim() !== '' ||
    filter.statuses.length > 0 ||
    filter.delivery.length > 0 ||
    filter.carriers.length > 0 ||
    filter.sources.length > 0 ||
    filter.range !== DEFAULT_DATE_PRESET ||
    filter.attention ||
    filter.late ||
    filter.refused
  );
}

/** Toggles one value in a list filter, keeping the others' order. */
export function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}
