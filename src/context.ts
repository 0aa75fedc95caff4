import fs from 'node:fs';
import path from 'node:path';
import type { Redis } from 'ioredis';
import type { Config } from './config.ts';
import { createMessagePipeline, type MessagePipeline } from './conversations/pipeline/message-pipeline.ts';
import { type Db, type DbKind, migrateToLatest } from './db/database.ts';
import { openCheckedDatabase } from './db/open-checked-database.ts';
import { createGuardedFetch, type GuardedFetch, parseAllowList } from './http/guarded-fetch/index.ts';
import { createEventBus, type EventBus, eventChannelFor } from './realtime/event-bus.ts';
import { connectRedis, type RedisConnection, type RedisLogger } from './realtime/redis-connection.ts';
import { decodeMasterKey, MASTER_KEY_FILE, resolveMasterKey } from './vault/master-key.ts';
import { createVault, type Vault } from './vault/vault.ts';

/** Everything a feature needs at run time, built once per process and handed to routes and workers. */
export interface AppContext {
  config: Config;
  db: Db;
  dbKind: DbKind;
  vault: Vault;
  /** Present when REDIS_URL is set; subscribers use `subscribeChannel(redis, …)`. */
  redis: Redis | undefined;
  /** The only way any code calls a tenant-configured URL (SSRF policy, timeout, size cap, redirects). */
  outbound: GuardedFetch;
  /** Domain-event sinks and real-time fan-out, across processes with Redis (src/realtime/event-bus.ts). */
  events: EventBus;
  /** Where stored visitor messages go: the rules engine calls `pipeline.setProcessor(…)`. */
  pipeline: MessagePipeline;
  /** Where the event bus, the Redis connection and the database pool report trouble once the server has a logger. */
  setLogger(logger: RedisLogger): void;
  /** Closers run in reverse order of registration at shutdown (after the HTTP server stopped). */
  onClose(fn: () => Promise<void> | void): void;
  close(): Promise<void>;
}

/** Keys a half-finished `parley rotate-key` may have left beside master.key; they only decrypt. */
function leftoverKeyFiles(dataDir: string): Buffer[] {
  return ['master.key.next', 'master.key.previous']
    .map((name) => path.join(dataDir, name))
    .filter((file) => fs.existsSync(file))
    .map((file) => decodeMasterKey(fs.readFileSync(file, 'utf8').trim(), file));
}

export function createVaultFromConfig(config: Config): Vault {
  const current = resolveMasterKey(config.masterKey, config.dataDir);
  const previous = config.previousMasterKeys.map((k) => decodeMasterKey(k, 'PARLEY_MASTER_KEY_PREVIOUS'));
  if (!config.masterKey) previous.push(...leftoverKeyFiles(config.dataDir));
  return createVault(current, previous);
}

export async function createContext(
  config: Config,
  options: { migrate?: boolean } = {},
): Promise<AppContext> {
  // The database first: with SQLite it creates the data directory the generated master key goes in.
  const handle = await openCheckedDatabase(config);
  let vault: Vault;
  let connection: RedisConnection | undefined;
  try {
    vault = createVaultFromConfig(config);
    if (options.migrate !== false) await migrateToLatest(handle, config.databaseSchema);
    if (config.redisUrl) connection = await connectRedis(config.redisUrl);
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
  const redis = connection?.redis;
  const closers: Array<() => Promise<void> | void> = [];
  const events = createEventBus({ redis, channel: eventChannelFor(config) });
  closers.push(() => events.close());
  const outbound = createGuardedFetch({
    allow: parseAllowList(config.outboundAllow),
    timeoutMs: config.outboundTimeoutMs,
    maxBodyBytes: config.outboundMaxBytes,
  });
  closers.push(() => outbound.close());
  let closing: Promise<void> | undefined;
  return {
    config,
    db: handle.db,
    dbKind: handle.kind,
    vault,
    redis,
    outbound,
    events,
    pipeline: createMessagePipeline(),
    setLogger(logger) {
      events.setLogger(logger);
      connection?.setLogger(logger);
      handle.setLogger(logger);
    },
    onClose: (fn) => closers.push(fn),
    // Idempotent: shutdown paths (signal, app onClose, a test's cleanup) may all call it.
    close() {
      closing ??= (async () => {
        for (const fn of closers.reverse()) await fn();
        if (redis) await redis.quit().catch(() => redis.disconnect());
        await handle.close();
      })();
      return closing;
    },
  };
}

export { MASTER_KEY_FILE };
