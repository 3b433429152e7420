import { describe, expect, it } from 'vitest';
import {
  flatBuffers,
  matchFlat,
  packedBuffers,
  packEntries,
  unpackEntries,
  type FlatIndex,
  type SlotEntry,
} from './flat-index.ts';
import {
  createSearchIndex,
  matchSlots,
  removeEntry,
  upsertEntry,
  type SearchEntry,
  type SearchIndex,
} from './search-index.ts';
import { IndexBuilder } from './index-builder.ts';
import { seededRandom } from '../seeded-random.ts';
import { makeEntries, SPELLING_ENTRIES } from './test-corpus.ts';

/** The live index's matches moved to the caller's slots, as a plain array `slotCount` long. */
function liveMatchesIn(
  index: SearchIndex,
  slotOfId: (id: string) => number,
  text: string,
  slotCount: number,
): number[] {
  const expected = new Array<number>(slotCount).fill(0);
  const { bits } = matchSlots(index, text);
  bits.forEach((bit, live) => {
    const id = index.ids[live];
    if (bit === 1 && id !== null && id !== undefined) expected[slotOfId(id)] = 1;
  });
  return expected;
}

/** Asserts that the flat index answers `text` as the live one does; returns the match count. */
function expectSameMatches(
  index: SearchIndex,
  flat: FlatIndex,
  slotOfId: (id: string) => number,
  text: string,
): number {
  const expected = liveMatchesIn(index, slotOfId, text, flat.slotCount);
  const got = matchFlat(flat, text);
  expect([...got.bits], text).toEqual(expected);
  const count = expected.filter((bit) => bit === 1).length;
  expect(got.count, text).toBe(count);
  expect(matchSlots(index, text).count, text).toBe(count);
  return count;
}

/** The flat copy an `IndexBuilder` makes of `entries`, each under `slotOfId(id)`. */
function flatOf(entries: readonly SearchEntry[], slotOfId: (id: string) => number): FlatIndex {
  const builder = new IndexBuilder();
  builder.add(packEntries(entries.map(({ id, fields }) => ({ slot: slotOfId(id), fields }))), 1);
  return builder.snapshot().flat;
}

/** Caller slots unlike the live index's own: reversed, with gaps. */
function scatteredSlots(entries: readonly SearchEntry[]): (id: string) => number {
  const slots = new Map(entries.map((entry, i) => [entry.id, (entries.length - i) * 3 + 1]));
  return (id) => slots.get(id) ?? -1;
}

const ENTRIES: SearchEntry[] = [
  ...SPELLING_ENTRIES,
  { id: 'p', fields: ["O'Brien_Smith", 'x.y+shop@mail-box.example', 'AB 12/34'] },
  { id: 'q', fields: ['ZIP:04109\tLeipzig', 'sku~7~blue', 'Straße 5'] },
  // A code with Cyrillic letters: the code text cannot be stored one byte per character.
  { id: 'r', fields: ['ПВЗ 4711-0815', 'Ольга Сидорова', 'Омск'] },
];

