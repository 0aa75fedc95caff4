import type { AppContext } from '../context.ts';
import { findActiveWidget } from '../conversations/widgets/widgets.ts';
import { isUuid } from '../db/ids.ts';

/** A widget's `allowedOrigins` (empty: any), or undefined when there is no such active widget. */
export async function widgetAllowedOrigins(
  ctx: AppContext,
  widgetId: string,
): Promise<readonly string[] | undefined> {
  // Preflights carry no credentials: anything not shaped like an id is answered without a query.
  if (!isUuid(widgetId)) return undefined;
  return (await findActiveWidget(ctx.db, widgetId))?.allowedOrigins;
}

/** The `allowedOrigins` of the widget a conversation belongs to, or undefined when there is none. */
export async function conversationAllowedOrigins(
  ctx: AppContext,
  conversationId: string,
): Promise<readonly string[] | undefined> {
  if (!isUuid(conversationId)) return undefined;
  const row = await ctx.db
    .selectFrom('conversations')
    .innerJoin('widgets', 'widgets.id', 'conversations.widget_id')
    .select('widgets.allowed_origins')
    .where('conversations.id', '=', conversationId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.allowed_origins) as string[]) : undefined;
}
