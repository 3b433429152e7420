/** The embedded default: PGlite, a WebAssembly build of PostgreSQL, keeping its files on disk. */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, SqlParam } from './database.ts';

export async function openPglite(dir: string): Promise<Database> {
  await mkdir(dir, { recursive: true });
  const pg = await PGlite.create(dir);
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<T extends object>(sql: string, params: readonly SqlParam[] = []) {
      const result = await q.query<T>(sql, [...params]);
      return result.rows;
    },
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    close: () => pg.close(),
  };
}
