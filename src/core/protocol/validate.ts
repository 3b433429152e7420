/**
 * Validation for code that may not import valibot itself (the sync client): a protocol schema is
 * passed around as `Schema<T>` and checked with `validate`.
 */
import * as v from 'valibot';
import { describeIssues } from './schemas.ts';

export type Schema<T> = v.GenericSchema<unknown, T>;
export type Validated<T> = { ok: true; value: T } | { ok: false; message: string };

export function validate<T>(schema: Schema<T>, value: unknown): Validated<T> {
  const result = v.safeParse(schema, value);
  return result.success
    ? { ok: true, value: result.output }
    : { ok: false, message: describeIssues(result.issues) };
}
