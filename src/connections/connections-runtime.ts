import crypto from 'node:crypto';
import type { AppContext } from '../context.ts';
import { subscribeChannel } from '../realtime/redis-connection.ts';
import { createTokenCache, type TokenCache } from './auth/token-cache.ts';
import { type CallLogWriter, createCallLogWriter } from './call-logs/call-log-writer.ts';
import type { EndpointBundle } from './load-endpoint-bundle.ts';

/**
 * How long a decrypted endpoint+connection stays in memory. Edits drop it at once
 * in this process and, with Redis, in every other one (pub/sub); without Redis
 * there is only one process.
 */
export const BUNDLE_TTL_MS = 5_000;
const MAX_BUNDLES = 2_000;
const CHANNEL = 'parley:connections:invalidate';

export interface ConnectionsRuntime {
  tokens: TokenCache;
  callLogs: CallLogWriter;
  bundles: Map<string, { bundle: EndpointBundle; expiresAt: number }>;
  invalidateConnection(tenantId: string, connectionId: string): Promise<void>;
  invalidateEndpoint(endpointId: string): void;
  rememberBundle(bundle: EndpointBundle): void;
}

type Invalidation =
  | { origin: string; kind: 'connection'; tenantId: string; connectionId: string }
  | { origin: string; kind: 'endpoint'; endpointId: string };

const runtimes = new WeakMap<AppContext, ConnectionsRuntime>();

/** The per-process state of the connections feature, created on first use and flushed on shutdown. */
export function connectionsRuntime(ctx: AppContext): ConnectionsRuntime {
  let runtime = runtimes.get(ctx);
  if (runtime) return runtime;
  const origin = crypto.randomUUID();
  const bundles = new Map<string, { bundle: EndpointBundle; expiresAt: number }>();
  const tokens = createTokenCache({
    vault: ctx.vault,
    redis: ctx.redis,
    redisKeyPrefix: ctx.redisKeyPrefix('oauth-token'),
    // Held while one process fetches a token: just past the longest token request.
    lockMs: ctx.config.outboundTimeoutMs + 1_000,
  });
  const callLogs = createCallLogWriter(ctx.db, {
    dbKind: ctx.dbKind,
    retentionDays: ctx.config.callLogRetentionDays,
  });
  ctx.onClose(() => callLogs.flush(), { flush: true });

  const dropConnection = (connectionId: string) => {
    for (const [id, { bundle }] of bundles) if (bundle.connection.id === connectionId) bundles.delete(id);
  };
  const publish = (message: Invalidation) => {
    ctx.redis?.publish(CHANNEL, JSON.stringify(message)).catch(() => undefined);
  };
  if (ctx.redis) {
    const subscription = subscribeChannel(ctx.redis, CHANNEL, (text) => {
      let message: Invalidation;
      try {
        message = JSON.parse(text) as Invalidation;
      } catch {
        return;
      }
      if (message.origin === origin) return;
      if (message.kind === 'endpoint') bundles.delete(message.endpointId);
      else {
        dropConnection(message.connectionId);
        tokens.forget({ tenantId: message.tenantId, connectionId: message.connectionId });
      }
    });
    ctx.onClose(() => subscription.close());
  }

  runtime = {
    tokens,
    callLogs,
    bundles,
    async invalidateConnection(tenantId, connectionId) {
      dropConnection(connectionId);
      await tokens.invalidate({ tenantId, connectionId });
      publish({ origin, kind: 'connection', tenantId, connectionId });
    },
    invalidateEndpoint(endpointId) {
      bundles.delete(endpointId);
      publish({ origin, kind: 'endpoint', endpointId });
    },
    rememberBundle(bundle) {
      if (bundles.size >= MAX_BUNDLES) bundles.delete(bundles.keys().next().value as string);
      bundles.set(bundle.endpoint.id, { bundle, expiresAt: Date.now() + BUNDLE_TTL_MS });
    },
  };
  runtimes.set(ctx, runtime);
  return runtime;
}

/**
 * Stores the call-log entries this process still holds. The message pipeline calls it before a
 * reply and before a job ends, so a reply that reached the visitor never outlives, in a crash,
 * the log entry (and `call.failed` event) of the call it reports on.
 */
export function flushCallLogs(ctx: AppContext): Promise<void> {
  return connectionsRuntime(ctx).callLogs.flush();
}
