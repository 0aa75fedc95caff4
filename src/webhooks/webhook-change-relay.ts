import crypto from 'node:crypto';
import type { AppContext } from '../context.ts';
import { subscribeChannel } from '../realtime/redis-connection.ts';
import { forgetAbsence, onWebhookChange } from './webhook-absence.ts';

/**
 * With Redis, tells the installation's other processes when this one changed a tenant's webhooks,
 * so they stop skipping the outbox for that tenant at once (see webhook-absence.ts).
 * Returns the function that stops relaying.
 */
export function relayWebhookChanges(ctx: Pick<AppContext, 'redis' | 'events'>): () => Promise<void> {
  const redis = ctx.redis;
  if (!redis) return async () => {};
  const channel = `${ctx.events.channel}:webhooks`;
  const origin = crypto.randomUUID();
  const subscription = subscribeChannel(redis, channel, (text) => {
    try {
      const message = JSON.parse(text) as { origin?: unknown; tenantId?: unknown };
      if (message.origin !== origin && typeof message.tenantId === 'string') forgetAbsence(message.tenantId);
    } catch {
      // Not ours: ignore.
    }
  });
  const unsubscribe = onWebhookChange((tenantId) => {
    redis.publish(channel, JSON.stringify({ origin, tenantId })).catch(() => undefined);
  });
  return async () => {
    unsubscribe();
    await subscription.close();
  };
}
