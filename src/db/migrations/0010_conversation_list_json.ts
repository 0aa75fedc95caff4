import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * SQLite only: each conversation keeps its `GET /conversations` item as JSON text in `list_json`,
 * so a page is 20 stored strings joined, not 20 × 10 values turned into JSON per request — that
 * was most of the list route's time (issue #3 benchmark). Triggers rebuild it after every insert
 * and every update of a listed column, so any writer keeps it right. PostgreSQL builds pages
 * from the columns (src/conversations/conversations.ts) and gets nothing here.
 *
 * The keys are the Conversation resource's fields in `toConversation`'s order; a change there
 * needs a migration that redefines `listJson` (conversation-page-json.test.ts compares them).
 */
const LISTED = [
  'id',
  'widget_id',
  'visitor_id',
  'visitor_name',
  'visitor_email',
  'visitor_language',
  'status',
  'assigned_to',
  'last_message_at',
  'started_at',
] as const;

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const listJson = sql.raw(`json_object(${LISTED.map((c) => `'${camel(c)}', ${c}`).join(', ')})`);
const rebuild = sql`update conversations set list_json = ${listJson} where rowid = new.rowid;`;

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`alter table conversations add column list_json text`.execute(db);
  await sql`update conversations set list_json = ${listJson}`.execute(db);
  await sql`create trigger conversations_list_json_after_insert after insert on conversations
    begin ${rebuild} end`.execute(db);
  // `list_json` itself is not in the column list, so the trigger's own update does not fire it.
  await sql`create trigger conversations_list_json_after_update after update of ${sql.raw(LISTED.join(', '))}
    on conversations begin ${rebuild} end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`drop trigger conversations_list_json_after_update`.execute(db);
  await sql`drop trigger conversations_list_json_after_insert`.execute(db);
  await sql`alter table conversations drop column list_json`.execute(db);
}
