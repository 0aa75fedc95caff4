import type { AppContext } from '../context.ts';
import { createTokenCache, type TokenCache } from './auth/token-cache.ts';
import { type CallLogWriter, createCallLogWriter } from './call-logs/call-log-writer.ts';
import type { EndpointBundle } from './load-endpoint-bundle.ts';

/** How long a decrypted endpoint+connection stays in memory; edits in this process drop it at once. */
export const BUNDLE_TTL_MS = 5_000;
const MAX_BUNDLES = 2_000;

export interface ConnectionsRuntime {
  tokens: TokenCache;
  callLogs: CallLogWriter;
  bundles: Map<string, { bundle: EndpointBundle; expiresAt: number }>;
  invalidateConnection(tenantId: string, connectionId: string): Promise<void>;
  invalidateEndpoint(endpointId: string): void;
  rememberBundle(bundle: EndpointBundle): void;
}

const runtimes = new WeakMap<AppContext, ConnectionsRuntime>();

/** The per-process state of the connections feature, created on first use and flushed on shutdown. */
export function connectionsRuntime(ctx: AppContext): ConnectionsRuntime {
  let runtime = runtimes.get(ctx);
  if (runtime) return runtime;
  const bundles = new Map<string, { bundle: EndpointBundle; expiresAt: number }>();
  const tokens = createTokenCache({ vault: ctx.vault, redis: ctx.redis });
  const callLogs = createCallLogWriter(ctx.db, {
    dbKind: ctx.dbKind,
    retentionDays: ctx.config.callLogRetentionDays,
  });
  ctx.onClose(() => callLogs.flush());
  runtime = {
    tokens,
    callLogs,
    bundles,
    async invalidateConnection(tenantId, connectionId) {
      for (const [id, { bundle }] of bundles) {
        if (bundle.connection.id === connectionId) bundles.delete(id);
      }
      await tokens.invalidate({ tenantId, connectionId });
    },
    invalidateEndpoint(endpointId) {
      bundles.delete(endpointId);
    },
    rememberBundle(bundle) {
      if (bundles.size >= MAX_BUNDLES) bundles.delete(bundles.keys().next().value as string);
      bundles.set(bundle.endpoint.id, { bundle, expiresAt: Date.now() + BUNDLE_TTL_MS });
    },
  };
  runtimes.set(ctx, runtime);
  return runtime;
}
