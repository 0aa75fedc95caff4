import { CompiledQuery } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ConversationFilter } from './conversations.ts';
import { conversationColumns } from './to-resources.ts';

/** The Conversation resource's fields, in `toConversation`'s order: each is its column in camelCase. */
const FIELDS = conversationColumns.map(
  (column) => [column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), column] as const,
);

const statements = new Map<string, string>();

/**
 * One page of `GET /conversations` as the response's JSON text, built by SQLite in one statement:
 * the 20 rows never become JavaScript objects to be mapped and serialised again, which was most
 * of the route's cost (seed 004 list, issue #3 benchmark). Same bytes as `JSON.stringify` of
 * `{data: Conversation[], meta: {limit, offset, total}}`; filters pick one of four statements so
 * each keeps its index. SQLite only (PostgreSQL's json output spaces keys differently).
 */
export async function sqliteConversationPageJson(
  db: Db,
  tenantId: string,
  filter: ConversationFilter,
): Promise<string> {
  const where = ['tenant_id = ?1'];
  const params: unknown[] = [tenantId, filter.limit, filter.offset];
  if (filter.status) where.push(`status = ?${params.push(filter.status)}`);
  if (filter.widgetId) where.push(`widget_id = ?${params.push(filter.widgetId)}`);
  const conditions = where.join(' and ');
  let text = statements.get(conditions);
  if (text === undefined) {
    const object = FIELDS.map(([json, column]) => `'${json}', ${column}`).join(', ');
    // A subquery with ORDER BY and LIMIT is never flattened: SQLite runs it as a co-routine and
    // the aggregate receives its rows in order (an ORDER BY inside the aggregate costs a sort).
    text =
      `select (select json_group_array(json_object(${object})) from (` +
      `select * from conversations where ${conditions} ` +
      `order by last_message_at desc, id desc limit ?2 offset ?3)) as data, ` +
      `(select coalesce(sum(n), 0) from conversation_counts where ${conditions}) as total`;
    statements.set(conditions, text);
  }
  const { rows } = await db.executeQuery<{ data: string; total: number }>(CompiledQuery.raw(text, params));
  const { data, total } = rows[0];
  return `{"data":${data},"meta":{"limit":${filter.limit},"offset":${filter.offset},"total":${total}}}`;
}
