import type { Kysely } from 'kysely';

/** Rules (issue 5) and the per-message rule log. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    // No foreign key: the widget is checked on write, and a rule outliving its widget simply never runs.
    .addColumn('widget_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(100))
    // Versioned JSON {version, match, conditions, actions, stopProcessing, description, examples}.
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Evaluation loads a tenant's enabled rules in order; the listing uses the same order.
  await db.schema
    .createIndex('rules_tenant_order_idx')
    .on('rules')
    .columns(['tenant_id', 'priority', 'created_at', 'id'])
    .execute();
  // Bumped by every rule write: the pipeline's one-row "did this tenant's rules change?" probe.
  await db.schema
    .createTable('rule_revisions')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rule_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    // One log per processing job: a retried job does not log twice.
    .addColumn('job_id', 'text', (c) => c.unique())
    .addColumn('matched_count', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON {rules: [{ruleId, name, matched, reason}], actions: [...], errors: [...], unknownVariables: [...]}.
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rule_logs_conversation_idx')
    .on('rule_logs')
    .columns(['tenant_id', 'conversation_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('rule_logs_tenant_idx')
    .on('rule_logs')
    .columns(['tenant_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rule_logs').execute();
  await db.schema.dropTable('rule_revisions').execute();
  await db.schema.dropTable('rules').execute();
}
