/**
 * Differential fuzzing of the CSV reader: random files (quoted and bare cells, doubled quotes,
 * the three delimiters, CRLF / LF / CR line ends, empty cells and blank lines, a BOM, a trailing
 * line break or none, text in several scripts) go through the app's read path (`decodeBytes`,
 * then `tokenize`) and through PapaParse, which here is only the oracle. Both must give the
 * records the file was generated from. Broken files (any characters at all) must never throw.
 *
 * Our writer is checked the same way: what `toCsv` writes, `tokenize` reads back as the cells
 * that went in; a cell the writer guarded against formulas reads back guarded, and
 * `removeFormulaGuards` gives the original.
 *
 * Counts: CSV_FUZZ_RUNS (default 10,000) cases per property; `npm run soak` runs 1,000,000 and
 * prints the figures. The seed is fixed (CSV_FUZZ_SEED), so a failure reproduces.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { removeFormulaGuards, neutraliseFormula, toCsv, type CsvOptions } from '../../src/core/csv/write.ts';
import { decodeBytes } from '../../src/core/import/decode.ts';
import { tokenize } from '../../src/core/import/tokenize.ts';

const RUNS = Number(process.env.CSV_FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.CSV_FUZZ_SEED ?? 20_260_301);
/** The speed promise: reading a file takes no more than this per MB of text. */
const MAX_MS_PER_MB = 2_000;
/** Generous (10,000 cases take a few seconds), growing with the count for the soak run. */
const TIMEOUT_MS = Math.max(120_000, RUNS * 5);

const DELIMITERS = [',', ';', '\t'] as const;
const NEWLINES = ['\r\n', '\n', '\r'] as const;
type Delimiter = (typeof DELIMITERS)[number];
type Newline = (typeof NEWLINES)[number];

/** Pieces cell texts are made of: the characters that matter to CSV, and text in several scripts. */
const PIECES = [
  'a',
  'Z',
  '7',
  ' ',
  '-',
  "'",
  '"',
  '""',
  ',',
  ';',
  '\t',
  '\r',
  '\n',
  '\r\n',
  'Müller',
  'ß',
  'Åsa',
  'Ольга',
  '東京',
  '😀',
  '\u00a0',
  '\ufeff',
  '=1+1',
  '@x',
] as const;

const cellText = fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((parts) => parts.join(''));

interface Cell {
  text: string;
  quoted: boolean;
}

/**
 * A cell may be written bare when nothing in it would end it or open a quote: no delimiter, no
 * line break, no quote at the start. A quote further in is kept literally by both readers.
 */
function canBeBare(text: string, delimiter: Delimiter): boolean {
  return !text.includes(delimiter) && !/[\r\n]/.test(text) && !text.startsWith('"');
}

function cellSource(cell: Cell, delimiter: Delimiter): string {
  if (cell.quoted || !canBeBare(cell.text, delimiter)) return `"${cell.text.replaceAll('"', '""')}"`;
  return cell.text;
}

interface GeneratedFile {
  delimiter: Delimiter;
  newline: Newline;
  bom: boolean;
  trailingNewline: boolean;
  rows: string[][];
  text: string;
}

const generatedFile: fc.Arbitrary<GeneratedFile> = fc
  .record({
    delimiter: fc.constantFrom(...DELIMITERS),
    newline: fc.constantFrom(...NEWLINES),
    bom: fc.boolean(),
    trailingNewline: fc.boolean(),
    rows: fc.array(
      fc.array(fc.record({ text: cellText, quoted: fc.boolean() }), { minLength: 1, maxLength: 6 }),
      {
        minLength: 1,
        maxLength: 8,
      },
    ),
  })
  .map(({ delimiter, newline, bom, trailingNewline, rows }) => {
    // A last row of one bare empty cell is no text at all; quote it so the row exists.
    const last = rows[rows.length - 1] as Cell[];
    // A U+FEFF at the very start is a BOM to every reader, whatever the generator meant.
    const first = (rows[0] as Cell[])[0] as Cell;
    if (first.text.startsWith('\ufeff') && !first.quoted) first.quoted = true;
    if (last.length === 1 && (last[0] as Cell).text === '') last[0] = { text: '', quoted: true };
    const lines = rows.map((row) => row.map((cell) => cellSource(cell, delimiter)).join(delimiter));
    const text = (bom ? '\ufeff' : '') + lines.join(newline) + (trailingNewline ? newline : '');
    return {
      delimiter,
      newline,
      bom,
      trailingNewline,
      rows: rows.map((row) => row.map((c) => c.text)),
      text,
    };
  });

/** The app's read path: bytes are decoded (a BOM goes), then tokenized. */
function readOurs(text: string, delimiter: string): string[][] {
  const { text: decoded } = decodeBytes(new TextEncoder().encode(text));
  return tokenize(decoded, delimiter).map((record) => record.cells);
}

