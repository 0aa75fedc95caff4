import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import {
  createWidget,
  sendVisitorMessage,
  setUpConversation,
} from '../conversations/conversation-test-kit.ts';
import { noopProcessor } from '../conversations/pipeline/message-processor.ts';

const widgetApi = '/api/v1/widget';

describe('Widget API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // These tests look at exact transcripts: no automatic replies from the rules engine.
    t.ctx.pipeline.setProcessor(noopProcessor);
  });
  afterAll(() => t.close());

  it('starts a conversation with a random visitor token that is stored only as its SHA-256', async () => {
    const tenant = await t.createTenant();
    const widget = await createWidget(t, tenant.headers);
    const res = await t.app.inject({
      method: 'POST',
      url: `${widgetApi}/${widget.id}/conversations`,
      payload: { visitorId: 'v-1', visitorName: 'Ann', visitorEmail: 'ann@example.com', language: 'pl' },
    });
    expect(res.statusCode).toBe(201);
    const { conversationId, visitorToken } = res.json().data;
    expect(Object.keys(res.json().data).sort()).toEqual(['conversationId', 'visitorToken']);
    expect(Buffer.from(visitorToken, 'base64url').length).toBeGreaterThanOrEqual(32);
    const rows = await sql<Record<string, unknown>>`select * from conversations`.execute(t.ctx.db);
    const dump = JSON.stringify(rows.rows);
    expect(dump).not.toContain(visitorToken);
    expect(dump).toContain(crypto.createHash('sha256').update(visitorToken).digest('hex'));

    const listed = await t.app.inject({
      url: `/api/v1/tenant-api/conversations/${conversationId}`,
      headers: tenant.headers,
    });
    expect(listed.json().data).toMatchObject({
      visitorId: 'v-1',
      visitorName: 'Ann',
      visitorEmail: 'ann@example.com',
      visitorLanguage: 'pl',
    });

    const empty = await t.app.inject({ method: 'POST', url: `${widgetApi}/${widget.id}/conversations` });
    expect(empty.statusCode).toBe(201);
  });

  it('answers 404 for an unknown or inactive widget and 400 for bad visitor fields', async () => {
    const tenant = await t.createTenant();
    const widget = await createWidget(t, tenant.headers);
    const unknown = await t.app.inject({
      method: 'POST',
      url: `${widgetApi}/${crypto.randomUUID()}/conversations`,
      payload: {},
    });
    expect(unknown.statusCode).toBe(404);
    for (const payload of [{ visitorEmail: 'nope' }, { language: 'english please' }, { visitorName: 7 }]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `${widgetApi}/${widget.id}/conversations`,
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    }
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tenant-api/widgets/${widget.id}`,
      headers: tenant.headers,
      payload: { isActive: false },
    });
    const inactive = await t.app.inject({
      method: 'POST',
      url: `${widgetApi}/${widget.id}/conversations`,
      payload: {},
    });
    expect(inactive.statusCode).toBe(404);
    // The site's developer reads why in the browser console; an unknown id stays "not found".
    expect(inactive.json().error.message).toMatch(/^This widget is switched off\. Turn it on/);
    expect(unknown.json().error.message).not.toContain('switched off');
    const settings = await t.app.inject({ url: `${widgetApi}/${widget.id}` });
    expect(settings.statusCode).toBe(404);
    expect(settings.json().error.message).toContain('switched off');
  });

  it('keeps showing a switched-off widget to visitors of its conversations, so a reload mid-chat keeps the chat', async () => {
    const { tenant, widget, visitor } = await setUpConversation(t);
    const other = await setUpConversation(t);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tenant-api/widgets/${widget.id}`,
      headers: tenant.headers,
      payload: { isActive: false },
    });
    const settings = (conversationId: string | undefined, token?: string) =>
      t.app.inject({
        url: `${widgetApi}/${widget.id}${conversationId ? `?conversationId=${conversationId}` : ''}`,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    const visitorView = await settings(visitor.conversationId, visitor.visitorToken);
    expect(visitorView.statusCode).toBe(200);
    expect(visitorView.json().data).toMatchObject({ id: widget.id, name: 'Main Website Chat' });
    // The conversation still works for them.
    await sendVisitorMessage(t.app, visitor, 'Still there?');

    // Anyone else still finds it switched off: no token, a wrong one, another widget's visitor.
    for (const [conversationId, token] of [
      [undefined, undefined],
      [visitor.conversationId, undefined],
      [visitor.conversationId, 'not-the-token'],
      [other.visitor.conversationId, other.visitor.visitorToken],
      ['not-a-uuid', visitor.visitorToken],
    ]) {
      const res = await settings(conversationId, token);
      expect(res.statusCode, `${conversationId} ${token}`).toBe(404);
      expect(res.json().error.message).toContain('switched off');
    }
  });

  it('shows public widget settings', async () => {
    const tenant = await t.createTenant();
    const widget = await createWidget(t, tenant.headers, {
      primaryColor: '#112233',
      position: 'bottom-left',
    });
    const res = await t.app.inject({ url: `${widgetApi}/${widget.id}` });
    expect(res.json().data).toEqual({
      id: widget.id,
      name: 'Main Website Chat',
      primaryColor: '#112233',
      position: 'bottom-left',
      aiEnabled: true,
      translationEnabled: false,
      originAllowed: true,
    });
  });

  it('enforces allowedOrigins against the Origin header and answers CORS preflights', async () => {
    const tenant = await t.createTenant();
    const widget = await createWidget(t, tenant.headers, { allowedOrigins: ['https://shop.example.com'] });
    const url = `${widgetApi}/${widget.id}/conversations`;
    const allowed = await t.app.inject({
      method: 'POST',
      url,
      payload: {},
      headers: { origin: 'https://shop.example.com' },
    });
    expect(allowed.statusCode).toBe(201);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example.com');

    for (const origin of [
      'https://evil.example',
      'http://shop.example.com',
      'https://shop.example.com.evil.example',
    ]) {
      const res = await t.app.inject({ method: 'POST', url, payload: {}, headers: { origin } });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
    const noOrigin = await t.app.inject({ method: 'POST', url, payload: {} });
    expect(noOrigin.statusCode).toBe(403);

    // The public settings tell the script whether this page may chat (so it can stay hidden there).
    const config = async (origin?: string) =>
      (await t.app.inject({ url: `${widgetApi}/${widget.id}`, headers: origin ? { origin } : {} })).json()
        .data.originAllowed;
    expect(await config('https://shop.example.com')).toBe(true);
    expect(await config('https://evil.example')).toBe(false);
    expect(await config()).toBe(true);

    // The token a visitor got on the shop's page works from that page (and from servers, which
    // send no Origin), but not from another site's page.
    const { conversationId, visitorToken } = allowed.json().data;
    const messagesUrl = `${widgetApi}/conversations/${conversationId}/messages`;
    const auth = { authorization: `Bearer ${visitorToken}` };
    for (const [origin, status] of [
      ['https://shop.example.com', 201],
      [undefined, 201],
      ['https://evil.example', 403],
    ] as const) {
      const headers = origin ? { ...auth, origin } : auth;
      const sent = await t.app.inject({
        method: 'POST',
        url: messagesUrl,
        headers,
        payload: { content: 'hi' },
      });
      expect(sent.statusCode, String(origin)).toBe(status);
      const read = await t.app.inject({ url: messagesUrl, headers });
      expect(read.statusCode, String(origin)).toBe(status === 201 ? 200 : 403);
      if (status === 403) {
        expect(read.json().error.code).toBe('FORBIDDEN');
        expect(read.headers['access-control-allow-origin']).toBeUndefined();
      }
    }

    const open = await createWidget(t, tenant.headers);
    const anywhere = await t.app.inject({
      method: 'POST',
      url: `${widgetApi}/${open.id}/conversations`,
      payload: {},
      headers: { origin: 'https://any.example' },
    });
    expect(anywhere.statusCode).toBe(201);

    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: `${widgetApi}/conversations/x/messages`,
      headers: {
        origin: 'https://shop.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('authorization');
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
  });

  it('stores visitor messages (201 {data: {message}}) and returns the transcript, also after a given message', async () => {
    const { tenant, visitor } = await setUpConversation(t);
    const first = await sendVisitorMessage(t.app, visitor, 'Where is my order #4521?');
    expect(first).toEqual({
      id: expect.any(String),
      conversationId: visitor.conversationId,
      role: 'visitor',
      content: 'Where is my order #4521?',
      contentLanguage: expect.any(String),
      translatedContent: null,
      translatedLanguage: null,
      isAutoReply: false,
      createdAt: expect.any(String),
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/tenant-api/conversations/${visitor.conversationId}/messages`,
      headers: tenant.headers,
      payload: { content: 'Checking…', role: 'operator' },
    });
    const third = await sendVisitorMessage(t.app, visitor, 'Thanks');
    const auth = { authorization: `Bearer ${visitor.visitorToken}` };
    const url = `${widgetApi}/conversations/${visitor.conversationId}/messages`;

    const all = await t.app.inject({ url, headers: auth });
    expect(all.statusCode).toBe(200);
    expect(all.json().data.map((m: { role: string }) => m.role)).toEqual(['visitor', 'operator', 'visitor']);
    expect(all.json().meta).toEqual({ limit: 100, offset: 0, total: 3 });

    const after = await t.app.inject({ url: `${url}?after=${first.id}`, headers: auth });
    expect(after.json().data.map((m: { content: string }) => m.content)).toEqual(['Checking…', 'Thanks']);
    const none = await t.app.inject({ url: `${url}?after=${third.id}`, headers: auth });
    expect(none.json().data).toEqual([]);
    const unknown = await t.app.inject({ url: `${url}?after=${crypto.randomUUID()}`, headers: auth });
    expect(unknown.statusCode).toBe(400);

    // offset pages back from the latest (and on from `after`), so paging by meta reaches every message.
    const contents = async (query: string) => {
      const res = await t.app.inject({ url: `${url}?${query}`, headers: auth });
      return { status: res.statusCode, body: res.json() };
    };
    const older = await contents('limit=2&offset=1');
    expect(older.body.data.map((m: { content: string }) => m.content)).toEqual([
      'Where is my order #4521?',
      'Checking…',
    ]);
    expect(older.body.meta).toEqual({ limit: 2, offset: 1, total: 3 });
    const onFromFirst = await contents(`after=${first.id}&offset=1`);
    expect(onFromFirst.body.data.map((m: { content: string }) => m.content)).toEqual(['Thanks']);
    for (const bad of ['offset=-1', 'offset=abc', 'limit=-5']) {
      expect((await contents(bad)).status, bad).toBe(400);
    }
    expect((await contents('limit=10000000000000')).body.meta.limit).toBe(200);
  });

  it('accepts a visitor token only for its own conversation (401 otherwise)', async () => {
    const a = await setUpConversation(t);
    const b = await setUpConversation(t);
    const url = (id: string) => `${widgetApi}/conversations/${id}/messages`;
    const cases = [
      { id: a.visitor.conversationId, headers: {} },
      { id: a.visitor.conversationId, headers: { authorization: 'Bearer wrong' } },
      { id: a.visitor.conversationId, headers: { authorization: a.visitor.visitorToken } },
      { id: a.visitor.conversationId, headers: { authorization: `Bearer ${b.visitor.visitorToken}` } },
      { id: crypto.randomUUID(), headers: { authorization: `Bearer ${a.visitor.visitorToken}` } },
    ];
    for (const c of cases) {
      const post = await t.app.inject({
        method: 'POST',
        url: url(c.id),
        headers: c.headers,
        payload: { content: 'hi' },
      });
      expect(post.statusCode).toBe(401);
      expect(post.json().error.code).toBe('UNAUTHORIZED');
      const get = await t.app.inject({ url: url(c.id), headers: c.headers });
      expect(get.statusCode).toBe(401);
    }
    // An API key is no visitor token either.
    const withKey = await t.app.inject({
      method: 'POST',
      url: url(a.visitor.conversationId),
      headers: { authorization: `Bearer ${a.tenant.apiKey.key}` },
      payload: { content: 'hi' },
    });
    expect(withKey.statusCode).toBe(401);
  });

  it('validates visitor message content and answers 413 above the body limit', async () => {
    const { visitor } = await setUpConversation(t);
    const headers = { authorization: `Bearer ${visitor.visitorToken}` };
    const url = `${widgetApi}/conversations/${visitor.conversationId}/messages`;
    for (const payload of [
      {},
      { content: '' },
      { content: ' \n ' },
      { content: ['a'] },
      { content: 'x'.repeat(10_001) },
    ]) {
      const res = await t.app.inject({ method: 'POST', url, headers, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    }
    const invalidJson = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '{"content":',
    });
    expect(invalidJson.statusCode).toBe(400);
    const huge = await t.app.inject({
      method: 'POST',
      url,
      headers,
      payload: { content: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('keeps the message and its processing job before answering 201', async () => {
    const { tenant, visitor } = await setUpConversation(t);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The processor is still busy: what the 201 promised must already be in the database.
    t.ctx.pipeline.setProcessor({ process: () => held });
    try {
      const message = await sendVisitorMessage(t.app, visitor, 'durable?');
      const stored = await t.ctx.db
        .selectFrom('messages')
        .select('content')
        .where('id', '=', message.id)
        .executeTakeFirst();
      expect(stored?.content).toBe('durable?');
      const job = await t.ctx.db
        .selectFrom('message_jobs')
        .select(['message_id', 'tenant_id'])
        .where('message_id', '=', message.id)
        .executeTakeFirst();
      expect(job).toEqual({ message_id: message.id, tenant_id: tenant.id });
    } finally {
      release();
      t.ctx.pipeline.setProcessor(noopProcessor);
    }
  });
});
