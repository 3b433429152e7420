/**
 * Our hand-written search index and CSV tokenizer against the well-kept libraries we did not use,
 * on the same data, in Node (one JSON line per figure, like the rest of `npm run bench`):
 *
 * Search, 100,000 orders (the orders section's data, plus one tracking number each), each query
 * typed one keystroke at a time; the time of each keystroke's search:
 *   search_lib_<lib>_build_ms        index built from all orders
 *   search_lib_<lib>_heap_mb         heap held by the index (after a forced GC)
 *   search_lib_<lib>_p95_<kind>_ms   p95 per keystroke, kind = names | cities | tracking
 *   search_lib_<lib>_same_<kind>     share of the full queries that find exactly our orders (1 = all)
 *   search_lib_<lib>_ratio_<kind>    their p95 / ours (> 1: ours is faster)
 * with lib = ours | minisearch | flexsearch. MiniSearch and FlexSearch get the fairest set-up for
 * this job that their options give: prefix search, all query words required, diacritics folded.
 *
 * CSV, the import section's 16 MB file (BENCH_CSV), best of three:
 *   csv_tokenize_mb_s_ours, csv_tokenize_mb_s_papaparse, csv_tokenize_ratio (ours / PapaParse)
 *
 * Run by `scripts/bench.mjs` (BENCH_ONLY=libs) with `node --expose-gc`; alone:
 *   BENCH_CSV=file.csv node --expose-gc --import tsx scripts/bench-libs.ts
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Charset, Index } from 'flexsearch';
import MiniSearch from 'minisearch';
import Papa from 'papaparse';
import { matchFlat, packEntries, type FlatIndex } from '../src/core/search/flat-index.ts';
import { IndexBuilder } from '../src/core/search/index-builder.ts';
import { tokenize } from '../src/core/import/tokenize.ts';

const ORDER_COUNT = Number(process.env.BENCH_ORDERS ?? 100_000);
const emit = (metric: string, value: number, unit: string) =>
  console.log(JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit }));
const log = (...args: unknown[]) => console.error('[bench]', ...args);
const gc = (globalThis as { gc?: () => void }).gc;

interface Row {
  id: string;
  fields: string[];
}

/** The orders section's seed (scripts/bench-orders.mjs), as search fields, plus a tracking number. */
function orders(count: number): Row[] {
  const first = ['Jürgen', 'Anna', 'Åsa', 'Łukasz', 'Søren', 'Фёдор', 'John', 'Émilie', 'Lars', 'Zoë'];
  const last = ['Groß', 'Müller', 'Ängström', 'Wałęsa', 'Иванов', 'Smith', 'Lefèvre', 'Nowak', 'Rossi'];
  const cities = ['Dresden', 'Malmö', 'Москва', 'Kraków', 'København', 'London', 'Zürich', 'Köln'];
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const externalId = `${100 + (i % 900)}-${String(i).padStart(7, '0')}-${String((i * 7919) % 9_999_999).padStart(7, '0')}`;
    rows.push({
      id: `amazon:${externalId}`,
      fields: [
        externalId,
        `${first[i % 10]} ${last[i % 9]}`,
        cities[i % 8] ?? '',
        String(10_000 + (i % 89_999)),
        `buyer${i}@example.com`,
        `SKU-${i % 500}`,
        `00340434${String((i * 104_729) % 1e10).padStart(10, '0')}`,
      ],
    });
  }
  return rows;
}

const QUERIES: Record<'names' | 'cities' | 'tracking', string[]> = {
  names: ['jurgen gross', 'anna muller', 'soren', 'emilie lefevre', 'zoe rossi', 'lars nowak'],
  cities: ['malmo', 'krakow', 'koln', 'zurich', 'dresden'],
  // Partial tracking numbers and order numbers, as typed from a label: a middle part of the code.
  tracking: ['0434000', '3941689', '0012345', '123-0001'],
};

/** Every keystroke of a query: "ma", "mal", ... (one letter finds too much to be a real query). */
const keystrokes = (text: string) => Array.from({ length: text.length - 1 }, (_, i) => text.slice(0, i + 2));

const p95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
};

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase();

interface Engine {
  name: string;
  build(rows: Row[]): unknown;
  search(index: unknown, text: string): string[];
}

