/**
 * Whether two values hold the same data as JSON would write it, for deciding that a row on the
 * device already equals the backup's row. Pure and conservative: anything JSON cannot carry
 * (a Date, a Map, `undefined` as a value) never counts as equal, so such a row is written again.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  Object.prototype.toString.call(value) === '[object Object]';

/**
 * True when `a` and `b` are equal strings, finite numbers, booleans or null, arrays of equal items
 * in the same order, or plain objects with the same keys holding equal values (key order aside).
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return a !== undefined && (typeof a !== 'number' || Number.isFinite(a));
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.hasOwn(b, key) || !sameData(a[key], b[key])) return false;
  return true;
}
