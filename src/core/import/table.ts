/**
 * Text to a table: the header row and the data rows, each data row with the physical line it
 * starts on. Knows about the furniture marketplaces put around the data (blank or title lines
 * before the header, eBay's "3 record(s) downloaded" and "Seller ID : ..." footer) and about
 * spreadsheet cell habits (surrounding spaces, Shopify's `'02134` guard apostrophe). Knows nothing
 * about orders, so the tracking-sheet import reuses it.
 */
import { detectDelimiter } from './delimiter.ts';
import { tokenize, type QuoteProblem } from './tokenize.ts';

export interface TableRow {
  /** 1-based physical line where the row starts: the row number Excel shows. */
  line: number;
  /** Cleaned cell texts (see `cleanCell`); may be fewer or more than the headers. */
  cells: string[];
  problem?: QuoteProblem;
}

export interface Table {
  delimiter: string;
  /** Header texts as in the file (trimmed). */
  headers: string[];
  /** Line of the header row (2 when eBay's blank line precedes it). */
  headerLine: number;
  rows: TableRow[];
  /** Lines dropped as report footers after the data. */
  footerLines: number[];
}

/** How many records before the header may be blank or a title line. */
const MAX_LEADING_RECORDS = 10;

/** eBay's report footers (seen in Seller Hub order downloads). */
const FOOTER_PATTERNS = [/^\d+\s+record\(s\)\s+downloaded/i, /^seller\s+id\s*:/i] as const;

/** A spreadsheet's text guard: Shopify writes `'02134` so Excel keeps the leading zero. */
const GUARD_APOSTROPHE = /^'(?=[0-9+])/;

/** Trim a cell and drop a guard apostrophe in front of a number. Never types the value. */
export function cleanCell(raw: string): string {
  const trimmed = raw.trim();
  return trimmed.charCodeAt(0) === 0x27 && GUARD_APOSTROPHE.test(trimmed) ? trimmed.slice(1) : trimmed;
}

function filledCount(cells: readonly string[]): number {
  let count = 0;
  for (const c of cells) if (c !== '') count++;
  return count;
}

function isFooter(row: TableRow, width: number): boolean {
  if (row.problem) return false;
  const filled = filledCount(row.cells);
  if (filled === 0) return true;
  const first = row.cells.find((c) => c !== '') ?? '';
  if (FOOTER_PATTERNS.some((p) => p.test(first))) return true;
  // A lone cell, or far fewer cells than the header, after the data is a note, not an order.
  return (width > 2 && filled <= 1) || row.cells.length < width / 2;
}

export interface ReadTableOptions {
  /** Force the delimiter; detected when absent. */
  delimiter?: string;
  /**
   * Which columns the caller will read, decided once the headers are known (and the first
   * `sampleRows` data rows, for a decision that looks at values); the others are left empty
   * instead of copied (all are kept when absent).
   */
  columns?: (headers: readonly string[], sample: readonly (readonly string[])[]) => readonly boolean[];
  /** How many data rows `columns` gets to see (0 when absent). */
  sampleRows?: number;
}

export function readTable(text: string, options: ReadTableOptions = {}): Table {
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const leading = tokenize(text, delimiter, { maxRecords: MAX_LEADING_RECORDS });

  // The header is the first record with at least two filled cells among the first few; blank and
  // title lines before it are skipped (their lines still count for row numbers).
  const filled = leading.map((r) => filledCount(r.cells.map(cleanCell)));
  let headerIndex = filled.findIndex((f) => f >= 2);
  if (headerIndex < 0) headerIndex = filled.findIndex((f) => f > 0);
  const headerRecord = headerIndex >= 0 ? leading[headerIndex] : undefined;
  if (!headerRecord) return { delimiter, headers: [], headerLine: 1, rows: [], footerLines: [] };

  const headers = headerRecord.cells.map(cleanCell);
  // Trailing empty header cells (a trailing delimiter) are not columns.
  while (headers.length > 1 && headers[headers.length - 1] === '') headers.pop();

  const start = { offset: headerRecord.end, line: headerRecord.endLine };
  const sample =
    options.columns && options.sampleRows
      ? tokenize(text, delimiter, { start, maxRecords: options.sampleRows })
          .map((r) => r.cells.map(cleanCell))
          .filter((cells) => cells.some((c) => c !== ''))
      : [];
  const keep = options.columns?.(headers, sample);
  const records = tokenize(text, delimiter, {
    start,
    ...(keep ? { keep } : {}),
  });
  const rows: TableRow[] = [];
  for (const record of records) {
    const cells = record.cells;
    let any = false;
    for (let c = 0; c < cells.length; c++) {
      const value = cleanCell(cells[c] as string);
      cells[c] = value;
      if (value !== '') any = true;
    }
    // Blank lines between rows are spacing, not rows.
    if (!record.problem && !any) continue;
    const row: TableRow = { line: record.line, cells };
    if (record.problem) row.problem = record.problem;
    rows.push(row);
  }

  const footerLines: number[] = [];
  while (rows.length > 0 && isFooter(rows[rows.length - 1] as TableRow, headers.length)) {
    footerLines.unshift((rows.pop() as TableRow).line);
  }
  return { delimiter, headers, headerLine: headerRecord.line, rows, footerLines };
}
