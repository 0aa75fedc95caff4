import crypto from 'node:crypto';
import pg from 'pg';

/**
 * One id per test run. On PostgreSQL every test app gets its own schema named after it, and the
 * schemas are dropped here once the whole run is over: dropping them while other files are still
 * migrating would break those files' catalog introspection ("schema … does not exist").
 */
export default function setup() {
  const run = crypto.randomBytes(4).toString('hex');
  process.env.PARLEY_TEST_RUN = run;
  return async () => {
    if (!process.env.DATABASE_URL) return;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
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
