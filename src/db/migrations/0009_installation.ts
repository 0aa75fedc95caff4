import crypto from 'node:crypto';
import type { Kysely } from 'kysely';

/**
 * One row naming the installation: `id` is random, made once, so every process that opens this
 * database (whatever spelling of DATABASE_URL it was given) agrees on it; the real-time Redis
 * channel is derived from it. `key_check` is a value sealed with the master key, which start-up
 * opens to refuse a wrong PARLEY_MASTER_KEY (src/vault/master-key-check.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('installation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_check', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('installation')
    .values({ id: crypto.randomUUID(), key_check: null, created_at: new Date().toISOString() })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('installation').execute();
}
