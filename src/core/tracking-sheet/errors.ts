/**
 * Row and file errors of a tracking import: the order import's codes (same rows, same English
 * sentences, made by `importError`) plus the ones only a tracking sheet has. Same shape as
 * `ImportError`, so the import screen lists both kinds alike.
 */
import { importError, type ImportError, type ImportErrorCode } from '../import/errors.ts';
import { format } from '../i18n/translate.ts';
import { trackingMessages } from '../i18n/messages/tracking.ts';

export const TRACKING_ERROR_CODES = [
  'unknown_order',
  'invalid_tracking_number',
  'check_digit',
  'unknown_carrier',
  'ambiguous_date',
  'invalid_url',
] as const;
export type TrackingOnlyErrorCode = (typeof TRACKING_ERROR_CODES)[number];
export type TrackingErrorCode = ImportErrorCode | TrackingOnlyErrorCode;

/** An `ImportError` whose code may also be one of the tracking codes. */
export type TrackingError = Omit<ImportError, 'code'> & { code: TrackingErrorCode };

export interface TrackingErrorDetails {
  column?: string | undefined;
  value?: string | undefined;
  orderId?: string | undefined;
  field?: string | undefined;
}

function isTrackingOnly(code: TrackingErrorCode): code is TrackingOnlyErrorCode {
  return (TRACKING_ERROR_CODES as readonly string[]).includes(code);
}

/** An error with its English sentence; the UI translates `import.error.<code>` / `tracking.error.<code>`. */
export function trackingError(
  code: TrackingErrorCode,
  row: number,
  details: TrackingErrorDetails = {},
): TrackingError {
  if (!isTrackingOnly(code)) return importError(code, row, details);
  const message = format('en', trackingMessages.en[`tracking.error.${code}`], {
    row: String(row),
    column: details.column ?? '',
    value: details.value ?? '',
  });
  const error: TrackingError = { row, code, message };
  if (details.column !== undefined) error.column = details.column;
  if (details.value !== undefined) error.value = details.value;
  if (details.orderId !== undefined) error.orderId = details.orderId;
  if (details.field !== undefined) error.field = details.field;
  return error;
}
