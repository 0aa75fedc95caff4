import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { addCredits } from '../tenants/tenants.ts';
import {
  createWidget,
  sendVisitorMessage,
  setUpConversation,
  startVisitor,
} from './conversation-test-kit.ts';
import { listConversations } from './conversations.ts';
import { noopProcessor } from './pipeline/message-processor.ts';
import { setVariables } from './variables.ts';

const api = '/api/v1/tenant-api';
const isoTime = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);

describe('Tenant API conversations (seed 004)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // These tests look at exact transcripts: no automatic replies from the rules engine.
    t.ctx.pipeline.setProcessor(noopProcessor);
  });
  afterAll(() => t.close());

  it('lists conversations in the seed-004 shape, most recent message first, with meta', async () => {
    const { tenant, widget, visitor } = await setUpConversation(t);
    const second = await startVisitor(t.app, widget.id, {
      visitorId: 'v-abc123',
      visitorEmail: 'john@example.com',
    });
    await sendVisitorMessage(t.app, visitor, 'Hello, how much does it cost?');

    const res = await t.app.inject({ url: `${api}/conversations`, headers: tenant.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.meta).toEqual({ limit: 20, offset: 0, total: 2 });
    expect(body.data.map((c: { id: string }) => c.id)).toEqual([
      visitor.conversationId,
      second.conversationId,
    ]);
    expect(body.data[0]).toEqual({
      id: visitor.conversationId,
      widgetId: widget.id,
      visitorId: null,
      visitorName: 'John',
      visitorEmail: null,
      visitorLanguage: 'en',
      status: 'open',
      assignedTo: null,
      lastMessageAt: isoTime,
      startedAt: isoTime,
    });
    expect(body.data[1]).toMatchObject({ visitorId: 'v-abc123', visitorEmail: 'john@example.com' });

    // A later message in the older conversation moves it to the top.
    await sendVisitorMessage(t.app, second, 'me too');
    const again = await t.app.inject({ url: `${api}/conversations`, headers: tenant.headers });
    expect(again.json().data.map((c: { id: string }) => c.id)).toEqual([
      second.conversationId,
      visitor.conversationId,
    ]);
  });

  it('paginates with limit/offset, clamps limit to 100 and filters by status and widget', async () => {
    const tenant = await t.createTenant();
    const w1 = await createWidget(t, tenant.headers);
    const w2 = await createWidget(t, tenant.headers, { name: 'Second' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await startVisitor(t.app, i < 3 ? w1.id : w2.id)).conversationId);
    const newestFirst = [...ids].reverse();

    const page = await t.app.inject({
      url: `${api}/conversations?limit=2&offset=1`,
      headers: tenant.headers,
    });
    expect(page.json().meta).toEqual({ limit: 2, offset: 1, total: 5 });
    expect(page.json().data.map((c: { id: string }) => c.id)).toEqual(newestFirst.slice(1, 3));

    const clamped = await t.app.inject({ url: `${api}/conversations?limit=500`, headers: tenant.headers });
    expect(clamped.statusCode).toBe(200);
    expect(clamped.json().meta.limit).toBe(100);

    const byWidget = await t.app.inject({
      url: `${api}/conversations?widgetId=${w2.id}`,
      headers: tenant.headers,
    });
    expect(byWidget.json().meta.total).toBe(2);
    expect(byWidget.json().data.every((c: { widgetId: string }) => c.widgetId === w2.id)).toBe(true);

    await t.app.inject({
      method: 'PATCH',
      url: `${api}/conversations/${ids[0]}`,
      headers: tenant.headers,
      payload: { status: 'closed' },
    });
    const closed = await t.app.inject({ url: `${api}/conversations?status=closed`, headers: tenant.headers });
    expect(closed.json().data.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
    const open = await t.app.inject({
      url: `${api}/conversations?status=open&limit=10`,
      headers: tenant.headers,
    });
    expect(open.json().meta).toEqual({ limit: 10, offset: 0, total: 4 });
  });

  it('keeps meta.total exact through new conversations, concurrent status changes and deletions', async () => {
    const tenant = await t.createTenant();
    const [w1, w2] = [
      await createWidget(t, tenant.headers),
      await createWidget(t, tenant.headers, { name: 'B' }),
    ];
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await startVisitor(t.app, i % 2 ? w1.id : w2.id)).conversationId);
    // Opposite status changes at once (open→closed and closed→open) must neither deadlock nor drift.
    await Promise.all(
      ids.slice(0, 6).map((id) =>
        t.app.inject({
          method: 'PATCH',
          url: `${api}/conversations/${id}`,
          headers: tenant.headers,
          payload: { status: 'closed' },
        }),
      ),
    );
    const flips = await Promise.all(
      ids.map((id, i) =>
        t.app.inject({
          method: 'PATCH',
          url: `${api}/conversations/${id}`,
          headers: tenant.headers,
          payload: { status: i < 6 ? 'open' : i % 3 ? 'closed' : 'pending' },
        }),
      ),
    );
    expect(flips.map((r) => r.statusCode)).toEqual(ids.map(() => 200));
    await t.ctx.db.deleteFrom('conversations').where('id', '=', ids[11]).execute();

    const actual = async (status?: string, widgetId?: string) => {
      let q = t.ctx.db
        .selectFrom('conversations')
        .select(sql<number>`count(*)`.as('n'))
        .where('tenant_id', '=', tenant.id);
      if (status) q = q.where('status', '=', status);
      if (widgetId) q = q.where('widget_id', '=', widgetId);
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    for (const status of [undefined, 'open', 'pending', 'closed']) {
      for (const widgetId of [undefined, w1.id, w2.id]) {
        const query = new URLSearchParams({
          ...(status ? { status } : {}),
          ...(widgetId ? { widgetId } : {}),
        });
        const res = await t.app.inject({ url: `${api}/conversations?${query}`, headers: tenant.headers });
        expect(res.json().meta.total, `${status} ${widgetId}`).toBe(await actual(status, widgetId));
      }
    }
    expect(await actual()).toBe(11);
  });

  it('sends every list page byte for byte as the resources would serialise, whatever the data and filters', async () => {
    const { tenant, widget, visitor } = await setUpConversation(t);
    const other = await createWidget(t, tenant.headers, { name: 'Second' });
    await startVisitor(t.app, other.id, { visitorName: 'Zoë "Q" \\ <b>', visitorEmail: 'z@example.com' });
    await startVisitor(t.app, widget.id, { visitorId: 'v-2' });
    await sendVisitorMessage(t.app, visitor, 'latest');
    await t.app.inject({
      method: 'PATCH',
      url: `${api}/conversations/${visitor.conversationId}`,
      headers: tenant.headers,
      payload: { status: 'closed' },
    });
    const queries = [
      {},
      { limit: 1, offset: 1 },
      { status: 'open' as const },
      { widgetId: other.id },
      { status: 'closed' as const, widgetId: widget.id },
      { offset: 50 },
    ];
    for (const query of queries) {
      const filter = { limit: 20, offset: 0, ...query };
      const res = await t.app.inject({
        url: `${api}/conversations`,
        query: Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, String(v)])),
        headers: tenant.headers,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const page = await listConversations(t.ctx.db, tenant.id, filter);
      const expected = {
        data: page.conversations,
        meta: { limit: filter.limit, offset: filter.offset, total: page.total },
      };
      expect(res.body, JSON.stringify(query)).toBe(JSON.stringify(expected));
    }
  });

  it('rejects bad query parameters with the 400 envelope', async () => {
    const tenant = await t.createTenant();
    for (const query of [
      'limit=-1',
      'limit=abc',
      'limit=0',
      'offset=-5',
      'offset=x',
      'status=archived',
      'widgetId=nope',
      'limit=1.5',
    ]) {
      const res = await t.app.inject({ url: `${api}/conversations?${query}`, headers: tenant.headers });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('returns one conversation with variables and messages oldest first, the latest `limit` of them', async () => {
    const { tenant, visitor } = await setUpConversation(t);
    for (let i = 1; i <= 5; i++) await sendVisitorMessage(t.app, visitor, `message ${i}`);
    await setVariables(t.ctx.db, tenant.id, visitor.conversationId, { order_status: 'shipped', n: 3 });

    const res = await t.app.inject({
      url: `${api}/conversations/${visitor.conversationId}`,
      headers: tenant.headers,
    });
    expect(res.statusCode).toBe(200);
    const data = res.json().data;
    expect(data).toMatchObject({ id: visitor.conversationId, visitorLanguage: 'en', status: 'open' });
    expect(data.variables).toEqual({ order_status: 'shipped', n: '3' });
    expect(data.messages.map((m: { content: string }) => m.content)).toEqual(
      [1, 2, 3, 4, 5].map((i) => `message ${i}`),
    );
    expect(data.messages[0]).toEqual({
      id: expect.any(String),
      conversationId: visitor.conversationId,
      role: 'visitor',
      content: 'message 1',
      // Detected per message by the language layer; short texts fall back to the visitor's language.
      contentLanguage: expect.any(String),
      translatedContent: null,
      translatedLanguage: null,
      isAutoReply: false,
      createdAt: isoTime,
    });

    const latest = await t.app.inject({
      url: `${api}/conversations/${visitor.conversationId}?limit=2`,
      headers: tenant.headers,
    });
    expect(latest.json().data.messages.map((m: { content: string }) => m.content)).toEqual([
      'message 4',
      'message 5',
    ]);
    const clamped = await t.app.inject({
      url: `${api}/conversations/${visitor.conversationId}?limit=1000`,
      headers: tenant.headers,
    });
    expect(clamped.statusCode).toBe(200);
    const bad = await t.app.inject({
      url: `${api}/conversations/${visitor.conversationId}?limit=-3`,
      headers: tenant.headers,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('pages through a long transcript with before= and after= message cursors', async () => {
    const { tenant, visitor } = await setUpConversation(t);
    for (let i = 1; i <= 7; i++) await sendVisitorMessage(t.app, visitor, `message ${i}`);
    const get = (query: string) =>
      t.app.inject({
        url: `${api}/conversations/${visitor.conversationId}${query}`,
        headers: tenant.headers,
      });
    const contents = async (query: string) =>
      (await get(query)).json().data.messages.map((m: { content: string }) => m.content);
    const all = (await get('')).json().data.messages as Array<{ id: string }>;
    const id = (n: number) => all[n - 1].id;

    expect(await contents('?limit=3')).toEqual(['message 5', 'message 6', 'message 7']);
    expect(await contents(`?limit=3&before=${id(5)}`)).toEqual(['message 2', 'message 3', 'message 4']);
    expect(await contents(`?limit=3&before=${id(2)}`)).toEqual(['message 1']);
    expect(await contents(`?before=${id(1)}`)).toEqual([]);
    expect(await contents(`?limit=2&after=${id(1)}`)).toEqual(['message 2', 'message 3']);
    expect(await contents(`?after=${id(7)}`)).toEqual([]);

    // Paging back from the newest until the start gives every message once, in order.
    const exported: string[] = [];
    let page = await contents('?limit=2');
    let cursor = (await get('?limit=2')).json().data.messages[0].id;
    exported.unshift(...page);
    while (page.length > 0) {
      const res = (await get(`?limit=2&before=${cursor}`)).json().data.messages;
      page = res.map((m: { content: string }) => m.content);
      if (res.length > 0) cursor = res[0].id;
      exported.unshift(...page);
    }
    expect(exported).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `message ${i}`));

    const other = await setUpConversation(t);
    await sendVisitorMessage(t.app, other.visitor, 'elsewhere');
    const foreign = (
      await t.app.inject({
        url: `${api}/conversations/${other.visitor.conversationId}`,
        headers: other.tenant.headers,
      })
    ).json().data.messages[0].id;
    for (const [query, path] of [
      [`?before=${foreign}`, 'querystring.before'],
      ['?after=nope', 'querystring.after'],
      [`?before=${id(2)}&after=${id(1)}`, 'querystring.after'],
    ]) {
      const res = await get(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
      expect(res.json().error.details[0].path).toBe(path);
    }
  });

  it('posts system (default) and operator messages with 201 and validates the body', async () => {
    const { tenant, visitor } = await setUpConversation(t);
    const url = `${api}/conversations/${visitor.conversationId}/messages`;
    const system = await t.app.inject({
      method: 'POST',
      url,
      headers: tenant.headers,
      payload: { content: 'Thanks!' },
    });
    expect(system.statusCode).toBe(201);
    expect(system.json().data).toEqual({
      id: expect.any(String),
      conversationId: visitor.conversationId,
      role: 'system',
      content: 'Thanks!',
      contentLanguage: null,
      translatedContent: null,
      translatedLanguage: null,
      isAutoReply: false,
      createdAt: isoTime,
    });
    const operator = await t.app.inject({
      method: 'POST',
      url,
      headers: tenant.headers,
      payload: { content: 'Hi, Anna here', role: 'operator' },
    });
    expect(operator.json().data.role).toBe('operator');

    const bad = [
      {},
      { content: '' },
      { content: '   ' },
      { content: 42 },
      { content: 'x', role: 'ai' },
      { content: 'x', role: 'visitor' },
      { content: 'x'.repeat(10_001) },
    ];
    for (const payload of bad) {
      const res = await t.app.inject({ method: 'POST', url, headers: tenant.headers, payload });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 50)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    }
    const max = await t.app.inject({
      method: 'POST',
      url,
      headers: tenant.headers,
      payload: { content: 'y'.repeat(10_000) },
    });
    expect(max.statusCode).toBe(201);
    const detail = await t.app.inject({
      url: `${api}/conversations/${visitor.conversationId}`,
      headers: tenant.headers,
    });
    expect(detail.json().data.messages.map((m: { role: string }) => m.role)).toEqual([
      'system',
      'operator',
      'system',
    ]);
  });

  it('changes status and assignment with PATCH; an unknown operator is a 400', async () => {
    const { tenant, visitor } = await setUpConversation(t);
    const url = `${api}/conversations/${visitor.conversationId}`;
    const operator = (
      await t.app.inject({
        method: 'POST',
        url: `${api}/operators`,
        headers: tenant.headers,
        payload: { name: 'Anna', email: 'anna@example.com' },
      })
    ).json().data;

    const assigned = await t.app.inject({
      method: 'PATCH',
      url,
      headers: tenant.headers,
      payload: { status: 'pending', assignedTo: operator.id },
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().data).toMatchObject({
      id: visitor.conversationId,
      status: 'pending',
      assignedTo: operator.id,
    });

    const unassigned = await t.app.inject({
      method: 'PATCH',
      url,
      headers: tenant.headers,
      payload: { assignedTo: null },
    });
    expect(unassigned.json().data).toMatchObject({ status: 'pending', assignedTo: null });

    const other = await t.createTenant('Other');
    const foreignOperator = (
      await t.app.inject({
        method: 'POST',
        url: `${api}/operators`,
        headers: other.headers,
        payload: { name: 'Eve', email: 'eve@example.com' },
      })
    ).json().data;
    for (const payload of [
      { assignedTo: foreignOperator.id },
      { assignedTo: '019d19c6-7e0b-7000-8000-000000000000' },
      { assignedTo: 'not-a-uuid' },
      { status: 'archived' },
      { status: 3 },
      {},
    ]) {
      const res = await t.app.inject({ method: 'PATCH', url, headers: tenant.headers, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    }
  });

  it("answers 404 for another tenant's conversation on every route", async () => {
    const { visitor } = await setUpConversation(t);
    const intruder = await t.createTenant('Intruder');
    const base = `${api}/conversations/${visitor.conversationId}`;
    const attempts = [
      { method: 'GET' as const, url: base },
      { method: 'POST' as const, url: `${base}/messages`, payload: { content: 'hi' } },
      { method: 'PATCH' as const, url: base, payload: { status: 'closed' } },
    ];
    for (const attempt of attempts) {
      const res = await t.app.inject({ ...attempt, headers: intruder.headers });
      expect(res.statusCode, attempt.method).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Conversation not found.' } });
    }
    const list = await t.app.inject({ url: `${api}/conversations`, headers: intruder.headers });
    expect(list.json()).toEqual({ data: [], meta: { limit: 20, offset: 0, total: 0 } });
    const unknown = await t.app.inject({ url: `${api}/conversations/nope`, headers: intruder.headers });
    expect(unknown.statusCode).toBe(404);
  });

  it('answers 413 in the envelope for a body above the configured limit', async () => {
    const small = await createTestApp({ PARLEY_BODY_LIMIT_BYTES: '2048' });
    try {
      const { tenant, visitor } = await setUpConversation(small);
      const res = await small.app.inject({
        method: 'POST',
        url: `${api}/conversations/${visitor.conversationId}/messages`,
        headers: tenant.headers,
        payload: { content: 'z'.repeat(4000) },
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      await small.close();
    }
  });

  it('shows the billing balance', async () => {
    const tenant = await t.createTenant();
    await addCredits(t.ctx.db, tenant.id, 10_000_000);
    await addCredits(t.ctx.db, tenant.id, -5_500_000);
    const res = await t.app.inject({ url: `${api}/billing/balance`, headers: tenant.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      data: { plan: 'free', creditBalance: 4_500_000, totalCreditsAdded: 10_000_000 },
    });
    expect((await t.app.inject({ url: `${api}/billing/balance` })).statusCode).toBe(401);
  });
});
