import { CompiledQuery } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ConversationFilter } from './conversations.ts';

const statements = new Map<string, string>();

/**
 * One page of `GET /conversations` as the response's JSON text, joined by SQLite in one statement
 * from each row's stored item (`list_json`, kept by triggers: migration 0010): the 20 rows never
 * become JavaScript objects to be mapped and serialised again, which was most of the route's cost
 * (seed 004 list, issue #3 benchmark). Same bytes as `JSON.stringify` of
 * `{data: Conversation[], meta: {limit, offset, total}}`; filters pick one of four statements so
 * each keeps its index. SQLite only (PostgreSQL's json output spaces keys differently).
 */
export async function sqliteConversationPageJson(
  db: Db,
  tenantId: string,
  filter: ConversationFilter,
): Promise<string> {
  // The limit is written into the statement (an integer the query schema checked, at most 100):
  // SQLite reads a page almost twice as fast with a literal LIMIT as with a bound one.
  if (!Number.isSafeInteger(filter.limit) || filter.limit < 0) throw new Error(`bad limit ${filter.limit}`);
  const where = ['tenant_id = ?1'];
  const params: unknown[] = [tenantId, filter.offset];
  if (filter.status) where.push(`status = ?${params.push(filter.status)}`);
  if (filter.widgetId) where.push(`widget_id = ?${params.push(filter.widgetId)}`);
  const conditions = where.join(' and ');
  const key = `${conditions} ${filter.limit}`;
  let text = statements.get(key);
  if (text === undefined) {
    // A subquery with ORDER BY and LIMIT is never flattened: SQLite runs it as a co-routine and
    // the aggregate receives its rows in order (an ORDER BY inside the aggregate costs a sort).
    text =
      `select (select group_concat(list_json, ',') from (` +
      `select list_json from conversations where ${conditions} ` +
      `order by last_message_at desc, id desc limit ${filter.limit} offset ?2)) as data, ` +
      `(select coalesce(sum(n), 0) from conversation_counts where ${conditions}) as total`;
    statements.set(key, text);
  }
  const { rows } = await db.executeQuery<{ data: string | null; total: number }>(
    CompiledQuery.raw(text, params),
  );
  const { data, total } = rows[0];
  return `{"data":[${data ?? ''}],"meta":{"limit":${filter.limit},"offset":${filter.offset},"total":${total}}}`;
}
