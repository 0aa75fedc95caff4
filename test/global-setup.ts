import crypto from 'node:crypto';
import pg from 'pg';

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * One id per test run. On PostgreSQL every test app gets its own schema named after it, and the
 * schemas are dropped here once the whole run is over: dropping one while other files are still
 * migrating breaks those files' catalog introspection ("schema … does not exist"), so no test
 * drops its own.
 */
export default function setup() {
  const run = crypto.randomBytes(4).toString('hex');
  process.env.PARLEY_TEST_RUN = run;
  return async () => {
    // A SQLite run has PostgreSQL schemas too: src/db/pg-pool.test.ts always runs against the
    // PostgreSQL of CI. Without DATABASE_URL an unreachable server just means nothing to drop.
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL ?? DEFAULT_PG_URL });
    try {
      await client.connect();
    } catch (error) {
      if (process.env.DATABASE_URL) throw error;
      return;
    }
    try {
      const { rows } = await client.query<{ nspname: string }>(
        'select nspname from pg_namespace where nspname like $1',
        [`t\\_${run}\\_%`],
      );
      for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
    } finally {
      await client.end();
    }
  };
}
