import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../../test/helpers/test-app.ts';
import { createEventBus, type EventBus, eventChannelFor } from './event-bus.ts';
import type { RealtimeEvent } from './realtime-event.ts';

const event = (conversationId: string, tenantId: string, content: string): RealtimeEvent => ({
  type: 'message.created',
  tenantId,
  conversationId,
  data: { content, conversationId },
});

function inbox(bus: EventBus, subscribe: 'conversation' | 'tenant', id: string) {
  const frames: string[] = [];
  const waiters: Array<() => void> = [];
  const listener = (_e: RealtimeEvent, frame: string) => {
    frames.push(frame);
    for (const w of [...waiters]) w();
  };
  const off =
    subscribe === 'conversation'
      ? bus.subscribeConversation(id, listener)
      : bus.subscribeTenant(id, listener);
  return {
    frames,
    off,
    until: (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => frames.length >= n && resolve();
        waiters.push(check);
        check();
      }),
  };
}

describe('event bus', () => {
  const connections: Redis[] = [];
  const buses: EventBus[] = [];
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await Promise.all(connections.map((c) => c.quit()));
  });

  function redisBus(channel: string) {
    const redis = new Redis(TEST_REDIS_URL);
    connections.push(redis);
    const bus = createEventBus({ redis, channel });
    buses.push(bus);
    return bus;
  }

  it('delivers in process by conversation and by tenant, one shared frame per event', () => {
    const bus = createEventBus({ channel: 'unused' });
    const conversation = inbox(bus, 'conversation', 'c1');
    const tenant = inbox(bus, 'tenant', 't1');
    const otherTenant = inbox(bus, 'tenant', 't2');
    bus.publish(event('c1', 't1', 'hello'));
    bus.publish(event('c2', 't1', 'elsewhere'));
    expect(conversation.frames).toEqual([
      JSON.stringify({ type: 'message.created', data: { content: 'hello', conversationId: 'c1' } }),
    ]);
    expect(tenant.frames).toHaveLength(2);
    expect(otherTenant.frames).toEqual([]);
    expect(bus.listenerCount()).toBe(3);
    conversation.off();
    conversation.off();
    expect(bus.listenerCount()).toBe(2);
    bus.publish(event('c1', 't1', 'after unsubscribe'));
    expect(conversation.frames).toHaveLength(1);
  });

  it('fans out between processes through Redis, once per bus, never across installations', async () => {
    const channel = `parley:events:test-${crypto.randomBytes(6).toString('hex')}`;
    const one = redisBus(channel);
    const two = redisBus(channel);
    const foreign = redisBus(`${channel}-other`);
    await Promise.all([one.start(), two.start(), foreign.start()]);
    const atOne = inbox(one, 'tenant', 't1');
    const atTwo = inbox(two, 'tenant', 't1');
    const atForeign = inbox(foreign, 'tenant', 't1');

    one.publish(event('c1', 't1', 'from one'));
    two.publish(event('c1', 't1', 'from two'));
    await atOne.until(2);
    await atTwo.until(2);
    // A sentinel on the foreign channel proves that channel works and received nothing else.
    foreign.publish(event('c1', 't1', 'foreign sentinel'));
    await atForeign.until(1);
    expect(atOne.frames.map((f) => JSON.parse(f).data.content).sort()).toEqual(['from one', 'from two']);
    expect(atTwo.frames.map((f) => JSON.parse(f).data.content).sort()).toEqual(['from one', 'from two']);
    expect(atForeign.frames.map((f) => JSON.parse(f).data.content)).toEqual(['foreign sentinel']);
  });

  it('derives one channel per installation id, never from the database URL', () => {
    expect(eventChannelFor('a1b2')).toBe(eventChannelFor('a1b2'));
    expect(eventChannelFor('a1b2')).not.toBe(eventChannelFor('c3d4'));
    expect(eventChannelFor('a1b2')).toMatch(/^parley:events:[0-9a-f]{16}$/);
  });
});