/** PapaParse with the file's delimiter and line end; its extra empty record after a final line end goes. */
function readPapa(text: string, delimiter: string, newline: Newline): string[][] {
  const data = Papa.parse<string[]>(text, { delimiter, newline, quoteChar: '"' }).data;
  const last = data[data.length - 1];
  if (text.endsWith(newline) && last?.length === 1 && last[0] === '') data.pop();
  return data;
}

describe('tokenize against PapaParse', () => {
  it(
    `reads ${RUNS} random files as they were written, like PapaParse does`,
    () => {
      const started = performance.now();
      let characters = 0;
      fc.assert(
        fc.property(generatedFile, (file) => {
          characters += file.text.length;
          const ours = readOurs(file.text, file.delimiter);
          expect(readPapa(file.text, file.delimiter, file.newline)).toEqual(file.rows);
          expect(ours).toEqual(file.rows);
        }),
        { seed: SEED, numRuns: RUNS },
      );
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      console.log(JSON.stringify({ figure: 'csv_fuzz_differential', cases: RUNS, seconds, characters }));
    },
    TIMEOUT_MS,
  );

  it(
    'never throws on any text, and records cover the whole text',
    () => {
      const anyText = fc.array(
        fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 4 })),
        { maxLength: 40 },
      );
      fc.assert(
        fc.property(anyText, fc.constantFrom(...DELIMITERS), (parts, delimiter) => {
          const text = parts.join('');
          const records = tokenize(text, delimiter);
          const last = records[records.length - 1];
          expect(last === undefined ? 0 : last.end).toBe(text.length);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    `reads at least 1 MB in ${MAX_MS_PER_MB} ms`,
    () => {
      const samples = fc.sample(generatedFile, { seed: SEED, numRuns: 2_000 });
      const chunks: string[] = [];
      let length = 0;
      for (let i = 0; length < 4_000_000; i++) {
        const file = samples[i % samples.length] as GeneratedFile;
        if (file.delimiter !== ',' || file.newline !== '\r\n') continue;
        const body = file.text.replace(/^\ufeff/, '');
        chunks.push(body.endsWith('\r\n') ? body : `${body}\r\n`);
        length += body.length + 2;
      }
      const text = chunks.join('');
      const megabytes = new TextEncoder().encode(text).length / 1_000_000;
      const started = performance.now();
      const records = tokenize(text, ',');
      const ms = performance.now() - started;
      expect(records.length).toBeGreaterThan(0);
      const msPerMb = ms / megabytes;
      console.log(
        JSON.stringify({ figure: 'csv_tokenize_ms_per_mb', value: Math.round(msPerMb), megabytes }),
      );
      expect(msPerMb).toBeLessThan(MAX_MS_PER_MB);
    },
    TIMEOUT_MS,
  );
});

/** Cells with no formula start a spreadsheet could see, so the writer leaves them as they are. */
const plainCell = cellText.filter((text) => !text.includes('\0') && neutraliseFormula(text) === text);

const csvOptions: fc.Arbitrary<CsvOptions> = fc.record({
  delimiter: fc.constantFrom(...DELIMITERS),
  bom: fc.boolean(),
  newline: fc.constantFrom('\r\n' as const, '\n' as const),
  quoting: fc.constantFrom('text' as const, 'needed' as const),
});

function table(cell: fc.Arbitrary<string>): fc.Arbitrary<{ headers: string[]; rows: string[][] }> {
  return fc.integer({ min: 1, max: 5 }).chain((width) =>
    fc.record({
      // A U+FEFF at the very start is a BOM to every reader.
      headers: fc
        .array(cell, { minLength: width, maxLength: width })
        .filter((h) => !h[0]?.startsWith('\ufeff')),
      rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 6 }),
    }),
  );
}

function readBack(text: string, delimiter: string): string[][] {
  return readOurs(text, delimiter);
}

describe('toCsv read back by tokenize', () => {
  it(
    'gives back the cells that went in',
    () => {
      fc.assert(
        fc.property(table(plainCell), csvOptions, ({ headers, rows }, options) => {
          const text = toCsv(
            headers.map((header) => ({ header })),
            rows,
            options,
          );
          expect(readBack(text, options.delimiter ?? ',')).toEqual([headers, ...rows]);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'gives back guarded cells, which removeFormulaGuards turns into what went in',
    () => {
      // An apostrophe typed right where a guard goes cannot be told from a guard; leave them out.
      const noApostrophe = (text: string): boolean => !text.includes("'");
      const formulaCell = cellText.map((text) => `=${text}`).filter(noApostrophe);
      fc.assert(
        fc.property(
          table(fc.oneof(formulaCell, plainCell.filter(noApostrophe))),
          csvOptions,
          ({ headers, rows }, options) => {
            const text = toCsv(
              headers.map((header) => ({ header })),
              rows,
              options,
            );
            const read = readBack(text, options.delimiter ?? ',');
            const written = [headers, ...rows];
            expect(read.map((row) => row.map((cell) => neutraliseFormula(cell)))).toEqual(read);
            expect(read.map((row) => row.map(removeFormulaGuards))).toEqual(written);
          },
        ),
        { seed: SEED, numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});
