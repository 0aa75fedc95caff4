import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import {
  collectFrames,
  connectSocket,
  createWidget,
  type Frame,
  openTenantSocket,
  openWidgetSocket,
  sendVisitorMessage,
  setUpConversation,
  tenantEventsUrl,
} from '../conversations/conversation-test-kit.ts';
import { noopProcessor } from '../conversations/pipeline/message-processor.ts';
import { streamSocketsFor } from '../tenant-api/stream-credentials.ts';

const api = '/api/v1/tenant-api';
const isMessage = (content: string) => (f: Frame) =>
  f.type === 'message.created' && f.data.content === content;

describe('real-time delivery', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // These tests look at exact transcripts: no automatic replies from the rules engine.
    t.ctx.pipeline.setProcessor(noopProcessor);
  });
  afterAll(() => t.close());

  async function postAsTenant(
    headers: Record<string, string>,
    conversationId: string,
    content: string,
    role = 'operator',
  ) {
    const res = await t.app.inject({
      method: 'POST',
      url: `${api}/conversations/${conversationId}/messages`,
      headers,
      payload: { content, role },
    });
    expect(res.statusCode).toBe(201);
    return res.json().data;
  }

  it("delivers an operator message sent through the Tenant API to the visitor's open socket", async () => {
    const { tenant, visitor } = await setUpConversation(t);
    const { socket, log } = await openWidgetSocket(t.app, visitor.conversationId, visitor.visitorToken);
    const sent = await postAsTenant(tenant.headers, visitor.conversationId, 'Hi, Anna here');
    const [frame] = await log.waitFor(isMessage('Hi, Anna here'));
    expect(frame).toEqual({
      type: 'message.created',
      data: { ...sent, conversationId: visitor.conversationId },
    });
    socket.terminate();
  });

  it("delivers visitor messages and conversation changes to the tenant's event stream", async () => {
    const { tenant, widget } = await setUpConversation(t);
    const { socket, log } = await openTenantSocket(t.app, tenant.apiKey.key);
    const start = await t.app.inject({
      method: 'POST',
      url: `/api/v1/widget/${widget.id}/conversations`,
      payload: {},
    });
    const visitor = start.json().data;
    const created = await log.waitFor((f) => f.type === 'conversation.created');
    expect(created[0].data).toMatchObject({
      id: visitor.conversationId,
      widgetId: widget.id,
      status: 'open',
    });

    const message = await sendVisitorMessage(t.app, visitor, 'Where is my order?');
    const [frame] = await log.waitFor(isMessage('Where is my order?'));
    expect(frame.data).toEqual(message);

    await t.app.inject({
      method: 'PATCH',
      url: `${api}/conversations/${visitor.conversationId}`,
      headers: tenant.headers,
      payload: { status: 'closed' },
    });
    const [updated] = await log.waitFor((f) => f.type === 'conversation.updated');
    expect(updated.data).toMatchObject({ id: visitor.conversationId, status: 'closed' });

    // The visitor writes again: the conversation is reopened, and the inbox hears of it.
    await sendVisitorMessage(t.app, visitor, 'One more question');
    const reopened = await log.waitFor((f) => f.type === 'conversation.updated' && f.data.status === 'open');
    expect(reopened[0].data).toMatchObject({ id: visitor.conversationId, status: 'open' });
    const detail = await t.app.inject({
      url: `${api}/conversations/${visitor.conversationId}`,
      headers: tenant.headers,
    });
    expect(detail.json().data.status).toBe('open');
    socket.terminate();
  });

  it("never shows a tenant another tenant's events", async () => {
    const a = await setUpConversation(t);
    const b = await setUpConversation(t);
    const streamB = await openTenantSocket(t.app, b.tenant.apiKey.key);
    const streamA = await openTenantSocket(t.app, a.tenant.apiKey.key);
    await sendVisitorMessage(t.app, a.visitor, 'secret of A');
    await postAsTenant(a.tenant.headers, a.visitor.conversationId, 'reply of A');
    await t.app.inject({
      method: 'PATCH',
      url: `${api}/conversations/${a.visitor.conversationId}`,
      headers: a.tenant.headers,
      payload: { status: 'pending' },
    });
    await streamA.log.waitFor((f) => f.type === 'conversation.updated');
    // Events are fanned out in publish order: once B's own sentinel arrives, anything of A would have too.
    await sendVisitorMessage(t.app, b.visitor, 'sentinel of B');
    await streamB.log.waitFor(isMessage('sentinel of B'));
    expect(streamB.log.frames.map((f) => f.data.conversationId ?? f.data.id)).toEqual([
      b.visitor.conversationId,
    ]);
    expect(JSON.stringify(streamB.log.frames)).not.toContain('of A');
    streamA.socket.terminate();
    streamB.socket.terminate();
  });

  it('refuses the tenant stream without a valid key (401 before the upgrade) and accepts ?apiKey=', async () => {
    await expect(connectSocket(await tenantEventsUrl(t.app))).rejects.toThrow(/401/);
    await expect(connectSocket(await tenantEventsUrl(t.app), { 'x-api-key': 'tak_nope' })).rejects.toThrow(
      /401/,
    );
    const { tenant, visitor } = await setUpConversation(t);
    const socket = await connectSocket(await tenantEventsUrl(t.app, `?apiKey=${tenant.apiKey.key}`));
    const log = collectFrames(socket);
    await sendVisitorMessage(t.app, visitor, 'via query key');
    await log.waitFor(isMessage('via query key'));
    socket.terminate();
  });

  it("closes a widget socket with 4401 for a wrong token or another conversation's token", async () => {
    const a = await setUpConversation(t);
    const b = await setUpConversation(t);
    for (const [id, token] of [
      [a.visitor.conversationId, 'wrong'],
      [a.visitor.conversationId, b.visitor.visitorToken],
      [crypto.randomUUID(), a.visitor.visitorToken],
      [a.visitor.conversationId, ''],
    ]) {
      const { log } = await openWidgetSocket(t.app, id, token);
      expect((await log.closed).code).toBe(4401);
    }
  });

  it("refuses a widget socket from a page outside the widget's allowedOrigins (4401)", async () => {
    const tenant = await t.createTenant();
    const widget = await createWidget(t, tenant.headers, { allowedOrigins: ['https://shop.example.com'] });
    const start = await t.app.inject({
      method: 'POST',
      url: `/api/v1/widget/${widget.id}/conversations`,
      headers: { origin: 'https://shop.example.com' },
      payload: {},
    });
    const visitor = start.json().data;
    const { conversationId, visitorToken } = visitor;
    const elsewhere = await openWidgetSocket(t.app, conversationId, visitorToken, {
      origin: 'https://evil.example',
    });
    expect(await elsewhere.log.closed).toEqual({
      code: 4401,
      reason: 'This widget cannot be used from this origin.',
    });
    for (const headers of [{ origin: 'https://shop.example.com' }, {}] as Record<string, string>[]) {
      const { socket, log } = await openWidgetSocket(t.app, conversationId, visitorToken, headers);
      await sendVisitorMessage(t.app, visitor, `via ${JSON.stringify(headers)}`);
      await log.waitFor(isMessage(`via ${JSON.stringify(headers)}`));
      socket.terminate();
    }
  });

  it("gives a visitor socket only its own conversation's events", async () => {
    const a = await setUpConversation(t);
    const sibling = await setUpConversation(t);
    const { socket, log } = await openWidgetSocket(t.app, a.visitor.conversationId, a.visitor.visitorToken);
    await sendVisitorMessage(t.app, sibling.visitor, 'not for A');
    await postAsTenant(sibling.tenant.headers, sibling.visitor.conversationId, 'also not for A');
    await postAsTenant(a.tenant.headers, a.visitor.conversationId, 'for A');
    await log.waitFor(isMessage('for A'));
    expect(log.frames.every((f) => f.data.conversationId === a.visitor.conversationId)).toBe(true);
    await t.app.inject({
      method: 'PATCH',
      url: `${api}/conversations/${a.visitor.conversationId}`,
      headers: a.tenant.headers,
      payload: { status: 'closed' },
    });
    const [updated] = await log.waitFor((f) => f.type === 'conversation.updated');
    expect(updated.data).toMatchObject({ id: a.visitor.conversationId, status: 'closed' });
    socket.terminate();
  });

  it('shows typing while the pipeline works, then its reply', async () => {
    const { visitor } = await setUpConversation(t);
    t.ctx.pipeline.setProcessor({
      async process(_job, tools) {
        await tools.reply('Your order has shipped.');
      },
    });
    try {
      const { socket, log } = await openWidgetSocket(t.app, visitor.conversationId, visitor.visitorToken);
      await sendVisitorMessage(t.app, visitor, 'status?');
      await log.waitFor((f) => f.type === 'typing' && f.data.active === false);
      expect(log.frames.map((f) => `${f.type}:${f.data.role ?? f.data.active}`)).toEqual([
        'message.created:visitor',
        'typing:true',
        'message.created:ai',
        'typing:false',
      ]);
      const reply = log.frames[2].data;
      expect(reply).toMatchObject({ content: 'Your order has shipped.', isAutoReply: true, role: 'ai' });
      socket.terminate();
    } finally {
      t.ctx.pipeline.setProcessor(noopProcessor);
    }
  });

  it('lets a reconnecting widget catch up with after=', async () => {
    const { tenant, visitor } = await setUpConversation(t);
    const first = await openWidgetSocket(t.app, visitor.conversationId, visitor.visitorToken);
    await postAsTenant(tenant.headers, visitor.conversationId, 'seen live');
    const [seen] = await first.log.waitFor(isMessage('seen live'));
    first.socket.close();
    await first.log.closed;

    await postAsTenant(tenant.headers, visitor.conversationId, 'missed 1');
    await sendVisitorMessage(t.app, visitor, 'missed 2');

    const second = await openWidgetSocket(t.app, visitor.conversationId, visitor.visitorToken);
    const catchUp = await t.app.inject({
      url: `/api/v1/widget/conversations/${visitor.conversationId}/messages?after=${seen.data.id}`,
      headers: { authorization: `Bearer ${visitor.visitorToken}` },
    });
    expect(catchUp.json().data.map((m: { content: string }) => m.content)).toEqual(['missed 1', 'missed 2']);
    await postAsTenant(tenant.headers, visitor.conversationId, 'live again');
    await second.log.waitFor(isMessage('live again'));
    second.socket.terminate();
  });

  it('runs event sinks inside the write transaction; a failing sink rolls the write back', async () => {
    const { tenant, visitor } = await setUpConversation(t);
    const seen: string[] = [];
    const unregister = t.ctx.events.registerSink(async (trx, event) => {
      const row = await trx
        .selectFrom('messages')
        .select('content')
        .where('conversation_id', '=', event.conversationId)
        .orderBy('seq', 'desc')
        .executeTakeFirst();
      seen.push(`${event.type}:${row?.content}`);
      if (row?.content === 'explode') throw new Error('sink failed');
    });
    try {
      await postAsTenant(tenant.headers, visitor.conversationId, 'kept');
      const failed = await t.app.inject({
        method: 'POST',
        url: `${api}/conversations/${visitor.conversationId}/messages`,
        headers: tenant.headers,
        payload: { content: 'explode' },
      });
      expect(failed.statusCode).toBe(500);
    } finally {
      unregister();
    }
    expect(seen).toEqual(['message.created:kept', 'message.created:explode']);
    const stored = await t.ctx.db
      .selectFrom('messages')
      .select('content')
      .where('conversation_id', '=', visitor.conversationId)
      .execute();
    expect(stored.map((r) => r.content)).toEqual(['kept']);
  });
});

