import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('auth_type', 'text', (c) => c.notNull())
    // Versioned JSON {version, auth, headers}; secrets inside are vault ciphertexts.
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('connections_tenant_idx')
    .on('connections')
    .columns(['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('endpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('ai_callable', 'integer', (c) => c.notNull().defaultTo(1))
    // Versioned JSON of the rest of the endpoint definition (SPEC §6).
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('endpoints_tenant_idx').on('endpoints').columns(['tenant_id', 'id']).execute();
  await db.schema
    .createIndex('endpoints_connection_idx')
    .on('endpoints')
    .columns(['connection_id', 'id'])
    .execute();

  await db.schema
    .createTable('call_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text')
    .addColumn('endpoint_id', 'text')
    .addColumn('conversation_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  // ids are UUIDv7, so (tenant_id, id) orders by time for the list and the per-tenant cap, and the
  // primary key alone serves the retention delete. Each tenant keeps at most a few thousand rows, so
  // filters (connection, endpoint, conversation) scan that tenant's range instead of keeping more
  // indexes up to date on every outbound call.
  await db.schema.createIndex('call_logs_tenant_idx').on('call_logs').columns(['tenant_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('call_logs').execute();
  await db.schema.dropTable('endpoints').execute();
  await db.schema.dropTable('connections').execute();
}
