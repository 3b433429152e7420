/**
 * Telling a failure of the database itself (unreachable, shutting down, out of resources, a
 * transaction the server rolled back to retry) from an error about the data a request carried.
 * The first is worth retrying the whole request; the second fails the same way every time.
 */

/**
 * SQLSTATE classes that say nothing about the statement's data: 08 connection exception, 40
 * transaction rollback (serialization failure, deadlock), 53 insufficient resources, 57 operator
 * intervention (shutdown, cancel), 58 system error, XX internal error. PostgreSQL documents them
 * in "Appendix A. PostgreSQL Error Codes".
 */
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '40', '53', '57', '58', 'XX']);

/** Socket errors of Node (node-postgres passes them through). */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Messages of node-postgres and PGlite that carry no code when the connection is gone. */
const GONE =
  /connection terminated|connection ended|connection error|timeout exceeded when trying to connect|pool after calling end|pglite is closed|database is closed/i;

export function isDatabaseFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && TRANSIENT_SQLSTATE_CLASSES.has(code.slice(0, 2))) return true;
  }
  return typeof message === 'string' && GONE.test(message);
}

/** PostgreSQL's "data exception" class (22xxx): a value the database refuses, every time. */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}