describe('matchFlat answers as matchSlots', () => {
  const index = createSearchIndex(ENTRIES);
  const slotOfId = scatteredSlots(ENTRIES);
  const flat = flatOf(ENTRIES, slotOfId);

  it.each([
    // [query, how many entries the live index finds]
    ['jurgen gross', 1],
    ['Jürgen Groß', 1],
    ['jur gro', 1],
    ['juergen', 2],
    ['jürgen', 2],
    ['mueller', 1],
    ['müller', 1],
    ['muller', 0],
    ['asa angstrom malmo', 1],
    ['ÄNGSTRÖM', 1],
    ['aasa', 1],
    ['федор', 1],
    ['фёд ива', 1],
    ['моск', 1],
    ['lukasz walesa krakow', 1],
    ['soren', 1],
    ['soeren kobenhavn', 1],
    ['isil izmir', 1],
    ['strasse', 1],
    ['straße 5', 1],
    ['gross hamburg', 0],
    ['114-3941689-8772232', 1],
    ['3941689-877', 1],
    ['3941689 8772232', 1],
    ['12-34567', 1],
    ['#1043', 1],
    ['0034 0434 1698 7654 3210', 1],
    ['JJD 0003 90007', 1],
    ['jjd000390007', 1],
    ['211 20', 1],
    ['amazon 114', 1],
    ['o brien', 1],
    ['mail box', 1],
    ['12 34', 2],
    ['zip04109', 0],
    ['sku 7', 1],
    ['пвз 4711', 1],
    ['ПВЗ4711', 1],
    ['47110815', 1],
    ['ольга ом', 1],
    ['j', 2],
    ['ju', 2],
    ['1', 5],
    ['10', 2],
    ['rgen', 0],
    ['zzz', 0],
    ['', 0],
    ['   ', 0],
    ['-', 0],
  ])('%j (%i found)', (text, count) => {
    expect(expectSameMatches(index, flat, slotOfId, text)).toBe(count);
  });

  it('is as long as the highest slot given + 1, and empty for an empty index', () => {
    expect(flat.slotCount).toBe(ENTRIES.length * 3 + 2);
    const empty = flatOf([], () => 0);
    expect(empty.slotCount).toBe(0);
    expect(matchFlat(empty, 'jurgen')).toEqual({ bits: new Uint8Array(0), count: 0 });
  });

  it('crosses a structured clone with its buffers transferred, and answers the same there', () => {
    const own = flatOf(ENTRIES, slotOfId);
    const buffers = flatBuffers(own);
    expect(buffers).toHaveLength(5);
    const received = structuredClone(own, { transfer: buffers });
    // Transferred, not copied: the sender's arrays are emptied.
    expect(own.postings).toHaveLength(0);
    for (const text of ['juergen', 'фёд ива', 'JJD 0003 90007', '47110815', 'zzz'])
      expect(matchFlat(received, text)).toEqual(matchFlat(flat, text));
    expect(matchFlat(received, 'juergen').count).toBe(2);
  });
});

/** Queries drawn from the corpus' own fields: word prefixes, inner parts, several words. */
function drawQueries(entries: readonly SearchEntry[], count: number, seed: number): string[] {
  const rnd = seededRandom(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const queries: string[] = [];
  while (queries.length < count) {
    const fields = (entries[int(entries.length)] as SearchEntry).fields;
    const field = fields[int(fields.length)] as string;
    const kind = int(5);
    if (kind === 0) {
      // A word prefix of 1 to 6 characters, as typed.
      const word = field.split(/\s+/)[0] ?? field;
      queries.push(word.slice(0, 1 + int(6)));
    } else if (kind === 1) {
      // An inner part (finds codes by substring; names by nothing or by a word start).
      const from = int(Math.max(1, field.length - 2));
      queries.push(field.slice(from, from + 2 + int(9)));
    } else if (kind === 2) {
      // Two fields' beginnings.
      const other = fields[int(fields.length)] as string;
      queries.push(`${field.slice(0, 2 + int(5))} ${other.slice(0, 2 + int(5))}`);
    } else if (kind === 3) {
      // A code typed in groups.
      const cut = 2 + int(Math.max(1, field.length - 3));
      queries.push(`${field.slice(0, cut)} ${field.slice(cut)}`);
    } else {
      queries.push(field.toUpperCase());
    }
  }
  return queries;
}

describe('a seeded corpus of 2,000 orders', () => {
  const entries = makeEntries(2_000, 7);
  const queries = drawQueries(entries, 300, 11);

  it('gives identical results for 300 queries drawn from its fields', () => {
    const index = createSearchIndex(entries);
    const slotOfId = scatteredSlots(entries);
    const flat = flatOf(entries, slotOfId);
    let found = 0;
    for (const text of queries) if (expectSameMatches(index, flat, slotOfId, text) > 0) found++;
    // Most queries find something, so identical results are not just empty ones.
    expect(found).toBeGreaterThan(queries.length * 0.8);
  });

  it('gives identical results after the same edits and removals, the live side lists unfolded', () => {
    const index = createSearchIndex(entries);
    // Slots of the builder's own: every id a new one, from the top down, with gaps.
    const slotOf = new Map<string, number>();
    const slotOfId = (id: string): number => {
      let slot = slotOf.get(id);
      if (slot === undefined) {
        slot = 9_000 - slotOf.size * 2;
        slotOf.set(id, slot);
      }
      return slot;
    };
    const builder = new IndexBuilder();
    const batch = (changed: readonly SearchEntry[]) =>
      packEntries(changed.map(({ id, fields }) => ({ slot: slotOfId(id), fields })));
    builder.add(batch(entries), 1);
    builder.snapshot();

    const rnd = seededRandom(3);
    const edits = makeEntries(400, 99).map((edit, i) => ({
      // Half replace existing orders, half are new ones.
      id: i % 2 === 0 ? `amazon:${Math.floor(rnd() * entries.length)}` : `new:${i}`,
      fields: edit.fields,
    }));
    for (const edit of edits) upsertEntry(index, edit);
    builder.add(batch(edits), 2);
    const removed = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const id = i % 4 === 0 ? (edits[i] as SearchEntry).id : `amazon:${Math.floor(rnd() * entries.length)}`;
      removeEntry(index, id);
      removed.add(id);
    }
    builder.remove(Int32Array.from([...removed], slotOfId), 3);
    // The live index still has edits in its side lists: the comparison covers them.
    expect(index.pending.length).toBeGreaterThan(0);
    expect(index.codes.tail.size).toBeGreaterThan(0);

    const flat = builder.snapshot().flat;
    const editQueries = drawQueries(edits, 100, 5);
    const removedQueries = drawQueries(
      entries.filter((entry) => removed.has(entry.id)),
      50,
      6,
    );
    let found = 0;
    for (const text of [...queries, ...editQueries, ...removedQueries])
      if (expectSameMatches(index, flat, slotOfId, text) > 0) found++;
    expect(found).toBeGreaterThan(300);
  });
});

