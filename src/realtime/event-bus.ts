import crypto from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { installationTag } from './installation-keys.ts';
import { createLocalFanout, type EventListener } from './local-fanout.ts';
import type { DomainEvent, RealtimeEvent } from './realtime-event.ts';
import { createRedisRelay, type RedisRelay } from './redis-relay.ts';

/** Runs inside the write transaction of every domain event (e.g. the webhooks outbox writer). */
export type EventSink = (trx: Transaction<Database>, event: DomainEvent) => Promise<void>;

export interface EventBusLogger {
  warn(obj: unknown, message: string): void;
}

export interface EventBus {
  /** The installation's Redis channel (other cross-process messages use it as their prefix). */
  readonly channel: string;
  /** Adds an in-transaction sink; returns a function that removes it. */
  registerSink(sink: EventSink): () => void;
  readonly sinks: readonly EventSink[];
  /**
   * Delivers to this process's sockets and, with Redis, to every other process's.
   * Domain events reach it only after their transaction committed (see `recordEvent`).
   */
  publish(event: RealtimeEvent): void;
  subscribeConversation(conversationId: string, listener: EventListener): () => void;
  subscribeTenant(tenantId: string, listener: EventListener): () => void;
  /** Listeners open in this process. */
  listenerCount(): number;
  /** Starts the Redis subscription (no-op without Redis); idempotent. */
  start(): Promise<void>;
  close(): Promise<void>;
  setLogger(logger: EventBusLogger): void;
}

/** One channel per installation (see installation-keys.ts); its name predates the key prefix. */
export function eventChannelFor(installationId: string): string {
  return `parley:events:${installationTag(installationId)}`;
}

/** In-process by default; with a Redis connection, fan-out spans every process of the installation. */
export function createEventBus(options: { redis?: Redis; channel: string }): EventBus {
  let logger: EventBusLogger = { warn: () => {} };
  const sinks: EventSink[] = [];
  const local = createLocalFanout((error) => logger.warn({ err: error }, 'a real-time listener failed'));
  const relay: RedisRelay | undefined = options.redis
    ? createRedisRelay({
        redis: options.redis,
        channel: options.channel,
        origin: crypto.randomUUID(),
        onRemoteEvent: (event) => local.deliver(event),
        onError: (error, message) => logger.warn({ err: error }, message),
      })
    : undefined;

  return {
    channel: options.channel,
    registerSink(sink) {
      sinks.push(sink);
      return () => {
        const index = sinks.indexOf(sink);
        if (index >= 0) sinks.splice(index, 1);
      };
    },
    sinks,
    publish(event) {
      local.deliver(event);
      relay?.publish(event);
    },
    subscribeConversation: local.subscribeConversation,
    subscribeTenant: local.subscribeTenant,
    listenerCount: local.size,
    start: async () => relay?.start(),
    close: async () => relay?.close(),
    setLogger(next) {
      logger = next;
    },
  };
}
