import type { Selectable } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { nowIso } from '../../db/time.ts';
import { AppError, notFound } from '../../errors.ts';
import { maskSecret } from '../../vault/vault.ts';
import type { WidgetsTable } from '../conversation.tables.ts';
import type { CreateWidgetInput, UpdateWidgetInput, Widget } from './widget.schema.ts';

type WidgetRow = Selectable<WidgetsTable>;
type VaultCtx = Pick<AppContext, 'db' | 'vault'>;

export const DEFAULT_PRIMARY_COLOR = '#2563eb';

function toWidget(ctx: VaultCtx, row: WidgetRow): Widget {
  return {
    id: row.id,
    name: row.name,
    isActive: Boolean(row.is_active),
    aiEnabled: Boolean(row.ai_enabled),
    translationEnabled: Boolean(row.translation_enabled),
    primaryColor: row.primary_color,
    position: row.position as Widget['position'],
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    identitySecret: row.identity_secret ? maskSecret(ctx.vault.open(row.identity_secret)) : null,
    createdAt: row.created_at,
  };
}

export async function createWidget(
  ctx: VaultCtx,
  tenantId: string,
  input: CreateWidgetInput,
): Promise<Widget> {
  const row: WidgetRow = {
    id: newId(),
    tenant_id: tenantId,
    name: input.name,
    is_active: input.isActive === false ? 0 : 1,
    ai_enabled: input.aiEnabled === false ? 0 : 1,
    translation_enabled: input.translationEnabled ? 1 : 0,
    primary_color: input.primaryColor ?? DEFAULT_PRIMARY_COLOR,
    position: input.position ?? 'bottom-right',
    allowed_origins: JSON.stringify([...new Set(input.allowedOrigins ?? [])]),
    identity_secret: input.identitySecret ? ctx.vault.seal(input.identitySecret) : null,
    created_at: nowIso(),
  };
  await ctx.db.insertInto('widgets').values(row).execute();
  return toWidget(ctx, row);
}

export async function listWidgets(ctx: VaultCtx, tenantId: string): Promise<Widget[]> {
  const rows = await ctx.db
    .selectFrom('widgets')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map((row) => toWidget(ctx, row));
}

export async function getWidget(ctx: VaultCtx, tenantId: string, id: string): Promise<Widget | undefined> {
  const row = await ctx.db
    .selectFrom('widgets')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toWidget(ctx, row);
}

/** Applies a partial update; undefined when the widget is unknown or another tenant's. */
export async function updateWidget(
  ctx: VaultCtx,
  tenantId: string,
  id: string,
  patch: UpdateWidgetInput,
): Promise<Widget | undefined> {
  const set: Partial<WidgetRow> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.isActive !== undefined) set.is_active = patch.isActive ? 1 : 0;
  if (patch.aiEnabled !== undefined) set.ai_enabled = patch.aiEnabled ? 1 : 0;
  if (patch.translationEnabled !== undefined) set.translation_enabled = patch.translationEnabled ? 1 : 0;
  if (patch.primaryColor !== undefined) set.primary_color = patch.primaryColor;
  if (patch.position !== undefined) set.position = patch.position;
  if (patch.allowedOrigins !== undefined)
    set.allowed_origins = JSON.stringify([...new Set(patch.allowedOrigins)]);
  if (patch.identitySecret !== undefined) {
    set.identity_secret = patch.identitySecret === null ? null : ctx.vault.seal(patch.identitySecret);
  }
  const row = await ctx.db
    .updateTable('widgets')
    .set(set)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && toWidget(ctx, row);
}

/** What the public widget API needs about a widget; null when unknown or switched off. */
export interface PublicWidget {
  id: string;
  tenantId: string;
  name: string;
  primaryColor: string;
  position: string;
  aiEnabled: boolean;
  translationEnabled: boolean;
  allowedOrigins: string[];
}

/**
 * The widget API's 404 for a widget it cannot serve. One switched off says so, for the site's
 * developer reading the browser console; an unknown id stays a plain "not found".
 */
export async function unservableWidget(db: Db, widgetId: string): Promise<AppError> {
  const inactive = await db
    .selectFrom('widgets')
    .select('id')
    .where('id', '=', widgetId)
    .where('is_active', '=', 0)
    .executeTakeFirst();
  return inactive
    ? new AppError(
        'NOT_FOUND',
        'This widget is switched off. Turn it on in the dashboard (Widgets → Active) or with PATCH /api/v1/tenant-api/widgets/{id} {"isActive": true}.',
      )
    : notFound('Widget');
}

export function findActiveWidget(db: Db, widgetId: string): Promise<PublicWidget | undefined> {
  return findPublicWidget(db, widgetId, { activeOnly: true });
}

/** Also a switched-off widget (its existing visitors keep chatting: see the public settings route). */
export async function findPublicWidget(
  db: Db,
  widgetId: string,
  { activeOnly }: { activeOnly: boolean },
): Promise<PublicWidget | undefined> {
  let query = db.selectFrom('widgets').selectAll().where('id', '=', widgetId);
  if (activeOnly) query = query.where('is_active', '=', 1);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    primaryColor: row.primary_color,
    position: row.position,
    aiEnabled: Boolean(row.ai_enabled),
    translationEnabled: Boolean(row.translation_enabled),
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
  };
}

/** The plaintext identity-verification secret (for checking `userHash`), or null when none is set. */
export async function getWidgetIdentitySecret(
  ctx: VaultCtx,
  tenantId: string,
  widgetId: string,
): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('widgets')
    .select('identity_secret')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', widgetId)
    .executeTakeFirst();
  return row?.identity_secret ? ctx.vault.open(row.identity_secret) : null;
}
