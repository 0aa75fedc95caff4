import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { getTenantSettings, updateTenantSettings } from '../tenants/tenants.ts';

export const DEFAULT_FALLBACK_REPLY =
  "Sorry, I couldn't look that up right now. Please try again in a moment.";

/** Tenant-wide rule settings, stored under `rules` in the tenant's settings JSON. */
export const rulesSettingsSchema = z.object({
  /** What the visitor is told when a CALL_API fails and no branch handles it; null restores the default. */
  fallbackReply: z.string().trim().min(1).max(2000).nullable(),
});
export type RulesSettings = { fallbackReply: string };

export async function getRulesSettings(db: Db, tenantId: string): Promise<RulesSettings> {
  return { fallbackReply: (await customFallbackReply(db, tenantId)) ?? DEFAULT_FALLBACK_REPLY };
}

/** The fallback reply the tenant wrote, or null while the default applies. */
async function customFallbackReply(db: Db, tenantId: string): Promise<string | null> {
  const stored = (await getTenantSettings(db, tenantId)).rules as { fallbackReply?: unknown } | undefined;
  return typeof stored?.fallbackReply === 'string' && stored.fallbackReply ? stored.fallbackReply : null;
}

/**
 * What a visitor is told when a call fails and no branch handles it. The tenant's own fallback
 * always wins; the default one ("try again in a moment") gives way to `detailsMessage` — the
 * upstream's answer was about the visitor's details (404: nothing found for that order number),
 * so waiting would not help.
 */
export async function fallbackReplyFor(db: Db, tenantId: string, detailsMessage?: string): Promise<string> {
  return (await customFallbackReply(db, tenantId)) ?? detailsMessage ?? DEFAULT_FALLBACK_REPLY;
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
