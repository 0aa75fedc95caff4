import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { createWidget, sendVisitorMessage, startVisitor } from './conversation-test-kit.ts';
import { listConversations } from './conversations.ts';
import { noopProcessor } from './pipeline/message-processor.ts';

const api = '/api/v1/tenant-api';

/**
 * On SQLite the list route joins each conversation's stored item (`list_json`, kept by triggers);
 * whatever changes a conversation, its page must stay byte for byte what the resource mapping
 * (`listConversations` → `toConversation`) gives from the columns themselves.
 */
describe('GET /conversations pages stay the resources after every kind of change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PARLEY_RATE_LIMIT_PER_MIN: '10000' });
    t.ctx.pipeline.setProcessor(noopProcessor);
  });
  afterAll(() => t.close());

  it('matches the column-built page after messages, PATCHes, operator removal and filters', async () => {
    const tenant = await t.createTenant();
    const shop = await createWidget(t, tenant.headers);
    const blog = await createWidget(t, tenant.headers, { name: 'Blog' });
    const first = await startVisitor(t.app, shop.id, { visitorName: 'Jo "Quote" \\ Ünï', language: 'en' });
    const second = await startVisitor(t.app, blog.id, { visitorId: 'v-2', visitorEmail: 'two@example.com' });
    const third = await startVisitor(t.app, shop.id, {});
    const operator = await t.app.inject({
      method: 'POST',
      url: `${api}/operators`,
      headers: tenant.headers,
      payload: { name: 'Ann', email: 'ann@shop.example' },
    });
    expect(operator.statusCode).toBe(201);
    const operatorId = operator.json().data.id as string;
    const removable = await t.app.inject({
      method: 'POST',
      url: `${api}/operators`,
      headers: tenant.headers,
      payload: { name: 'Bob', email: 'bob@shop.example' },
    });
    const removableId = removable.json().data.id as string;

    const expectSamePages = async () => {
      const filters: Array<{ status?: 'open' | 'closed' | 'pending'; widgetId?: string }> = [
        {},
        { status: 'open' as const },
        { status: 'closed' as const },
        { status: 'pending' as const },
        { widgetId: shop.id },
        { widgetId: blog.id, status: 'open' as const },
      ];
      for (const filter of filters) {
        for (const [limit, offset] of [
          [20, 0],
          [1, 1],
          [2, 5],
        ]) {
          const query = new URLSearchParams({
            ...filter,
            limit: String(limit),
            offset: String(offset),
          } as Record<string, string>);
          const res = await t.app.inject({ url: `${api}/conversations?${query}`, headers: tenant.headers });
          expect(res.statusCode).toBe(200);
          const page = await listConversations(t.ctx.db, tenant.id, { ...filter, limit, offset });
          expect(res.body).toBe(
            JSON.stringify({ data: page.conversations, meta: { limit, offset, total: page.total } }),
          );
        }
      }
    };
    await expectSamePages();

    await sendVisitorMessage(t.app, second, 'Where is my order?');
    await sendVisitorMessage(t.app, first, 'Bonjour, où est ma commande ?');
    await expectSamePages();

    const patch = (id: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `${api}/conversations/${id}`, headers: tenant.headers, payload });
    expect((await patch(first.conversationId, { assignedTo: operatorId })).statusCode).toBe(200);
    expect((await patch(second.conversationId, { status: 'closed' })).statusCode).toBe(200);
    expect(
      (await patch(third.conversationId, { assignedTo: removableId, status: 'pending' })).statusCode,
    ).toBe(200);
    await expectSamePages();
    const assigned = await t.app.inject({
      url: `${api}/conversations?status=pending`,
      headers: tenant.headers,
    });
    expect(assigned.json().data[0]).toMatchObject({ id: third.conversationId, assignedTo: removableId });

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `${api}/operators/${removableId}`,
      headers: tenant.headers,
    });
    expect(removed.statusCode).toBe(204);
    // A foreign key's ON DELETE SET NULL is a write too.
    await sql`delete from operators where id = ${operatorId}`.execute(t.ctx.db);
    await expectSamePages();
    const after = await t.app.inject({ url: `${api}/conversations`, headers: tenant.headers });
    expect(after.json().data.map((c: { assignedTo: string | null }) => c.assignedTo)).toEqual([
      null,
      null,
      null,
    ]);

    const operatorMessage = await t.app.inject({
      method: 'POST',
      url: `${api}/conversations/${third.conversationId}/messages`,
      headers: tenant.headers,
      payload: { content: 'Hello from the team', role: 'operator' },
    });
    expect(operatorMessage.statusCode).toBe(201);
    await expectSamePages();
    const latest = await t.app.inject({ url: `${api}/conversations?limit=1`, headers: tenant.headers });
    expect(latest.json().data[0].id).toBe(third.conversationId);
  });

  it('gives an empty page past the end and for a tenant with no conversations', async () => {
    const tenant = await t.createTenant();
    const empty = await t.app.inject({ url: `${api}/conversations`, headers: tenant.headers });
    expect(empty.body).toBe('{"data":[],"meta":{"limit":20,"offset":0,"total":0}}');
    const widget = await createWidget(t, tenant.headers);
    await startVisitor(t.app, widget.id, {});
    const past = await t.app.inject({ url: `${api}/conversations?offset=5`, headers: tenant.headers });
    expect(past.body).toBe('{"data":[],"meta":{"limit":20,"offset":5,"total":1}}');
  });
});
