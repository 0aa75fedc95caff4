import type { Redis } from 'ioredis';
import type { RealtimeEvent } from './realtime-event.ts';
import { type ChannelSubscription, subscribeChannel } from './redis-connection.ts';

export interface RedisRelay {
  /** Subscribes once for the whole process; resolves when Redis has confirmed the subscription. */
  start(): Promise<void>;
  publish(event: RealtimeEvent): void;
  close(): Promise<void>;
}

interface Envelope {
  /** The publishing bus; it already delivered locally, so it skips its own echo. */
  o: string;
  e: RealtimeEvent;
}

export interface RedisRelayOptions {
  redis: Redis;
  channel: string;
  origin: string;
  onRemoteEvent(event: RealtimeEvent): void;
  onError(error: unknown, message: string): void;
}

/**
 * Fans events out between server processes through one Redis pub/sub channel per installation.
 * One subscriber connection (a duplicate, since a subscribed connection can do nothing else)
 * per process — never one per socket.
 */
export function createRedisRelay(options: RedisRelayOptions): RedisRelay {
  const { redis, channel, origin } = options;
  let subscription: ChannelSubscription | undefined;
  let starting: Promise<void> | undefined;

  function onMessage(payload: string) {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch (error) {
      options.onError(error, 'ignored a malformed real-time event from Redis');
      return;
    }
    if (envelope.o === origin || !envelope.e) return;
    options.onRemoteEvent(envelope.e);
  }

  return {
    start() {
      subscription ??= subscribeChannel(redis, channel, onMessage);
      starting ??= subscription.ready;
      return starting;
    },
    publish(event) {
      const envelope: Envelope = { o: origin, e: event };
      redis.publish(channel, JSON.stringify(envelope)).catch((error: unknown) => {
        options.onError(error, 'could not publish a real-time event to Redis');
      });
    },
    async close() {
      const current = subscription;
      subscription = undefined;
      await current?.close();
    },
  };
}
