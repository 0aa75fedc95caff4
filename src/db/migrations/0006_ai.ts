import type { Kysely } from 'kysely';

/** Per-tenant AI provider settings and the AI usage ledger (issue 6). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ai_settings')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text')
    .addColumn('base_url', 'text')
    /** Vault ciphertext of the provider API key, or null. */
    .addColumn('api_key', 'text')
    /** The language operators read; visitor messages are translated into it. */
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('handover_to_operator', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ai_usage')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text')
    .addColumn('input_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('output_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('credits', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ai_usage_tenant_idx')
    .on('ai_usage')
    .columns(['tenant_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('ai_usage_conversation_idx')
    .on('ai_usage')
    .columns(['tenant_id', 'conversation_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ai_usage').execute();
  await db.schema.dropTable('ai_settings').execute();
}
