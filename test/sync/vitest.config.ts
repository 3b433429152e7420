/**
 * The sync tests under test/sync (they need a PostgreSQL): `npx vitest run --config
 * test/sync/vitest.config.ts`, with TRACKPACK_TEST_DATABASE_URL set. Without it they skip.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: { include: ['test/sync/**/*.test.ts', 'server/notifications/postgres.test.ts'], environment: 'node' },
});