const ENGINES: Engine[] = [
  {
    // What the page queries: the search worker's index, sent a page of 1,000 rows at a time, and
    // its flat copy.
    name: 'ours',
    build(rows) {
      const builder = new IndexBuilder();
      for (let from = 0; from < rows.length; from += 1_000) {
        const page = rows.slice(from, from + 1_000).map((r, i) => ({ slot: from + i, fields: r.fields }));
        builder.add(packEntries(page), from);
      }
      // The builder stays: the worker keeps it for the next copy, and its memory counts.
      return { flat: builder.snapshot().flat, rows, builder };
    },
    search(built, text) {
      const { flat, rows } = built as { flat: FlatIndex; rows: Row[] };
      const ids: string[] = [];
      matchFlat(flat, text).bits.forEach((bit, slot) => {
        if (bit === 1) ids.push(rows[slot]?.id ?? '');
      });
      return ids;
    },
  },
  {
    name: 'minisearch',
    build(rows) {
      const index = new MiniSearch<{ id: string; text: string }>({
        fields: ['text'],
        processTerm: (term) => fold(term),
        searchOptions: { prefix: true, combineWith: 'AND' },
      });
      index.addAll(rows.map((r) => ({ id: r.id, text: r.fields.join(' ') })));
      return index;
    },
    search: (index, text) => (index as MiniSearch).search(text).map((r) => String(r.id)),
  },
  {
    name: 'flexsearch',
    build(rows) {
      const index = new Index({ tokenize: 'forward', encoder: Charset.LatinBalance });
      for (const [slot, r] of rows.entries()) index.add(slot, r.fields.join(' '));
      return { index, rows };
    },
    search(built, text) {
      const { index, rows } = built as { index: Index; rows: Row[] };
      return (index.search(text, { limit: rows.length }) as number[]).map((slot) => rows[slot]?.id ?? '');
    },
  },
];

/** The JavaScript heap and the memory behind array buffers (typed arrays live outside the heap). */
function heapMb(): number {
  gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1024 / 1024;
}

function benchSearch(): void {
  const rows = orders(ORDER_COUNT);
  const ours: Record<string, Set<string>> = {};
  const oursP95: Record<string, number> = {};
  // Only the index under test stays reachable: the previous one is dropped before the next is
  // built. The heap is compared with the one before any index (a per-engine "before" still held
  // the previous index, which V8 let go of only during the next build).
  const alive: unknown[] = [];
  const before = heapMb();
  for (const engine of ENGINES) {
    alive.length = 0;
    heapMb();
    const t0 = performance.now();
    const index = engine.build(rows);
    alive.push(index);
    const buildMs = performance.now() - t0;
    const held = heapMb() - before;
    emit(`search_lib_${engine.name}_build_ms`, buildMs, 'ms');
    emit(`search_lib_${engine.name}_heap_mb`, held, 'MB');
    for (const [kind, texts] of Object.entries(QUERIES)) {
      const times: number[] = [];
      let same = 0;
      for (const text of texts) {
        let found: string[] = [];
        for (const typed of keystrokes(text)) {
          const s = performance.now();
          found = engine.search(index, typed);
          times.push(performance.now() - s);
        }
        const key = `${kind}:${text}`;
        if (engine.name === 'ours') ours[key] = new Set(found);
        const mine = ours[key] ?? new Set<string>();
        const theirs = new Set(found);
        const equal = theirs.size === mine.size && [...theirs].every((id) => mine.has(id));
        if (equal) same++;
        if (engine.name !== 'ours')
          log(
            `search ${engine.name} "${text}": ${theirs.size} orders, ours ${mine.size}${equal ? ' (same)' : ''}`,
          );
      }
      const p = p95(times);
      if (engine.name === 'ours') oursP95[kind] = p;
      emit(`search_lib_${engine.name}_p95_${kind}_ms`, p, 'ms');
      emit(`search_lib_${engine.name}_same_${kind}`, same / texts.length, 'share');
      if (engine.name !== 'ours')
        emit(`search_lib_${engine.name}_ratio_${kind}`, p / (oursP95[kind] || 1e-3), 'ratio');
    }
  }
}

function benchCsv(path: string): void {
  const text = readFileSync(path, 'utf8');
  const mb = Buffer.byteLength(text) / 1e6;
  const best = (run: () => unknown) => {
    let ms = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      run();
      ms = Math.min(ms, performance.now() - t0);
    }
    return mb / (ms / 1000);
  };
  const ours = best(() => tokenize(text, ','));
  const papa = best(() => Papa.parse(text, { delimiter: ',' }));
  emit('csv_tokenize_mb_s_ours', ours, 'MB/s');
  emit('csv_tokenize_mb_s_papaparse', papa, 'MB/s');
  emit('csv_tokenize_ratio', ours / papa, 'ratio');
}

if (!gc) log('run with node --expose-gc for the heap figures');
benchSearch();
const csv = process.env.BENCH_CSV;
if (csv) benchCsv(csv);
else log('BENCH_CSV not set: the CSV tokenizer comparison is skipped');
