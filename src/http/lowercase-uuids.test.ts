import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { sendVisitorMessage, setUpConversation } from '../conversations/conversation-test-kit.ts';
import { noopProcessor } from '../conversations/pipeline/message-processor.ts';
import { lowercaseUuids } from './lowercase-uuids.ts';

const api = '/api/v1/tenant-api';
const upper = (id: string) => id.toUpperCase();

describe('ids in paths and query strings are UUIDs, so any letter case names the same resource', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.pipeline.setProcessor(noopProcessor);
  });
  afterAll(() => t.close());

  it('finds a conversation, a widget and a connection by an upper-case id', async () => {
    const { tenant, widget, visitor } = await setUpConversation(t);
    const conversation = await t.app.inject({
      url: `${api}/conversations/${upper(visitor.conversationId)}`,
      headers: tenant.headers,
    });
    expect(conversation.statusCode).toBe(200);
    expect(conversation.json().data.id).toBe(visitor.conversationId);

    const settings = await t.app.inject({
      url: `${api}/widgets/${upper(widget.id)}`,
      headers: tenant.headers,
    });
    expect(settings.statusCode).toBe(200);
    expect(settings.json().data.id).toBe(widget.id);

    const created = await t.app.inject({
      method: 'POST',
      url: `${api}/connections`,
      headers: tenant.headers,
      payload: { name: 'Shop', baseUrl: 'https://api.shop.example' },
    });
    const connectionId: string = created.json().data.id;
    const connection = await t.app.inject({
      url: `${api}/connections/${upper(connectionId)}`,
      headers: tenant.headers,
    });
    expect(connection.statusCode).toBe(200);
    expect(connection.json().data.id).toBe(connectionId);
  });

  it('filters by an upper-case widgetId and pages a transcript after an upper-case message id', async () => {
    const { tenant, widget, visitor } = await setUpConversation(t);
    const list = await t.app.inject({
      url: `${api}/conversations?widgetId=${upper(widget.id)}`,
      headers: tenant.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((c: { id: string }) => c.id)).toEqual([visitor.conversationId]);

    const first = await sendVisitorMessage(t.app, visitor, 'Where is my order?');
    await sendVisitorMessage(t.app, visitor, 'Order 4521');
    const transcript = await t.app.inject({
      url: `/api/v1/widget/conversations/${upper(visitor.conversationId)}/messages?after=${upper(first.id)}`,
      headers: { authorization: `Bearer ${visitor.visitorToken}` },
    });
    expect(transcript.statusCode).toBe(200);
    expect(transcript.json().data.map((m: { content: string }) => m.content)).toEqual(['Order 4521']);

    const publicSettings = await t.app.inject({ url: `/api/v1/widget/${upper(widget.id)}` });
    expect(publicSettings.statusCode).toBe(200);
    expect(publicSettings.json().data.id).toBe(widget.id);
  });

  it("takes upper-case ids in bodies: an assignee, a rule's widget, endpoint and operator", async () => {
    const { tenant, widget, visitor } = await setUpConversation(t);
    const operator = await t.app.inject({
      method: 'POST',
      url: `${api}/operators`,
      headers: tenant.headers,
      payload: { name: 'Ana', email: `ana-${Date.now()}@shop.example` },
    });
    const operatorId: string = operator.json().data.id;
    const assigned = await t.app.inject({
      method: 'PATCH',
      url: `${api}/conversations/${visitor.conversationId}`,
      headers: tenant.headers,
      payload: { assignedTo: upper(operatorId) },
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().data.assignedTo).toBe(operatorId);

    const connection = await t.app.inject({
      method: 'POST',
      url: `${api}/connections`,
      headers: tenant.headers,
      payload: { name: 'Shop', baseUrl: 'https://api.shop.example' },
    });
    const endpoint = await t.app.inject({
      method: 'POST',
      url: `${api}/connections/${connection.json().data.id}/endpoints`,
      headers: tenant.headers,
      payload: { name: 'Order', path: '/orders/{orderId}' },
    });
    const endpointId: string = endpoint.json().data.id;
    const rule = await t.app.inject({
      method: 'POST',
      url: `${api}/rules`,
      headers: tenant.headers,
      payload: {
        name: 'Orders',
        widgetId: upper(widget.id),
        conditions: [{ type: 'MESSAGE_CONTAINS', value: 'order' }],
        actions: [
          { type: 'CALL_API', endpointId: upper(endpointId), params: { orderId: '1' } },
          { type: 'ASSIGN_TO_OPERATOR', operatorId: upper(operatorId) },
        ],
      },
    });
    expect(rule.statusCode).toBe(201);
    const data = rule.json().data;
    expect(data.widgetId).toBe(widget.id);
    expect(data.actions[0].endpointId).toBe(endpointId);
    expect(data.actions[1].operatorId).toBe(operatorId);
  });

  it('lowers only whole values that are UUIDs, in params, single and repeated query values', async () => {
    const app = Fastify();
    lowercaseUuids(app);
    app.get('/echo/:id/:name', async (request) => ({ params: request.params, query: request.query }));
    const id = '0190A000-0000-7000-8000-00000000ABCD';
    const res = await app.inject({
      url: `/echo/${id}/Hello?widgetId=${id}&q=Order-4521&ids=${id}&ids=KEEP&near=x${id}`,
    });
    expect(res.json()).toEqual({
      params: { id: id.toLowerCase(), name: 'Hello' },
      query: { widgetId: id.toLowerCase(), q: 'Order-4521', ids: [id.toLowerCase(), 'KEEP'], near: `x${id}` },
    });
    await app.close();
  });
});
