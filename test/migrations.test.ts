import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
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
});
