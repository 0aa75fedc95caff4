import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWidget,
  openTenantSocket,
  openWidgetSocket,
  sendVisitorMessage,
  startVisitor,
} from '../src/conversations/conversation-test-kit.ts';
import { newId } from '../src/db/ids.ts';
import { startTestServer, type TestServer } from '../src/http/guarded-fetch/test-server.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

const TOKEN = 'metrics-token-0123456789';

describe('GET /metrics for operators', () => {
  let t: TestApp;
  let upstream: TestServer;
  beforeAll(async () => {
    upstream = await startTestServer((req, res) => res.writeHead(req.url === '/down' ? 503 : 200).end('{}'));
    t = await createTestApp({
      PARLEY_METRICS_TOKEN: TOKEN,
      PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}`,
    });
  });
  afterAll(async () => {
    await t?.close();
    await upstream?.close();
  });

  const scrape = async () => {
    const res = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  const sample = (body: string, name: string) => {
    const line = body.split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.slice(name.length + 1));
  };

  it('requires PARLEY_METRICS_TOKEN as a bearer token when it is set', async () => {
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    const wrong = await t.app.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer not-the-token-at-all' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('UNAUTHORIZED');
    const right = await t.app.inject({ url: '/metrics', headers: { authorization: `bearer ${TOKEN}` } });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('parley_http_request_duration_seconds_bucket');
  });

  it('counts open WebSockets by kind', async () => {
    const tenant = await t.createTenant();
    const widget = await createWidget(t, tenant.headers);
    const visitor = await startVisitor(t.app, widget.id);
    const visitorSocket = await openWidgetSocket(t.app, visitor.conversationId, visitor.visitorToken);
    const stream = await openTenantSocket(t.app, tenant.apiKey.key);
    const body = await scrape();
    expect(sample(body, 'parley_websockets_open{kind="widget"}')).toBe(1);
    expect(sample(body, 'parley_websockets_open{kind="tenant_stream"}')).toBe(1);
    const closed = new Promise((resolve) => visitorSocket.socket.once('close', resolve));
    visitorSocket.socket.close();
    await closed;
    await expect.poll(async () => sample(await scrape(), 'parley_websockets_open{kind="widget"}')).toBe(0);
    stream.socket.terminate();
  });

  it('shows the message-job backlog and the age of its oldest pending job', async () => {
    let release: () => void = () => {};
    const busy = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = t.ctx.pipeline.getProcessor();
    t.ctx.pipeline.setProcessor({ process: () => busy });
    try {
      const tenant = await t.createTenant();
      const widget = await createWidget(t, tenant.headers);
      const visitor = await startVisitor(t.app, widget.id);
      await sendVisitorMessage(t.app, visitor, 'first');
      await sendVisitorMessage(t.app, visitor, 'second');
      const body = await scrape();
      expect(sample(body, 'parley_message_jobs{status="running"}')).toBe(1);
      expect(sample(body, 'parley_message_jobs{status="pending"}')).toBe(1);
      expect(sample(body, 'parley_message_jobs_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
    } finally {
      release();
      t.ctx.pipeline.setProcessor(previous);
    }
  });

  it('shows webhook deliveries waiting and given up', async () => {
    const tenant = await t.createTenant();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/webhooks',
      headers: tenant.headers,
      payload: { url: 'https://hooks.example.com/parley', events: ['call.failed'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const webhookId = created.json().data.id;
    const delivery = (status: string) => ({
      id: newId(),
      tenant_id: tenant.id,
      webhook_id: webhookId,
      event_type: 'call.failed',
      payload: '{}',
      status,
      attempts: 0,
      retry_step: 0,
      // Not due: the worker leaves them alone.
      next_attempt_at: status === 'pending' ? '2999-01-01T00:00:00.000Z' : null,
      created_at: new Date().toISOString(),
    });
    await t.ctx.db
      .insertInto('webhook_deliveries')
      .values([delivery('pending'), delivery('failed'), delivery('failed'), delivery('succeeded')])
      .execute();
    const body = await scrape();
    expect(sample(body, 'parley_webhook_deliveries{status="pending"}')).toBe(1);
    expect(sample(body, 'parley_webhook_deliveries{status="failed"}')).toBe(2);
  });

  it('counts outbound calls by outcome, with a fixed set of label values', async () => {
    const call = (url: string) => t.ctx.outbound({ method: 'GET', url }).catch(() => undefined);
    await call(`${upstream.origin}/up`);
    await call(`${upstream.origin}/down`);
    await call('http://127.0.0.1:1/blocked');
    const body = await scrape();
    expect(sample(body, 'parley_outbound_calls_total{outcome="ok"}')).toBe(1);
    expect(sample(body, 'parley_outbound_calls_total{outcome="http_5xx"}')).toBe(1);
    expect(sample(body, 'parley_outbound_calls_total{outcome="blocked"}')).toBe(1);
  });
});
