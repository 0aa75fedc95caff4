import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { createTestEnvironment } from './helpers/test-app.ts';

describe('migrations', () => {
  it('apply once and are idempotent on a second run', async () => {
    const environment = await createTestEnvironment();
    const handle = openDatabase(environment.config);
    try {
      const first = await migrateToLatest(handle, environment.config.databaseSchema);
      expect(first).toEqual(Object.keys(migrations));
      const second = await migrateToLatest(handle, environment.config.databaseSchema);
      expect(second).toEqual([]);
      const count = await sql<{ n: number }>`select count(*) as n from tenants`.execute(handle.db);
      expect(Number(count.rows[0].n)).toBe(0);
    } finally {
      await handle.close();
      await environment.dispose();
    }
  });

  it('refuse, in one sentence, a database a newer version of Parley has migrated', async () => {
    const environment = await createTestEnvironment();
    const handle = openDatabase(environment.config);
    try {
      await migrateToLatest(handle, environment.config.databaseSchema);
      await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01T00:00:00.000Z')`.execute(
        handle.db,
      );
      await expect(migrateToLatest(handle, environment.config.databaseSchema)).rejects.toThrow(
        new ConfigError(
          'this database was upgraded by a newer version of Parley (its migration 9999_from_the_future is unknown to this one): run that version or a later one, or restore a backup taken before the upgrade.',
        ),
      );
    } finally {
      await handle.close();
      await environment.dispose();
    }
  });
});
