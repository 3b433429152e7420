import type { MessageKey, Translate } from '../../core/i18n/index.ts';

/** A row error of a file as a sentence: its message with the row, column and value filled in. */
export function rowErrorText(
  t: Translate,
  key: MessageKey,
  error: { row: number; column?: string | undefined; value?: string | undefined },
): string {
  return t(key, { row: String(error.row), column: error.column ?? '', value: error.value ?? '' });
}