describe('IndexBuilder', () => {
  const entry = (slot: number, ...fields: string[]): SlotEntry => ({ slot, fields });

  it('adds, replaces and removes by slot, and reports the highest seq applied', () => {
    const builder = new IndexBuilder();
    expect(builder.snapshot().seq).toBe(-1);
    builder.add(packEntries([entry(4, 'Jürgen Groß', 'JJD000390007'), entry(9, 'Åsa Ängström')]), 1);
    let { flat, seq } = builder.snapshot();
    expect(seq).toBe(1);
    expect(flat.slotCount).toBe(10);
    expect(matchFlat(flat, 'juergen').bits[4]).toBe(1);
    expect(matchFlat(flat, '0390007').count).toBe(1);

    builder.add(packEntries([entry(4, 'Anna Schmidt'), entry(2, 'Jürgen Meier')]), 3);
    builder.remove(Int32Array.of(9, 77), 2);
    ({ flat, seq } = builder.snapshot());
    expect(seq).toBe(3);
    expect(builder.size).toBe(2);
    expect(flat.slotCount).toBe(5);
    expect([...matchFlat(flat, 'jurgen').bits]).toEqual([0, 0, 1, 0, 0]);
    expect(matchFlat(flat, 'gross').count).toBe(0);
    expect(matchFlat(flat, '0390007').count).toBe(0);
    expect(matchFlat(flat, 'asa').count).toBe(0);
    expect([...matchFlat(flat, 'schmidt').bits]).toEqual([0, 0, 0, 0, 1]);

    builder.remove(Int32Array.of(2, 4), 4);
    ({ flat, seq } = builder.snapshot());
    expect(seq).toBe(4);
    expect(flat.slotCount).toBe(0);
  });

  it('keeps the last fields of entries replaced over and over, and nothing of the earlier', () => {
    const builder = new IndexBuilder();
    const names = ['Jürgen Groß', 'Åsa Ängström', 'Фёдор Иванов', 'Anna Schmidt', 'Lars Nowak'];
    const fieldsOf = (slot: number, round: number) => [
      `${names[(slot + round) % names.length] as string} w${slot}`,
      `JJD${round}${slot}000`,
    ];
    const rounds = 4;
    for (let round = 0; round < rounds; round++) {
      builder.add(
        packEntries(Array.from({ length: 50 }, (_, slot) => entry(slot, ...fieldsOf(slot, round)))),
        round,
      );
      // A copy each round: from the second on, more of the entries' token numbers are unused than
      // used, and the used ones are moved together.
      builder.snapshot();
    }
    builder.add(packEntries([entry(60, 'Lars Nowak', 'w60')]), rounds);
    const { flat } = builder.snapshot();
    expect(builder.size).toBe(51);

    const final = Array.from({ length: 50 }, (_, slot) => ({
      id: String(slot),
      fields: fieldsOf(slot, rounds - 1),
    }));
    final.push({ id: '60', fields: ['Lars Nowak', 'w60'] });
    const fresh = createSearchIndex(final);
    const queries = [
      ...names,
      ...Array.from({ length: 61 }, (_, slot) => `w${slot}`),
      'JJD07000',
      'JJD37000',
    ];
    let found = 0;
    for (const text of queries) if (expectSameMatches(fresh, flat, Number, text) > 0) found++;
    expect(found).toBe(names.length + 51 + 1);
  });

  it.each([
    ['with a copy made between the pages and the edits', true],
    ['with every change made before the first copy', false],
  ])(
    'in pages, with edits and removals, matches a fresh index over the final entries (%s)',
    (_name, between) => {
      const entries = makeEntries(3_000, 21);
      const builder = new IndexBuilder();
      const final = new Map<number, readonly string[]>();
      let seq = 0;
      for (let from = 0; from < entries.length; from += 1_000) {
        const page = entries.slice(from, from + 1_000).map((e, i) => entry(from + i, ...e.fields));
        builder.add(packEntries(page), ++seq);
        for (const { slot, fields } of page) final.set(slot, fields);
      }
      // A copy in between, then more changes: the next copy must not keep what changed.
      if (between) builder.snapshot();
      const edits = makeEntries(500, 22).map((e, i) => entry((i * 7) % 3_500, ...e.fields));
      builder.add(packEntries(edits), ++seq);
      for (const { slot, fields } of edits) final.set(slot, fields);
      const gone = Int32Array.from({ length: 300 }, (_, i) => (i * 11) % 3_500);
      builder.remove(gone, ++seq);
      for (const slot of gone) final.delete(slot);

      const { flat, seq: applied } = builder.snapshot();
      expect(applied).toBe(seq);
      const fresh = createSearchIndex([...final].map(([slot, fields]) => ({ id: String(slot), fields })));
      expect(flat.slotCount).toBe(Math.max(...final.keys()) + 1);
      const finalEntries = [...final.values()].map((fields, i) => ({ id: String(i), fields }));
      let found = 0;
      for (const text of drawQueries(finalEntries, 300, 23)) {
        if (expectSameMatches(fresh, flat, Number, text) > 0) found++;
      }
      expect(found).toBeGreaterThan(240);
    },
  );
});

