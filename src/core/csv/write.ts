/**
 * Writing CSV that opens safely in Excel, LibreOffice and Google Sheets.
 *
 * Every text cell that starts with `=`, `+`, `-`, `@`, a tab, CR or LF is neutralised with a
 * leading apostrophe (OWASP "CSV Injection"), because spreadsheets run such cells as formulas.
 * Cells declared numeric keep a real number such as `-12.50` as it is: only a value that is
 * nothing but a number may start with `-` or `+` there.
 */

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV Injection). */
const FORMULA_START = /^[=+\-@\t\r\n]/;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/;

export interface CsvColumn {
  header: string;
  /** Numeric columns keep a leading sign on a plain number (`-12.50`). */
  numeric?: boolean;
}

export interface CsvOptions {
  delimiter?: ',' | ';' | '\t';
  /** A UTF-8 byte order mark, so that Excel reads umlauts correctly. */
  bom?: boolean;
  /** Line ending; Excel writes CRLF. */
  newline?: '\r\n' | '\n';
}

export function neutraliseFormula(value: string, numeric = false): string {
  if (!FORMULA_START.test(value)) return value;
  if (numeric && PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

function quote(value: string, delimiter: string): string {
  if (value.includes('"') || value.includes(delimiter) || value.includes('\n') || value.includes('\r')) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}

/** The whole file as text (prefix the BOM yourself or pass `bom`). */
export function toCsv(
  columns: readonly CsvColumn[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
  { delimiter = ',', bom = false, newline = '\r\n' }: CsvOptions = {},
): string {
  const line = (cells: readonly string[]) => cells.map((c) => quote(c, delimiter)).join(delimiter);
  const out: string[] = [line(columns.map((c) => neutraliseFormula(c.header)))];
  for (const row of rows) {
    out.push(
      line(
        columns.map((column, i) => {
          const cell = row[i];
          const text = cell === null || cell === undefined ? '' : String(cell);
          return neutraliseFormula(text, column.numeric ?? false);
        }),
      ),
    );
  }
  return (bom ? '\uFEFF' : '') + out.join(newline) + newline;
}
