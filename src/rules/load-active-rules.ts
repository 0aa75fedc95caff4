import type { Db } from '../db/database.ts';
import { type CompiledRule, compileRule } from './compile-rule.ts';
import { readRuleRevision } from './rule-revision.ts';
import { loadTenantRules } from './rules.repository.ts';

interface CachedRules {
  revision: number;
  rules: CompiledRule[];
}

const caches = new WeakMap<Db, Map<string, CachedRules>>();
const MAX_TENANTS = 10_000;

/**
 * The tenant's enabled rules for a widget (its own and the all-widget ones), compiled and in
 * evaluation order. Each call costs one primary-key read of the tenant's rules revision, which
 * every create, edit and delete bumps in its transaction, so every process sees another
 * process's edits on the next message without any shared invalidation channel.
 */
export async function loadActiveRules(
  db: Db,
  tenantId: string,
  widgetId: string | null,
  /** The revision when the caller already read it (the pipeline reads it with the conversation). */
  knownRevision?: number,
): Promise<CompiledRule[]> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const revision = knownRevision ?? (await readRuleRevision(db, tenantId));
  let cached = cache.get(tenantId);
  if (!cached || cached.revision !== revision) {
    const rules = (await loadTenantRules(db, tenantId)).filter((rule) => rule.enabled).map(compileRule);
    cached = { revision, rules };
    if (cache.size >= MAX_TENANTS) cache.delete(cache.keys().next().value as string);
    cache.set(tenantId, cached);
  }
  return cached.rules.filter((rule) => rule.widgetId === null || rule.widgetId === widgetId);
}
