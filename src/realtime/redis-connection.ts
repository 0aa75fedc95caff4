import { Redis } from 'ioredis';
import { ConfigError, displayUrl } from '../config.ts';
import { createOutageLog } from '../observability/outage-log.ts';

export interface RedisLogger {
  warn(obj: unknown, message: string): void;
  info(obj: unknown, message: string): void;
}

/** The shared connection plus where its errors go once the server has a logger. */
export interface RedisConnection {
  redis: Redis;
  setLogger(logger: RedisLogger): void;
}

// While Redis is down ioredis retries about every 2 s; one warning per this many ms is enough.
const WARN_EVERY_MS = 30_000;

/**
 * Opens REDIS_URL and waits until it answers, so a wrong URL or a Redis that is not running stops
 * start-up with one sentence instead of a stack trace and a crash on the first command. Later
 * outages are survived: ioredis reconnects, features that use Redis fall back or skip (see the
 * rate limits), and the logger gets one warning per 30 s instead of ioredis's "Unhandled error
 * event" on stderr for every attempt.
 */
export async function connectRedis(url: string, readyTimeoutMs = 5000): Promise<RedisConnection> {
  // No offline queue: while Redis is down a command fails at once, so a rate-limited request
  // passes uncounted now instead of waiting for three reconnect attempts (seconds each, growing).
  const redis = new Redis(url, {
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
    enableOfflineQueue: false,
  });
  let logger: RedisLogger | undefined;
  let lastError: Error | undefined;
  const outage = createOutageLog(
    () => logger,
    {
      down: 'Redis is unreachable; retrying (rate limits are not enforced meanwhile)',
      up: 'Redis is reachable again',
    },
    WARN_EVERY_MS,
  );
  redis.on('error', (error: Error) => {
    lastError = error;
    outage.failed(error);
  });
  redis.on('ready', () => outage.succeeded());
  try {
    await whenReady(redis, readyTimeoutMs);
  } catch {
    redis.disconnect();
    const reason = lastError?.message ?? `no answer within ${readyTimeoutMs / 1000} s`;
    throw new ConfigError(
      `cannot reach Redis at ${displayUrl(url)} (REDIS_URL): ${reason}. Start Redis, correct REDIS_URL, or unset it to run a single process without Redis.`,
    );
  }
  return {
    redis,
    setLogger(next) {
      logger = next;
    },
  };
}

function whenReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error('timeout'));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}

/** One channel on a connection of its own (a subscribed connection can do nothing else). */
export interface ChannelSubscription {
  /** Resolves once Redis has confirmed the first subscription. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Subscribes to `channel` and stays subscribed across reconnects. ioredis's own re-subscription
 * after a reconnect leaves a failed SUBSCRIBE unhandled (redis/ioredis#2187, fixed after 6.0.0): a
 * connection that drops again before Redis answers became an unhandled rejection, which ends a Node
 * process. So re-subscribing is done here, with a failure left to the next reconnect. Errors are the
 * shared connection's too, which reports them once per 30 s: kept quiet here.
 */
export function subscribeChannel(
  redis: Redis,
  channel: string,
  onMessage: (message: string) => void,
): ChannelSubscription {
  // The first SUBSCRIBE is sent while the new connection is still opening: it waits in the queue.
  const subscriber = redis.duplicate({ autoResubscribe: false, enableOfflineQueue: true });
  subscriber.on('error', () => {});
  subscriber.on('message', (received: string, message: string) => {
    if (received === channel) onMessage(message);
  });
  let connectedBefore = false;
  subscriber.on('ready', () => {
    if (connectedBefore) subscriber.subscribe(channel).catch(() => {});
    connectedBefore = true;
  });
  const ready = subscriber.subscribe(channel).then(() => undefined);
  ready.catch(() => {});
  return {
    ready,
    close: () =>
      subscriber.quit().then(
        () => undefined,
        () => subscriber.disconnect(),
      ),
  };
}
