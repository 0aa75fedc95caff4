import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** Widgets, operators, conversations, messages and the message-processing job queue (issue 3). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('widgets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('ai_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('translation_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('primary_color', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('allowed_origins', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('identity_secret', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('widgets_tenant_idx')
    .on('widgets')
    .columns(['tenant_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('operators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('is_available', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('operators_tenant_email_idx')
    .on('operators')
    .columns(['tenant_id', 'email'])
    .unique()
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('widget_id', 'text', (c) => c.notNull().references('widgets.id').onDelete('cascade'))
    .addColumn('visitor_id', 'text')
    .addColumn('visitor_name', 'text')
    .addColumn('visitor_email', 'text')
    .addColumn('visitor_language', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('assigned_to', 'text', (c) => c.references('operators.id').onDelete('set null'))
    .addColumn('visitor_token_hash', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_message_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('variables', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  // GET /conversations: most recent message first, optionally filtered by status or widget.
  await db.schema
    .createIndex('conversations_recent_idx')
    .on('conversations')
    .columns(['tenant_id', 'last_message_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('conversations_status_recent_idx')
    .on('conversations')
    .columns(['tenant_id', 'status', 'last_message_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('conversations_widget_recent_idx')
    .on('conversations')
    .columns(['tenant_id', 'widget_id', 'last_message_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('conversations_assigned_idx')
    .on('conversations')
    .column('assigned_to')
    .execute();
  await createConversationCounts(db);

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('content_language', 'text')
    .addColumn('translated_content', 'text')
    .addColumn('translated_language', 'text')
    .addColumn('is_auto_reply', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('job_id', 'text')
    .addColumn('job_reply_index', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('messages_conversation_seq_idx')
    .on('messages')
    .columns(['conversation_id', 'seq'])
    .unique()
    .execute();
  await db.schema
    .createIndex('messages_job_reply_idx')
    .on('messages')
    .columns(['job_id', 'job_reply_index'])
    .unique()
    .execute();

  await db.schema
    .createTable('message_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('widget_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('available_at', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Finished jobs are deleted, so these stay small: the claim scans by status, the ordering check by conversation.
  await db.schema
    .createIndex('message_jobs_claim_idx')
    .on('message_jobs')
    .columns(['status', 'available_at'])
    .execute();
  await db.schema
    .createIndex('message_jobs_conversation_idx')
    .on('message_jobs')
    .columns(['conversation_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop function if exists parley_conversation_counts() cascade`.execute(db);
  }
  for (const table of [
    'message_jobs',
    'messages',
    'conversation_counts',
    'conversations',
    'operators',
    'widgets',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

/**
 * `GET /conversations` shows `meta.total`; counting 100k rows per request is too slow, so triggers keep
 * a count per (tenant, widget, status) that any writer — API, rules, a bulk import — keeps exact.
 */
async function createConversationCounts(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('conversation_counts')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('widget_id', 'text', (c) => c.notNull().references('widgets.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_counts_pk', ['tenant_id', 'widget_id', 'status'])
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // The two rows an update touches are locked in (widget, status) order, so concurrent status
    // changes in opposite directions cannot deadlock.
    await sql`
      create function parley_conversation_counts() returns trigger language plpgsql as $$
      declare
        decrement_first boolean := tg_op = 'DELETE'
          or (tg_op = 'UPDATE' and (old.widget_id, old.status) < (new.widget_id, new.status));
      begin
        if decrement_first then
          update conversation_counts set n = n - 1
            where tenant_id = old.tenant_id and widget_id = old.widget_id and status = old.status;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          insert into conversation_counts (tenant_id, widget_id, status, n)
            values (new.tenant_id, new.widget_id, new.status, 1)
            on conflict (tenant_id, widget_id, status) do update set n = conversation_counts.n + 1;
        end if;
        if tg_op = 'UPDATE' and not decrement_first then
          update conversation_counts set n = n - 1
            where tenant_id = old.tenant_id and widget_id = old.widget_id and status = old.status;
        end if;
        return null;
      end $$`.execute(db);
    await sql`
      create trigger conversation_counts_insert_delete after insert or delete on conversations
        for each row execute function parley_conversation_counts()`.execute(db);
    await sql`
      create trigger conversation_counts_update after update of status, widget_id on conversations
        for each row when (old.status is distinct from new.status or old.widget_id is distinct from new.widget_id)
        execute function parley_conversation_counts()`.execute(db);
    return;
  }

  const increment = sql`
    insert into conversation_counts (tenant_id, widget_id, status, n) values (new.tenant_id, new.widget_id, new.status, 1)
      on conflict (tenant_id, widget_id, status) do update set n = n + 1;`;
  const decrement = sql`
    update conversation_counts set n = n - 1
      where tenant_id = old.tenant_id and widget_id = old.widget_id and status = old.status;`;
  await sql`create trigger conversation_counts_after_insert after insert on conversations begin ${increment} end`.execute(
    db,
  );
  await sql`create trigger conversation_counts_after_delete after delete on conversations begin ${decrement} end`.execute(
    db,
  );
  await sql`
    create trigger conversation_counts_after_update after update of status, widget_id on conversations
      when old.status is not new.status or old.widget_id is not new.widget_id
    begin ${decrement} ${increment} end`.execute(db);
}
