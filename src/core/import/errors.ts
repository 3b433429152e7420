/**
 * Row and file errors of an import. Each has a stable code (the UI translates
 * `import.error.<code>` with the error's row, column and value) and an English sentence for logs,
 * tests and the worker boundary, made from the same catalog so the two never drift apart.
 */
import { format } from '../i18n/translate.ts';
import { importErrorMessages } from '../i18n/messages/import-errors.ts';

export const IMPORT_ERROR_CODES = [
  'broken_quoting',
  'excel_scientific',
  'missing_order_id',
  'invalid_date',
  'invalid_quantity',
  'missing_value',
  'conflicting_rows',
  'extra_cells',
  'missing_column',
  'unknown_column',
  'empty_file',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export interface ImportError {
  /**
   * The row number as Excel shows it: the physical line where the record starts, header = the
   * header's line. File-level errors (a missing column) point at the header row.
   */
  row: number;
  /** The header as written in the file, or for `missing_column` the English field label. */
  column?: string;
  value?: string;
  code: ImportErrorCode;
  /** English sentence saying why. */
  message: string;
  /** The order the row belongs to, so the UI can group "these orders were left out". */
  orderId?: string;
  /** The target field concerned, when there is one. */
  field?: string;
}

export function importError(
  code: ImportErrorCode,
  row: number,
  details: {
    column?: string | undefined;
    value?: string | undefined;
    orderId?: string | undefined;
    field?: string | undefined;
  } = {},
): ImportError {
  const message = format('en', importErrorMessages.en[`import.error.${code}`], {
    row: String(row),
    column: details.column ?? '',
    value: details.value ?? '',
  });
  const error: ImportError = { row, code, message };
  if (details.column !== undefined) error.column = details.column;
  if (details.value !== undefined) error.value = details.value;
  if (details.orderId !== undefined) error.orderId = details.orderId;
  if (details.field !== undefined) error.field = details.field;
  return error;
}

/** `1.23457E+17`, `5,58199E+12`: a long number Excel displayed in scientific notation and saved so. */
const SCIENTIFIC = /^[+-]?\d(?:[.,]\d+)?E\+\d{1,3}$/i;

export function isExcelScientific(value: string): boolean {
  // Cheap pre-check first: this runs on several cells of every row.
  return value.indexOf('+') > 0 && SCIENTIFIC.test(value);
}
