import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { createWidget, openTenantSocket, openWidgetSocket, startVisitor } from './conversation-test-kit.ts';
import type { MessageJob } from './pipeline/message-processor.ts';

const VISITORS = 50;
const MESSAGES = 20;

describe('concurrent visitors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it(`${VISITORS} visitors × ${MESSAGES} messages: all stored, in order, pushed in order, each processed once`, async () => {
    const processed: MessageJob[] = [];
    let resolveAll = () => {};
    const allProcessed = new Promise<void>((resolve) => {
      resolveAll = resolve;
    });
    t.ctx.pipeline.setProcessor({
      async process(job) {
        processed.push(job);
        if (processed.length === VISITORS * MESSAGES) resolveAll();
      },
    });

    const tenant = await t.createTenant();
    const widget = await createWidget(t, tenant.headers);
    const visitors = await Promise.all(
      Array.from({ length: VISITORS }, () => startVisitor(t.app, widget.id)),
    );
    const sockets = await Promise.all(
      visitors.map((v) => openWidgetSocket(t.app, v.conversationId, v.visitorToken)),
    );
    const tenantStream = await openTenantSocket(t.app, tenant.apiKey.key);

    // Each visitor sends its messages one after another; all visitors at the same time.
    await Promise.all(
      visitors.map(async (visitor, v) => {
        for (let i = 0; i < MESSAGES; i++) {
          const res = await t.app.inject({
            method: 'POST',
            url: `/api/v1/widget/conversations/${visitor.conversationId}/messages`,
            headers: { authorization: `Bearer ${visitor.visitorToken}` },
            payload: { content: `v${v} m${i}` },
          });
          expect(res.statusCode).toBe(201);
        }
      }),
    );

    const expected = (v: number) => Array.from({ length: MESSAGES }, (_, i) => `v${v} m${i}`);
    const rows = await t.ctx.db
      .selectFrom('messages')
      .select(['conversation_id', 'content', 'seq'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('conversation_id')
      .orderBy('seq')
      .execute();
    expect(rows.length).toBe(VISITORS * MESSAGES);
    visitors.forEach((visitor, v) => {
      const mine = rows.filter((r) => r.conversation_id === visitor.conversationId);
      expect(mine.map((r) => r.content)).toEqual(expected(v));
      expect(mine.map((r) => Number(r.seq))).toEqual(Array.from({ length: MESSAGES }, (_, i) => i + 1));
    });

    await Promise.all(
      sockets.map(async ({ log }, v) => {
        const frames = await log.waitFor((f) => f.type === 'message.created', MESSAGES);
        expect(frames.map((f) => f.data.content)).toEqual(expected(v));
      }),
    );
    const streamed = await tenantStream.log.waitFor((f) => f.type === 'message.created', VISITORS * MESSAGES);
    visitors.forEach((visitor, v) => {
      const mine = streamed.filter((f) => f.data.conversationId === visitor.conversationId);
      expect(mine.map((f) => f.data.content)).toEqual(expected(v));
    });

    await allProcessed;
    const ids = processed.map((j) => j.messageId);
    expect(new Set(ids).size).toBe(VISITORS * MESSAGES);
    for (const visitor of visitors) {
      const seqs = processed.filter((j) => j.conversationId === visitor.conversationId).map((j) => j.seq);
      expect(seqs).toEqual(Array.from({ length: MESSAGES }, (_, i) => i + 1));
    }
    for (const { socket } of sockets) socket.terminate();
    tenantStream.socket.terminate();
    // A thousand requests on two shared cores: a generous limit, not a timing assertion.
  }, 120_000);

  it('gives messages written at once to one conversation createdAt times in transcript order', async () => {
    t.ctx.pipeline.setProcessor({ async process() {} });
    const tenant = await t.createTenant();
    const widget = await createWidget(t, tenant.headers);
    const visitor = await startVisitor(t.app, widget.id);
    const url = (side: string) => `/api/v1/${side}/conversations/${visitor.conversationId}/messages`;
    const sends = Array.from({ length: 30 }, (_, i) => [
      t.app.inject({
        method: 'POST',
        url: url('widget'),
        headers: { authorization: `Bearer ${visitor.visitorToken}` },
        payload: { content: `visitor ${i}` },
      }),
      t.app.inject({
        method: 'POST',
        url: url('tenant-api'),
        headers: tenant.headers,
        payload: { content: `operator ${i}`, role: 'operator' },
      }),
    ]).flat();
    for (const res of await Promise.all(sends)) expect(res.statusCode).toBe(201);

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tenant-api/conversations/${visitor.conversationId}?limit=200`,
      headers: tenant.headers,
    });
    const { messages, lastMessageAt } = res.json().data as {
      messages: { createdAt: string }[];
      lastMessageAt: string;
    };
    expect(messages).toHaveLength(60);
    const times = messages.map((m) => m.createdAt);
    // A sync that sorts or pages by createdAt sees the transcript's own order.
    expect(times).toEqual([...times].sort());
    expect(lastMessageAt).toBe(times.at(-1));
  });
});
