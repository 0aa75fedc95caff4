/**
 * Which (tenant, event type) pairs are known to have no enabled webhook. The outbox writer runs in
 * the write transaction of every domain event — three per answered visitor message — and most
 * tenants have no webhook, so "none" is remembered for a moment instead of asked every time.
 *
 * Any webhook write in this process forgets the tenant's entries at once (and, through
 * `onWebhookChange`, tells the other processes over Redis); without Redis, another process sees
 * a new webhook within ABSENCE_TTL_MS. Only absence is remembered: a tenant with webhooks always
 * gets the real query, so a deleted or disabled webhook never receives a delivery.
 * Tenant ids are UUIDs, unique across databases, so one map serves every context of the process.
 */
export const ABSENCE_TTL_MS = 2_000;
const MAX_TENANTS = 10_000;

/** tenant id → event type → remembered until (epoch ms). */
const tenants = new Map<string, Map<string, number>>();
const changeListeners = new Set<(tenantId: string) => void>();
// Bumped by every change anywhere: a read that raced with a change is not remembered.
let generation = 0;

export function knownAbsent(tenantId: string, type: string, now = Date.now()): boolean {
  const until = tenants.get(tenantId)?.get(type);
  return until !== undefined && until > now;
}

/** Read before the query whose empty answer may be remembered. */
export function absenceGeneration(): number {
  return generation;
}

export function rememberAbsent(tenantId: string, type: string, readAt: number, now = Date.now()): void {
  if (readAt !== generation) return;
  let types = tenants.get(tenantId);
  if (!types) {
    if (tenants.size >= MAX_TENANTS) tenants.clear();
    types = new Map();
    tenants.set(tenantId, types);
  }
  types.set(type, now + ABSENCE_TTL_MS);
}

/** Forgets what this process remembered about the tenant (a change here or in another process). */
export function forgetAbsence(tenantId: string): void {
  generation++;
  tenants.delete(tenantId);
}

/** Call after a webhook of the tenant was created, changed or removed. */
export function webhooksChanged(tenantId: string): void {
  forgetAbsence(tenantId);
  for (const listener of changeListeners) listener(tenantId);
}

/** Lets the delivery runtime pass changes on to other processes; returns the unsubscribe. */
export function onWebhookChange(listener: (tenantId: string) => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}
