import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import { type Config, ConfigError, displayUrl } from './config.ts';
import { createMessagePipeline, type MessagePipeline } from './conversations/pipeline/message-pipeline.ts';
import { type Db, type DbKind, migrateToLatest } from './db/database.ts';
import { openCheckedDatabase } from './db/open-checked-database.ts';
import { createGuardedFetch, type GuardedFetch, parseAllowList } from './http/guarded-fetch/index.ts';
import { countOutboundCalls, type OutboundCallCounts } from './observability/outbound-calls.ts';
import { createEventBus, type EventBus, eventChannelFor } from './realtime/event-bus.ts';
import { redisKeyPrefix } from './realtime/installation-keys.ts';
import { connectRedis, type RedisConnection, type RedisLogger } from './realtime/redis-connection.ts';
import { keyFilePath, keyFilesSource, readKeyFiles } from './vault/key-files.ts';
import { decodeMasterKey, MASTER_KEY_FILE } from './vault/master-key.ts';
import { checkMasterKey, type MasterKeySetting } from './vault/master-key-check.ts';
import { createVault, type Vault, type VaultLogger } from './vault/vault.ts';

/** Everything a feature needs at run time, built once per process and handed to routes and workers. */
export interface AppContext {
  config: Config;
  db: Db;
  dbKind: DbKind;
  /** The random id of this installation (its database), made once by migration 0009. */
  installationId: string;
  vault: Vault;
  /** Present when REDIS_URL is set; subscribers use `subscribeChannel(redis, …)`. */
  redis: Redis | undefined;
  /** The prefix of one feature's Redis keys, scoped to this installation (`parley:<tag>:<purpose>:`). */
  redisKeyPrefix(purpose: string): string;
  /** The only way any code calls a tenant-configured URL (SSRF policy, timeout, size cap, redirects). */
  outbound: GuardedFetch;
  /** Calls through `outbound` by outcome, for /metrics. */
  outboundCalls: OutboundCallCounts;
  /** Domain-event sinks and real-time fan-out, across processes with Redis (src/realtime/event-bus.ts). */
  events: EventBus;
  /** Where stored visitor messages go: the rules engine calls `pipeline.setProcessor(…)`. */
  pipeline: MessagePipeline;
  /** Where the event bus, the vault, the Redis connection and the database pool report trouble once the server has a logger. */
  setLogger(logger: RedisLogger & VaultLogger): void;
  /**
   * Closers run in reverse order of registration at shutdown (after the HTTP server stopped).
   * `flush` ones write what a feature buffered; they run after every other closer, when nothing
   * (a message job still draining, say) can add to the buffer any more, before the database closes.
   */
  onClose(fn: () => Promise<void> | void, options?: { flush?: boolean }): void;
  close(): Promise<void>;
}

/**
 * PARLEY_MASTER_KEY (+ PARLEY_MASTER_KEY_PREVIOUS), fixed for the life of the process; or the
 * generated key files, which `parley rotate-key` may rotate while this process runs (see key-files.ts).
 */
export function createVaultFromConfig(config: Config): Vault {
  const previous = config.previousMasterKeys.map((k) => decodeMasterKey(k, 'PARLEY_MASTER_KEY_PREVIOUS'));
  if (config.masterKey) return createVault(decodeMasterKey(config.masterKey), previous);
  const ring = readKeyFiles(config.dataDir);
  const files = keyFilesSource(config.dataDir);
  return createVault(ring.current, [...ring.previous, ...previous], {
    changed: files.changed,
    read: () => {
      const next = files.read();
      return { current: next.current, previous: [...next.previous, ...previous] };
    },
  });
}

function masterKeySetting(config: Config): MasterKeySetting {
  if (config.masterKey) {
    return {
      name: 'PARLEY_MASTER_KEY',
      advice:
        'Set PARLEY_MASTER_KEY to the key this installation uses; a new key is introduced by rotation (README, "Rotating the master key").',
    };
  }
  return {
    name: keyFilePath(config.dataDir, MASTER_KEY_FILE),
    advice:
      'Restore the master.key backed up with this database (PARLEY_DATA_DIR), or set PARLEY_MASTER_KEY to it.',
  };
}

async function readInstallationId(db: Db): Promise<string> {
  const row = (await sql<{ id: string }>`select id from installation`.execute(db)).rows[0];
  if (!row) throw new ConfigError('the database has no installation row: run parley migrate.');
  return row.id;
}

/**
 * ioredis answers a failed SELECT (a database index the server does not have) with an 'error'
 * event and carries on in database 0: rate limits and tokens would then mix with whatever else uses
 * database 0. Selecting again here surfaces the refusal at start-up.
 */
async function checkRedisDatabase(redis: Redis, url: string): Promise<void> {
  const index = Number(redis.options.db ?? 0);
  if (index === 0) return;
  try {
    await redis.select(index);
  } catch (error) {
    throw new ConfigError(
      `REDIS_URL ${displayUrl(url)} selects database ${index}, which this Redis refuses (${(error as Error).message}): use an index below its "databases" setting (16 by default), or none.`,
    );
  }
}

export async function createContext(
  config: Config,
  options: { migrate?: boolean } = {},
): Promise<AppContext> {
  // The database first: with SQLite it creates the data directory the generated master key goes in.
  const handle = await openCheckedDatabase(config);
  let vault: Vault;
  let installationId: string;
  let connection: RedisConnection | undefined;
  try {
    vault = createVaultFromConfig(config);
    if (options.migrate !== false) await migrateToLatest(handle, config.databaseSchema);
    installationId = await readInstallationId(handle.db);
    await checkMasterKey(handle.db, vault, masterKeySetting(config));
    if (config.redisUrl) {
      connection = await connectRedis(config.redisUrl);
      await checkRedisDatabase(connection.redis, config.redisUrl);
    }
  } catch (error) {
    connection?.redis.disconnect();
    await handle.close().catch(() => {});
    throw error;
  }
  const redis = connection?.redis;
  const closers: Array<() => Promise<void> | void> = [];
  const flushers: Array<() => Promise<void> | void> = [];
  const events = createEventBus({ redis, channel: eventChannelFor(installationId) });
  closers.push(() => events.close());
  const guarded = createGuardedFetch({
    allow: parseAllowList(config.outboundAllow),
    timeoutMs: config.outboundTimeoutMs,
    maxBodyBytes: config.outboundMaxBytes,
  });
  closers.push(() => guarded.close());
  const { fetch: outbound, counts: outboundCalls } = countOutboundCalls(guarded);
  let closing: Promise<void> | undefined;
  return {
    config,
    db: handle.db,
    dbKind: handle.kind,
    installationId,
    vault,
    redis,
    redisKeyPrefix: (purpose) => redisKeyPrefix(installationId, purpose),
    outbound,
    outboundCalls,
    events,
    pipeline: createMessagePipeline(),
    setLogger(logger) {
      events.setLogger(logger);
      vault.setLogger(logger);
      connection?.setLogger(logger);
      handle.setLogger(logger);
    },
    onClose: (fn, options) => (options?.flush ? flushers : closers).push(fn),
    // Idempotent: shutdown paths (signal, app onClose, a test's cleanup) may all call it.
    close() {
      closing ??= (async () => {
        for (const fn of closers.reverse()) await fn();
        for (const fn of flushers) await fn();
        if (redis) await redis.quit().catch(() => redis.disconnect());
        await handle.close();
      })();
      return closing;
    },
  };
}

export { MASTER_KEY_FILE };
