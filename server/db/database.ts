/**
 * The database boundary of the server: the same SQL runs on the embedded PGlite and on
 * PostgreSQL. Routes and services see only this interface.
 */
export type SqlParam = string | number | boolean | null | Date | Uint8Array | string[] | object;

export interface Queryable {
  query<T extends object>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; a thrown error rolls everything back. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements (migrations); no parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
