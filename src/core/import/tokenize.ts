/**
 * Our RFC 4180 tokenizer: text in, records of string cells out, each with the physical line it
 * starts on (the row number Excel shows). Used by every file kind the app imports, in the worker,
 * in Node and in tests; the core may not use PapaParse.
 *
 * Speed matters (100k-row files on phones): cell ends are found with native `indexOf` (the next
 * delimiter, the next line break cached per line, the next quote), cells are `slice`s of the
 * input, a quoted cell is only rebuilt when it holds doubled quotes, unwanted columns are not
 * copied at all. Broken quoting never throws: the record is returned with a `problem`, and an
 * unterminated quote costs one line, not the rest of the file.
 *
 * Accepted beyond RFC 4180: LF line ends, and lone CR line ends in a file without any LF outside
 * quoted cells (Excel for Mac: CR row ends, LF inside cells); a quote
 * inside an unquoted cell (`5" tall`) is kept literally; records may differ in cell count (the
 * table layer decides).
 */

export type QuoteProblem = 'unterminated_quote' | 'text_after_quote';

export interface TokenizedRecord {
  /** 1-based physical line where the record starts (quoted newlines move later records down). */
  line: number;
  /** Raw cell texts: no trimming, no typing. A blank line is one empty cell. */
  cells: string[];
  problem?: QuoteProblem;
  /** Offset just after the record's line break, and the line there: where to resume reading. */
  end: number;
  endLine: number;
}

export interface TokenizeOptions {
  /** Stop after this many records (delimiter sniffing reads only the start). */
  maxRecords?: number;
  /** Resume at a record boundary (a previous record's `end` and `endLine`). */
  start?: { offset: number; line: number };
  /**
   * Columns to keep; others come back as '' without being copied. Wide exports (eBay writes ~80
   * columns) hold several million cells otherwise, which costs phones memory and GC time.
   */
  keep?: readonly boolean[];
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

function lineEndFrom(text: string, from: number): number {
  const n = text.length;
  let j = from;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === LF || c === CR) break;
    j++;
  }
  return j;
}

/**
 * Position where the line containing `from` ends (its CR of a CRLF, or its LF), or `n`. A text
 * with an LF outside quoted cells is read as LF/CRLF-terminated (a lone CR inside a line is then
 * kept as content); any other text uses CR (old Mac exports).
 */
function findBreak(text: string, from: number, n: number, lfMode: boolean): number {
  if (!lfMode) {
    const cr = text.indexOf('\r', from);
    return cr < 0 ? n : cr;
  }
  const lf = text.indexOf('\n', from);
  if (lf < 0) return n;
  return lf > from && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
}

/**
 * Whether the text's rows end in LF (or CRLF) rather than a lone CR: it does when an LF stands
 * outside quoted cells. LFs inside quoted cells do not count, since Excel for Mac writes CR row
 * ends with LF line breaks inside cells. Quotes are jumped with `indexOf`; only a quote at the
 * start of a cell opens a quoted cell, as in the tokenizer. Decided for the whole text, so a
 * resumed read (`start`) splits rows the same way.
 */
function rowsEndInLf(text: string, D: number): boolean {
  let i = 0;
  for (;;) {
    const lf = text.indexOf('\n', i);
    if (lf < 0) return false;
    let q = text.indexOf('"', i);
    // A quote inside a bare cell is text; look for one that opens a cell before the LF.
    while (q >= 0 && q < lf && q > 0) {
      const before = text.charCodeAt(q - 1);
      if (before === D || before === LF || before === CR) break;
      q = text.indexOf('"', q + 1);
    }
    if (q < 0 || q > lf) return true;
    // Jump the quoted cell: its end is the first quote not doubled.
    let j = q + 1;
    for (;;) {
      const close = text.indexOf('"', j);
      if (close < 0) return true; // unterminated: the LF after it is a row end as far as we can tell
      if (text.charCodeAt(close + 1) === QUOTE) {
        j = close + 2;
        continue;
      }
      const after = text.charCodeAt(close + 1);
      // Text after the "closing" quote: no clean quoted cell (a stray quote, read as one line).
      if (close + 1 < text.length && after !== D && after !== LF && after !== CR) return true;
      i = close + 1;
      break;
    }
  }
}

