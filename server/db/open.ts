import path from 'node:path';
import type { ServerConfig } from '../config.ts';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';

/** PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR; migrated to the newest schema. */
export async function openDatabase(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  const db = config.databaseUrl
    ? await (await import('./postgres.ts')).openPostgres(config.databaseUrl)
    : await (await import('./pglite.ts')).openPglite(path.join(config.dataDir, 'pglite'));
  await migrate(db);
  return db;
}
