import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { connectionsRuntime } from '../connections/connections-runtime.ts';
import type { TestServer } from '../http/guarded-fetch/test-server.ts';
import { createWebhookVia, startReceiver, verifySignature, waitFor } from './webhook-test-kit.ts';

let receiver: TestServer;
let upstream: TestServer;
let t: TestApp;
const api = '/api/v1/tenant-api';

beforeAll(async () => {
  receiver = await startReceiver();
  upstream = await startReceiver((_req, res) =>
    res.writeHead(503, { 'content-type': 'application/json' }).end('{}'),
  );
  t = await createTestApp({ PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${receiver.port},127.0.0.1:${upstream.port}` });
});
afterAll(async () => {
  await t.close();
  await upstream.close();
  await receiver.close();
});

test('a failed CALL_API during a conversation sends call.failed with the call-log entry', async () => {
  const tenant = await t.createTenant();
  const hook = await createWebhookVia(t, tenant.headers, { url: receiver.origin, events: ['call.failed'] });
  const post = async (url: string, payload: object) => {
    const res = await t.app.inject({ method: 'POST', url: `${api}${url}`, headers: tenant.headers, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().data;
  };
  const connection = await post('/connections', {
    name: 'Shop',
    baseUrl: upstream.origin,
    auth: { type: 'none' },
  });
  const endpoint = await post(`/connections/${connection.id}/endpoints`, {
    name: 'Order',
    method: 'GET',
    path: '/orders/1',
  });
  await post('/rules', {
    name: 'Order lookup',
    type: 'static',
    conditions: [{ type: 'MESSAGE_CONTAINS', value: 'order' }],
    actions: [
      { type: 'CALL_API', endpointId: endpoint.id },
      { type: 'REPLY_TEXT', text: 'Looked it up.' },
    ],
  });
  const widget = await post('/widgets', { name: 'Site', aiEnabled: false });
  const started = await t.app.inject({
    method: 'POST',
    url: `/api/v1/widget/${widget.id}/conversations`,
    payload: {},
  });
  const { conversationId, visitorToken } = started.json().data;
  const sent = await t.app.inject({
    method: 'POST',
    url: `/api/v1/widget/conversations/${conversationId}/messages`,
    headers: { authorization: `Bearer ${visitorToken}` },
    payload: { content: 'where is my order?' },
  });
  expect(sent.statusCode).toBe(201);

  const request = await waitFor('the call.failed delivery', () => receiver.requests[0]);
  expect(verifySignature(hook.secret, request.headers, request.body)).toBe(true);
  const body = JSON.parse(request.body);
  expect(body.type).toBe('call.failed');
  expect(body.data).toMatchObject({
    connectionId: connection.id,
    endpointId: endpoint.id,
    conversationId,
    method: 'GET',
    status: 503,
    ok: false,
  });
  const logs = (
    await t.app.inject({ method: 'GET', url: `${api}/call-logs`, headers: tenant.headers })
  ).json().data;
  expect(logs.find((l: { id: string }) => l.id === body.data.id)).toEqual(body.data);
});

test("an endpoint test's failure sends nothing; succeeded calls send nothing", async () => {
  const tenant = await t.createTenant();
  const hook = await createWebhookVia(t, tenant.headers, { url: receiver.origin, events: ['call.failed'] });
  const base = { tenantId: tenant.id, connectionId: null, endpointId: null, conversationId: null };
  const call = { method: 'GET', url: upstream.origin, durationMs: 3, error: null };
  const writer = connectionsRuntime(t.ctx).callLogs;
  writer.write({ ...base, ...call, source: 'test', status: 503, ok: false });
  writer.write({ ...base, ...call, source: 'rule', status: 200, ok: true });
  writer.write({ ...base, ...call, source: 'ai', status: 500, ok: false });
  await writer.flush();
  const log = await t.app.inject({
    method: 'GET',
    url: `${api}/webhooks/${hook.id}/deliveries`,
    headers: tenant.headers,
  });
  expect(log.json().data.map((d: { eventType: string }) => d.eventType)).toEqual(['call.failed']);
});
