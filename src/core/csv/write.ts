/**
 * Writing CSV that opens safely in Excel, LibreOffice and Google Sheets, whatever separator the
 * spreadsheet later splits the file on. Every file Trackpack writes goes through `toCsv`; nothing
 * else in the app builds CSV text.
 *
 * A spreadsheet runs a cell as a formula when it starts with `=`, `+`, `-` or `@` (some first trim
 * a leading tab or CR: OWASP "CSV Injection"). Guarding only the cells as we write them is not
 * enough: German Excel splits a comma file on `;`, the import dialogs of Excel and LibreOffice let
 * the seller pick any separator (`|` among the usual "other" ones), and a quoted cell is only one
 * cell under the separator it was written for. Under another one, `"x;=HYPERLINK(...)"` is the two
 * cells `"x` and `=HYPERLINK(...)"`, and a line break inside quotes starts a new row. So the guard
 * apostrophe `'` goes in front of a formula start at the beginning of a text cell and right after
 * every character that may start a cell under some separator (`, ; \t |`, CR, LF), looking past
 * spaces, quotes and invisible characters in between (`x; "=1"`). A cell that starts with a tab,
 * CR or LF is guarded too.
 *
 * Text cells are quoted (`"…"`, quotes doubled), so under the file's own separator each one stays
 * one cell whatever it holds. Files for a program that reads quotes literally ask for `needed`
 * quoting: only cells holding the delimiter, a quote or a line break are quoted then, and the
 * guards above still apply. Cells of numeric columns that are plain numbers (`-12.50`, `3`) are
 * written bare, so the spreadsheet sees numbers. NUL characters are dropped: no spreadsheet shows
 * them, and C-based readers end the text there.
 *
 * `removeFormulaGuards` takes our guards off again when a file we wrote is read back.
 */

/**
 * What may stand between a cell's start and a formula start without making it text: spaces and
 * quotes, and (to be safe with importers that drop them) other white space and the invisible
 * format characters (zero-width, direction marks and isolates, the BOM).
 */
const SKIPPED = /[\s"\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
/** The characters a formula starts with; text without any of them needs no guard. */
const FORMULA_START = /[=+\-@]/;
const LEADING_CONTROL = /^[\t\r\n]/;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/;
/** Our guards as `neutraliseFormula` writes them; the capture keeps the character before it. */
const GUARD_AFTER_BREAK = new RegExp(`(^|[,;\\t|\\r\\n])'(?=${SKIPPED.source}*[=+\\-@])`, 'g');
const GUARD_BEFORE_CONTROL = /^'(?=[\t\r\n])/;
/** FORMULA_START for scanning a whole cell with `exec`. */
const FORMULA_START_G = /[=+\-@]/g;

/**
 * A character after which a spreadsheet may start a new cell or row, for some separator:
 * `, ; \t |`, CR, LF.
 */
function isBreak(code: number): boolean {
  return code === 0x2c || code === 0x3b || code === 0x09 || code === 0x7c || code === 0x0d || code === 0x0a;
}

/**
 * Whether some formula start sits at the start or right after a break, behind skippable
 * characters only. Most cells hold a `-` or `@` (dates, links, e-mail addresses) somewhere
 * harmless; this finds that with one look back per such character, before any copying.
 */
function needsGuard(value: string): boolean {
  FORMULA_START_G.lastIndex = 0;
  for (let m = FORMULA_START_G.exec(value); m !== null; m = FORMULA_START_G.exec(value)) {
    let j = m.index - 1;
    while (j >= 0 && !isBreak(value.charCodeAt(j)) && SKIPPED.test(value[j] as string)) j--;
    if (j < 0 || isBreak(value.charCodeAt(j))) return true;
  }
  return false;
}

export interface CsvColumn {
  header: string;
  /** Numeric columns write a plain number (`-12.50`) bare, with its sign. */
  numeric?: boolean;
}

export interface CsvOptions {
  delimiter?: ',' | ';' | '\t';
  /** A UTF-8 byte order mark, so that Excel reads umlauts correctly. */
  bom?: boolean;
  /** Line ending; Excel writes CRLF. */
  newline?: '\r\n' | '\n';
  /**
   * `text` (default): every non-empty text cell is quoted. `needed`: only cells that hold the
   * delimiter, a quote or a line break, for readers that take quotes literally.
   */
  quoting?: 'text' | 'needed';
}

/**
 * `value` with a guard apostrophe before every formula start a spreadsheet could see, under any
 * separator. A numeric column's plain number stays as it is.
 */
export function neutraliseFormula(value: string, numeric = false): string {
  if (numeric && PLAIN_NUMBER.test(value)) return value;
  const leadingControl = LEADING_CONTROL.test(value);
  if (!leadingControl && !needsGuard(value)) return value;
  // One pass from the end: `ahead` says whether a formula start (behind spaces and quotes)
  // begins right after the character looked at, so long runs of spaces cost no rescans.
  const parts: string[] = [];
  let end = value.length;
  let ahead = false;
  for (let i = value.length - 1; i >= 0; i--) {
    const c = value[i] as string;
    if (ahead && isBreak(c.charCodeAt(0))) {
      parts.push(value.slice(i + 1, end), "'");
      end = i + 1;
    }
    ahead = FORMULA_START.test(c) || (ahead && !isBreak(c.charCodeAt(0)) && SKIPPED.test(c));
  }
  parts.push(value.slice(0, end));
  if (ahead || leadingControl) parts.push("'");
  return parts.reverse().join('');
}

/**
 * The text a guarded cell held before `neutraliseFormula`: for reading our own files back. An
 * apostrophe the seller typed in exactly such a place (`a,'=b`) goes too; no file can tell the two
 * apart.
 */
export function removeFormulaGuards(value: string): string {
  if (!value.includes("'")) return value;
  return value.replace(GUARD_BEFORE_CONTROL, '').replace(GUARD_AFTER_BREAK, '$1');
}

const NEEDS_QUOTES: Readonly<Record<',' | ';' | '\t', RegExp>> = {
  ',': /[",\r\n]/,
  ';': /[";\r\n]/,
  '\t': /["\t\r\n]/,
};

/** One cell as it goes into the file. */
function cellText(
  raw: string,
  numeric: boolean,
  delimiter: ',' | ';' | '\t',
  quoting: 'text' | 'needed',
): string {
  const value = neutraliseFormula(raw.includes('\0') ? raw.replaceAll('\0', '') : raw, numeric);
  if (value === '' || (numeric && PLAIN_NUMBER.test(value))) return value;
  if (quoting === 'needed' && !NEEDS_QUOTES[delimiter].test(value)) return value;
  return `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
}

/** The whole file as text (prefix the BOM yourself or pass `bom`). */
export function toCsv(
  columns: readonly CsvColumn[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
  { delimiter = ',', bom = false, newline = '\r\n', quoting = 'text' }: CsvOptions = {},
): string {
  const out: string[] = [columns.map((c) => cellText(c.header, false, delimiter, quoting)).join(delimiter)];
  for (const row of rows) {
    out.push(
      columns
        .map((column, i) => {
          const cell = row[i];
          const text = cell === null || cell === undefined ? '' : String(cell);
          return cellText(text, column.numeric ?? false, delimiter, quoting);
        })
        .join(delimiter),
    );
  }
  return (bom ? '\uFEFF' : '') + out.join(newline) + newline;
}