describe('packEntries / unpackEntries', () => {
  it.each<[string, SlotEntry[]]>([
    ['no entries', []],
    ['an entry without fields', [{ slot: 0, fields: [] }]],
    [
      'empty fields',
      [
        { slot: 3, fields: ['', '', 'x', ''] },
        { slot: 1, fields: [''] },
      ],
    ],
    [
      'separator-looking characters',
      [
        { slot: 5, fields: ['a\u0000b', '\u0001', '\t\n\r', ',;|', '"\'\\', '\u001e\u001f', '\uffff'] },
        { slot: 6, fields: ['\u2028\u2029', ' ', '  leading and trailing  '] },
      ],
    ],
    [
      'emoji and surrogate pairs',
      [{ slot: 2_147_483_647, fields: ['📦 Paket', '👩‍👩‍👧', '𝔘𝔫𝔦', '\ud83d', '\udce6x'] }],
    ],
  ])('round-trips %s', (_, entries) => {
    const packed = packEntries(entries);
    expect(unpackEntries(packed)).toEqual(entries);
    expect(packedBuffers(packed)).toHaveLength(3);
  });

  it('round-trips 1,000 orders as one string and three buffers', () => {
    const entries = makeEntries(1_000, 5).map((e, i) => ({ slot: i * 2, fields: e.fields }));
    const packed = packEntries(entries);
    expect(typeof packed.text).toBe('string');
    expect(packed.fieldLengths).toHaveLength(7_000);
    expect(new Set(packedBuffers(packed)).size).toBe(3);
    expect(unpackEntries(packed)).toEqual(entries);
  });

  it('refuses parts that do not fit together', () => {
    const packed = packEntries([{ slot: 1, fields: ['ab', 'c'] }]);
    expect(() => unpackEntries({ ...packed, text: 'abcd' })).toThrow(RangeError);
    expect(() => unpackEntries({ ...packed, text: 'ab' })).toThrow(RangeError);
    expect(() => unpackEntries({ ...packed, fieldCounts: Int32Array.of(3) })).toThrow(RangeError);
    expect(() => unpackEntries({ ...packed, slots: Int32Array.of(1, 2) })).toThrow(RangeError);
    expect(() => packEntries([{ slot: -1, fields: [] }])).toThrow(RangeError);
  });
});