it('closes open sockets with 1001 (going away) when the server shuts down, so clients reconnect elsewhere', async () => {
  const t = await createTestApp();
  const { tenant, visitor } = await setUpConversation(t);
  const widget = await openWidgetSocket(t.app, visitor.conversationId, visitor.visitorToken);
  const stream = await openTenantSocket(t.app, tenant.apiKey.key);
  await t.close();
  expect(await widget.log.closed).toMatchObject({ code: 1001 });
  expect(await stream.log.closed).toMatchObject({ code: 1001 });
});

describe('tenant stream credentials', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.pipeline.setProcessor(noopProcessor);
  });
  afterAll(() => t.close());

  async function newKey(headers: Record<string, string>) {
    const res = await t.app.inject({
      method: 'POST',
      url: `${api}/api-keys`,
      headers,
      payload: { name: 'stream' },
    });
    expect(res.statusCode).toBe(201);
    return res.json().data as { id: string; key: string };
  }

  it('closes the sockets of a key when it is revoked, and only those', async () => {
    const { tenant, visitor } = await setUpConversation(t);
    const doomed = await newKey(tenant.headers);
    const revoked = await openTenantSocket(t.app, doomed.key);
    const kept = await openTenantSocket(t.app, tenant.apiKey.key);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `${api}/api-keys/${doomed.id}`,
      headers: tenant.headers,
    });
    expect(res.statusCode).toBe(204);
    expect(await revoked.log.closed).toEqual({ code: 4401, reason: 'API key revoked.' });

    await sendVisitorMessage(t.app, visitor, 'still streaming');
    await kept.log.waitFor(isMessage('still streaming'));
    kept.socket.terminate();
  });

  it('closes a socket whose key another process revoked, at the next check', async () => {
    const { tenant } = await setUpConversation(t);
    const other = await newKey(tenant.headers);
    const revokedElsewhere = await openTenantSocket(t.app, other.key);
    const kept = await openTenantSocket(t.app, tenant.apiKey.key);
    await t.ctx.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', other.id)
      .execute();
    await streamSocketsFor(t.ctx.db).sweep();
    expect(await revokedElsewhere.log.closed).toEqual({
      code: 4401,
      reason: 'Credentials revoked or expired.',
    });
    expect(kept.socket.readyState).toBe(kept.socket.OPEN);
    kept.socket.terminate();
  });
});
