import { describe, expect, it } from 'vitest';
import { createSearchIndex, query, removeEntry, upsertEntry, type SearchEntry } from './search-index.ts';
import { SPELLING_ENTRIES } from './test-corpus.ts';

const ENTRIES: readonly SearchEntry[] = SPELLING_ENTRIES;

describe('query', () => {
  const index = createSearchIndex(ENTRIES);

  it.each([
    ['jurgen gross', ['a']],
    ['Jürgen Groß', ['a']],
    ['jur gro', ['a']],
    ['juergen', ['a', 'b']],
    ['jürgen', ['a', 'b']],
    ['jurgen', ['a']],
    ['mueller', ['b']],
    ['müller', ['b']],
    ['muller', []],
    ['asa angstrom malmo', ['c']],
    ['ÄNGSTRÖM', ['c']],
    ['федор', ['d']],
    ['фёд ива', ['d']],
    ['моск', ['d']],
    ['lukasz walesa krakow', ['e']],
    ['soren', ['f']],
    ['soeren kobenhavn', ['f']],
    ['isil izmir', ['g']],
    ['gross hamburg', []],
    ['', []],
    ['   ', []],
  ])('%j finds %j', (text, ids) => {
    expect(query(index, text)).toEqual(ids);
  });

  it.each([
    ['114-3941689-8772232', ['a']],
    ['1143941689', ['a']],
    ['3941689-877', ['a']],
    ['3941689 8772232', ['a']],
    ['12-34567', ['b']],
    ['34567-89', ['b']],
    ['1042', ['c']],
    ['#1043', ['d']],
    ['0034 0434 1698 7654 3210', ['c']],
    ['jjd000390007', ['b']],
    ['JJD 0003 90007', ['b']],
    ['90007', ['b']],
    ['01067', ['a']],
    ['211 20', ['c']],
    ['amazon 114', ['a']],
  ])('code %j finds %j', (text, ids) => {
    expect(query(index, text)).toEqual(ids);
  });

  it('does not substring-match words without digits', () => {
    expect(query(index, 'rgen')).toEqual([]);
  });
});

describe('live updates', () => {
  it('adds, updates and removes entries', () => {
    const index = createSearchIndex(ENTRIES);
    upsertEntry(index, { id: 'h', fields: ['manual:10', 'Zoë Ångqvist', 'TRK-555-777'] });
    expect(query(index, 'zoe')).toEqual(['h']);
    expect(query(index, '555777')).toEqual(['h']);

    upsertEntry(index, { id: 'a', fields: ['amazon:114-3941689-8772232', 'Jürgen Schmidt', 'Leipzig'] });
    expect(query(index, 'gross')).toEqual([]);
    expect(query(index, 'schmidt leipzig')).toEqual(['a']);
    expect(query(index, '3941689')).toEqual(['a']);
    expect(query(index, '01067')).toEqual([]);

    removeEntry(index, 'a');
    expect(query(index, 'schmidt')).toEqual([]);
    expect(query(index, '3941689')).toEqual([]);
    expect(query(index, 'juergen')).toEqual(['b']);
    expect(index.size).toBe(ENTRIES.length);

    removeEntry(index, 'not-there');
    upsertEntry(index, { id: 'a', fields: ['Jürgen Groß'] });
    expect(query(index, 'gross')).toEqual(['a']);
  });

  it('stays correct across many edits (merges and rebuilds)', () => {
    const entries = Array.from({ length: 500 }, (_, i) => ({
      id: `o${i}`,
      fields: [`order-${i}`, `name${i}`],
    }));
    const index = createSearchIndex(entries);
    for (let i = 0; i < 5000; i++) {
      upsertEntry(index, { id: `o${i % 500}`, fields: [`order-${i}`, `renamed${i}`, `word${i}x`] });
    }
    expect(query(index, 'renamed4999')).toEqual(['o499']);
    expect(query(index, 'order-4998')).toEqual(['o498']);
    expect(query(index, 'renamed0')).toEqual([]);
    expect(query(index, 'name12')).toEqual([]);
    expect(query(index, 'word4999x')).toEqual(['o499']);
  });
});

describe('plain ASCII fields', () => {
  // Split by a pass over the characters, not by the Unicode expressions: the same words and codes.
  const index = createSearchIndex([
    { id: 'p', fields: ["O'Brien_Smith", 'x.y+shop@mail-box.example', 'AB 12/34'] },
    { id: 'q', fields: ['ZIP:04109\tLeipzig', 'sku~7~blue'] },
  ]);
  it.each([
    ['brien', ['p']],
    ['smith', ['p']],
    ['o brien', ['p']],
    ['shop', ['p']],
    ['mail box', ['p']],
    ['ab12', ['p']],
    ['12 34', ['p']],
    ['leipzig', ['q']],
    ['04109', ['q']],
    ['zip04109', []],
    ['blue', ['q']],
    ['sku 7', ['q']],
  ])('%j finds %j', (text, ids) => {
    expect(query(index, text)).toEqual(ids);
  });
});

describe('an index filled one entry at a time', () => {
  const CITIES = ['Dresden', 'Malmö', 'Kraków', 'København', 'Zürich'];
  const NAMES = ['Jürgen Groß', 'Åsa Ängström', 'Фёдор Иванов', 'Søren Nowak', 'Zoë Rossi'];
  // Enough entries to pass both side lists' thresholds several times, and the field memo's size.
  const entries: SearchEntry[] = Array.from({ length: 30_000 }, (_, i) => ({
    id: `o${i}`,
    fields: [
      `${100 + (i % 900)}-${String(i).padStart(7, '0')}`,
      NAMES[i % NAMES.length] as string,
      CITIES[i % CITIES.length] as string,
      `buyer${i}@example.com`,
      `w${i}`,
    ],
  }));
  const built = createSearchIndex(entries);
  const grown = createSearchIndex([]);
  for (const entry of entries) upsertEntry(grown, entry);

  it.each([
    'jurgen',
    'soeren nowak',
    'malmo',
    'федор',
    '0012345',
    '123-00',
    'buyer2999',
    'w29999',
    'w1',
    'example.com',
  ])('%j finds what a built index finds', (text) => {
    const expected = query(built, text);
    expect(expected.length).toBeGreaterThan(0);
    expect(query(grown, text)).toEqual(expected);
  });
});

describe('a field of any length', () => {
  it('is indexed, a long code too', () => {
    const long = '12345-'.repeat(200_000);
    const index = createSearchIndex([{ id: 'a', fields: [long, 'Anna'] }]);
    expect(query(index, '5-12345-1234')).toEqual(['a']);
    expect(query(index, 'anna')).toEqual(['a']);
  });
});