/** Count line breaks (CRLF once, lone CR and LF once each) in text[from, to). */
function countBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(j + 1) !== LF) count++;
  }
  return count;
}

export function tokenize(text: string, delimiter: string, options: TokenizeOptions = {}): TokenizedRecord[] {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new Error(`Unusable delimiter: ${JSON.stringify(delimiter)}`);
  }
  const D = delimiter.charCodeAt(0);
  const n = text.length;
  const maxRecords = options.maxRecords ?? Infinity;
  const records: TokenizedRecord[] = [];
  let i = options.start?.offset ?? 0;
  let line = options.start?.line ?? 1;
  const keep = options.keep;
  let nextD = -2; // -1: no delimiter left in the text
  let nextBreak = -1;
  const lfMode = rowsEndInLf(text, D);
  let width = 0;

  while (i < n && records.length < maxRecords) {
    const recordLine = line;
    // Sized like the previous record: most records have the header's width, and growing an
    // array cell by cell reallocates it several times per row.
    const cells: string[] = new Array<string>(width);
    let count = 0;
    let problem: QuoteProblem | undefined;

    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const openAt = i;
        const openLine = line;
        let j = i + 1;
        let hasDoubled = false;
        let close = -1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) break;
          if (text.charCodeAt(q + 1) === QUOTE) {
            hasDoubled = true;
            j = q + 2;
            continue;
          }
          close = q;
          break;
        }
        const after = close < 0 ? -1 : text.charCodeAt(close + 1);
        const cleanEnd = close >= 0 && (close + 1 >= n || after === D || after === LF || after === CR);
        const spansLines = close >= 0 && countBreaks(text, openAt + 1, close) > 0;
        if (close < 0 || (!cleanEnd && spansLines)) {
          // Unterminated (or a stray quote that paired with one many lines later, which is what a
          // "closing" quote followed by text after a line break means): keep the rest of the opening
          // line as the cell and resume on the next line, so only this record is lost.
          const end = lineEndFrom(text, openAt);
          cells[count++] = text.slice(openAt, end);
          problem = 'unterminated_quote';
          i = end;
          line = openLine;
          break;
        }
        let value = text.slice(openAt + 1, close);
        if (hasDoubled) value = value.replaceAll('""', '"');
        line += countBreaks(text, openAt + 1, close);
        i = close + 1;
        if (!cleanEnd) {
          // `"abc"def`: keep the text, flag the record.
          let j2 = i;
          while (j2 < n) {
            const c = text.charCodeAt(j2);
            if (c === D || c === LF || c === CR) break;
            j2++;
          }
          value += text.slice(i, j2);
          i = j2;
          problem = 'text_after_quote';
        }
        cells[count] = keep && keep[count] === false ? '' : value;
        count++;
      } else {
        // An unquoted cell ends at the next delimiter or line break, found with indexOf (native,
        // much faster than a char loop); the next break is cached across the cells of a line.
        if (nextD !== -1 && nextD < i) nextD = text.indexOf(delimiter, i);
        if (nextBreak < i) nextBreak = findBreak(text, i, n, lfMode);
        const end = nextD !== -1 && nextD < nextBreak ? nextD : nextBreak;
        cells[count] = keep && keep[count] === false ? '' : text.slice(i, end);
        count++;
        i = end;
      }

      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === D) {
        i++;
        continue;
      }
      break;
    }

    // At a line break (or the end): consume it.
    if (i < n) {
      const c = text.charCodeAt(i);
      if (c === CR) {
        i++;
        if (i < n && text.charCodeAt(i) === LF) i++;
        line++;
      } else if (c === LF) {
        i++;
        line++;
      }
    }
    if (count !== cells.length) cells.length = count;
    width = count;
    const record: TokenizedRecord = { line: recordLine, cells, end: i, endLine: line };
    if (problem) record.problem = problem;
    records.push(record);
  }
  return records;
}
