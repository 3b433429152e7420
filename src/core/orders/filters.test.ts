import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  filterFromQuery,
  filterToQuery,
  isFiltered,
  parseQueryString,
  toggle,
  type OrderFilter,
} from './filters.ts';

describe('filter <-> URL query', () => {
  it.each<[string, Partial<OrderFilter>, Record<string, string>]>([
    ['the default', {}, {}],
    ['search text', { q: 'jürgen groß' }, { q: 'jürgen groß' }],
    ['statuses', { statuses: ['new', 'ready'] }, { status: 'new,ready' }],
    [
      'delivery and carriers',
      { delivery: ['in_transit'], carriers: ['dhl-paket'] },
      { delivery: 'in_transit', carrier: 'dhl-paket' },
    ],
    ['sources', { sources: ['etsy', 'manual'] }, { source: 'etsy,manual' }],
    ['a preset', { range: '7d' }, { range: '7d' }],
    ['all dates', { range: 'all' }, { range: 'all' }],
    [
      'a custom range',
      { range: 'custom', from: '2026-01-01', to: '2026-01-31' },
      { range: 'custom', from: '2026-01-01', to: '2026-01-31' },
    ],
    ['attention', { attention: true }, { attention: '1' }],
    ['a sort', { sort: 'buyer' }, { sort: 'buyer' }],
  ])('%s round-trips', (_name, partial, query) => {
    const filter: OrderFilter = { ...EMPTY_FILTER, ...partial };
    expect(filterToQuery(filter)).toEqual(query);
    expect(filterFromQuery(query)).toEqual(filter);
  });

  it.each<[Record<string, string>, Partial<OrderFilter>]>([
    [{ status: 'new,bogus,new' }, { statuses: ['new'] }],
    [{ delivery: 'teleported' }, {}],
    [{ carrier: 'DHL<script>' }, {}],
    [{ source: 'aliexpress' }, {}],
    [{ range: 'forever' }, {}],
    [{ range: '7d', from: '2026-01-01' }, { range: '7d' }],
    [{ range: 'custom', from: '2026-02-30' }, { range: 'custom' }],
    [{ attention: 'yes' }, {}],
    [{ sort: 'random' }, {}],
  ])('ignores what it does not know: %j', (query, partial) => {
    expect(filterFromQuery(query)).toEqual({ ...EMPTY_FILTER, ...partial });
  });

  it('leaves whitespace-only search out of the URL', () => {
    expect(filterToQuery({ ...EMPTY_FILTER, q: '   ' })).toEqual({});
  });
});

describe('parseQueryString', () => {
  it.each<[string, Record<string, string>]>([
    ['', {}],
    ['?q=j%C3%BCrgen+gro%C3%9F&status=new', { q: 'jürgen groß', status: 'new' }],
    ['order=shopify%3A%231042', { order: 'shopify:#1042' }],
    ['a=1&a=2', { a: '2' }],
    ['flag&x=%E0%A4%A', { flag: '' }],
  ])('%j', (search, expected) => {
    expect(parseQueryString(search)).toEqual(expected);
  });
});

describe('helpers', () => {
  it.each<[Partial<OrderFilter>, boolean]>([
    [{}, false],
    [{ sort: 'buyer' }, false],
    [{ q: 'x' }, true],
    [{ range: 'all' }, true],
    [{ attention: true }, true],
    [{ statuses: ['new'] }, true],
  ])('isFiltered(%j) = %s', (partial, expected) => {
    expect(isFiltered({ ...EMPTY_FILTER, ...partial })).toBe(expected);
  });

  it('toggles a value in a list', () => {
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggle(['a'], 'c')).toEqual(['a', 'c']);
  });
});
