import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { getTenantSettings, updateTenantSettings } from '../tenants/tenants.ts';

export const DEFAULT_FALLBACK_REPLY =
  "Sorry, I couldn't look that up right now. Please try again in a moment, or ask to talk to a person.";

/** Tenant-wide rule settings, stored under `rules` in the tenant's settings JSON. */
export const rulesSettingsSchema = z.object({
  /** What the visitor is told when a CALL_API fails and no branch handles it; null restores the default. */
  fallbackReply: z.string().trim().min(1).max(2000).nullable(),
});
export type RulesSettings = { fallbackReply: string };

export async function getRulesSettings(db: Db, tenantId: string): Promise<RulesSettings> {
  const stored = (await getTenantSettings(db, tenantId)).rules as { fallbackReply?: unknown } | undefined;
  const fallbackReply =
    typeof stored?.fallbackReply === 'string' && stored.fallbackReply
      ? stored.fallbackReply
      : DEFAULT_FALLBACK_REPLY;
  return { fallbackReply };
}

export async function updateRulesSettings(
  db: Db,
  tenantId: string,
  patch: Partial<z.output<typeof rulesSettingsSchema>>,
): Promise<RulesSettings> {
  const current = ((await getTenantSettings(db, tenantId)).rules ?? {}) as Record<string, unknown>;
  const next = { ...current };
  if (patch.fallbackReply !== undefined) {
    if (patch.fallbackReply === null) delete next.fallbackReply;
    else next.fallbackReply = patch.fallbackReply;
  }
  await updateTenantSettings(db, tenantId, { rules: next });
  return getRulesSettings(db, tenantId);
}
