import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config.ts';
import { sqliteConversationPageJson } from '../src/conversations/conversation-page-json.ts';
import { listConversations } from '../src/conversations/conversations.ts';
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

  it('upgrade a database that already holds conversations without changing their list pages', async () => {
    const environment = await createTestEnvironment();
    const handle = openDatabase(environment.config);
    try {
      const schema = environment.config.databaseSchema;
      if (handle.kind === 'postgres' && schema)
        await sql`create schema if not exists ${sql.id(schema)}`.execute(handle.db);
      const migrator = new Migrator({
        db: handle.db,
        provider: { getMigrations: async () => migrations },
        migrationTableSchema: handle.kind === 'postgres' ? schema : undefined,
      });
      const before = await migrator.migrateTo('0009_installation');
      expect(before.error).toBeUndefined();
      const at = '2026-04-11T14:30:00.000+00:00';
      await sql`insert into tenants (id, name, created_at) values ('a0000000-0000-4000-8000-000000000001', 'Shop', ${at})`.execute(
        handle.db,
      );
      await sql`insert into widgets (id, tenant_id, name, primary_color, position, created_at)
        values ('b0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001', 'Chat', '#2563eb', 'bottom-right', ${at})`.execute(
        handle.db,
      );
      for (const [n, email] of [
        [1, 'jo@example.com'],
        [2, null],
      ] as const) {
        await sql`insert into conversations (id, tenant_id, widget_id, visitor_id, visitor_name, visitor_email, status, visitor_token_hash, last_message_at, started_at)
          values (${`c0000000-0000-4000-8000-00000000000${n}`}, 'a0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001',
            ${`v-${n}`}, ${`Visitor ${n}`}, ${email}, 'open', 'hash', ${`2026-04-11T14:3${n}:00.000+00:00`}, ${at})`.execute(
          handle.db,
        );
      }
      await migrateToLatest(handle, schema);
      const filter = { limit: 20, offset: 0 };
      const page = await listConversations(handle.db, 'a0000000-0000-4000-8000-000000000001', filter);
      expect(page.conversations.map((c) => [c.visitorName, c.visitorEmail])).toEqual([
        ['Visitor 2', null],
        ['Visitor 1', 'jo@example.com'],
      ]);
      if (handle.kind === 'sqlite') {
        expect(
          await sqliteConversationPageJson(handle.db, 'a0000000-0000-4000-8000-000000000001', filter),
        ).toBe(JSON.stringify({ data: page.conversations, meta: { ...filter, total: 2 } }));
      }
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
