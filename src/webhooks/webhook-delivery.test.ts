import { afterEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { recordWebhookEvent } from './record-webhook-event.ts';
import {
  appFor,
  createWebhookVia,
  environmentFor,
  startReceiver,
  verifySignature,
  waitFor,
} from './webhook-test-kit.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup(respond?: Parameters<typeof startReceiver>[0]) {
  const receiver = await startReceiver(respond);
  cleanup.push(() => receiver.close());
  const t = await appFor(receiver);
  cleanup.push(() => t.close());
  const tenant = await t.createTenant('Acme');
  return { receiver, t, tenant };
}

const deliveriesOf = async (t: TestApp, headers: Record<string, string>, webhookId: string) =>
  (
    await t.app.inject({ method: 'GET', url: `/api/v1/tenant-api/webhooks/${webhookId}/deliveries`, headers })
  ).json();

describe('webhook delivery', () => {
  test('delivers a signed Standard Webhooks request that an independent verifier accepts', async () => {
    const { receiver, t, tenant } = await setup();
    const hook = await createWebhookVia(t, tenant.headers, {
      url: `${receiver.origin}/hooks`,
      events: ['call.failed'],
    });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/);
    await recordWebhookEvent(t.ctx.db, tenant.id, 'call.failed', { endpointId: 'e1', status: 500 });

    const request = await waitFor('a delivery', () => receiver.requests[0]);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/hooks');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(verifySignature(hook.secret, request.headers, request.body)).toBe(true);
    expect(verifySignature(hook.secret, request.headers, `${request.body} `)).toBe(false);
    const body = JSON.parse(request.body);
    expect(body).toEqual({
      type: 'call.failed',
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*\+00:00$/),
      data: { endpointId: 'e1', status: 500 },
    });

    const log = await waitFor('the delivery to be recorded', async () => {
      const list = await deliveriesOf(t, tenant.headers, hook.id);
      return list.data[0]?.status === 'succeeded' && list;
    });
    expect(log.meta).toEqual({ limit: 20, offset: 0, total: 1 });
    expect(log.data[0]).toMatchObject({
      id: request.headers['webhook-id'],
      eventType: 'call.failed',
      status: 'succeeded',
      attempts: 1,
      responseStatus: 204,
      error: null,
      nextAttemptAt: null,
    });
    expect(log.data[0].durationMs).toEqual(expect.any(Number));
    expect(log.data[0].deliveredAt).toEqual(expect.any(String));
  });

  test('only subscribed events of enabled webhooks are queued', async () => {
    const { receiver, t, tenant } = await setup();
    const subscribed = await createWebhookVia(t, tenant.headers, {
      url: `${receiver.origin}/a`,
      events: ['message.created'],
    });
    const other = await createWebhookVia(t, tenant.headers, {
      url: `${receiver.origin}/b`,
      events: ['conversation.created'],
    });
    const disabled = await createWebhookVia(t, tenant.headers, {
      url: `${receiver.origin}/c`,
      events: ['message.created'],
      enabled: false,
    });
    expect(await recordWebhookEvent(t.ctx.db, tenant.id, 'message.created', { id: 'm1' })).toBe(1);
    await waitFor('the delivery', () => receiver.requests.length === 1);
    expect(receiver.requests[0].url).toBe('/a');
    expect((await deliveriesOf(t, tenant.headers, subscribed.id)).meta.total).toBe(1);
    expect((await deliveriesOf(t, tenant.headers, other.id)).meta.total).toBe(0);
    expect((await deliveriesOf(t, tenant.headers, disabled.id)).meta.total).toBe(0);
  });

  test('retries a failing receiver with backoff until it succeeds, keeping the webhook-id', async () => {
    let calls = 0;
    const { receiver, t, tenant } = await setup((_req, res) => {
      calls++;
      res.writeHead(calls <= 2 ? 503 : 200).end('ok');
    });
    const hook = await createWebhookVia(t, tenant.headers, { url: receiver.origin, events: ['call.failed'] });
    await recordWebhookEvent(t.ctx.db, tenant.id, 'call.failed', { n: 1 });

    const list = await waitFor('the third attempt to succeed', async () => {
      const page = await deliveriesOf(t, tenant.headers, hook.id);
      return page.data[0]?.status === 'succeeded' && page;
    });
    expect(list.data[0]).toMatchObject({ attempts: 3, responseStatus: 200, error: null });
    expect(receiver.requests).toHaveLength(3);
    const ids = new Set(receiver.requests.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    for (const r of receiver.requests) expect(verifySignature(hook.secret, r.headers, r.body)).toBe(true);
  });

  test('a delivery that keeps failing ends as failed after the whole schedule, with the reason', async () => {
    const { receiver, t, tenant } = await setup((_req, res) => res.writeHead(500).end());
    const hook = await createWebhookVia(t, tenant.headers, { url: receiver.origin, events: ['call.failed'] });
    await recordWebhookEvent(t.ctx.db, tenant.id, 'call.failed', {});
    const list = await waitFor('the delivery to fail for good', async () => {
      const page = await deliveriesOf(t, tenant.headers, hook.id);
      return page.data[0]?.status === 'failed' && page;
    });
    // The test schedule has three retries: four attempts in all.
    expect(list.data[0]).toMatchObject({ attempts: 4, responseStatus: 500, nextAttemptAt: null });
    expect(list.data[0].error).toContain('500');
    expect(receiver.requests).toHaveLength(4);
  });

  test('a restart between attempts loses nothing: the next app finishes the delivery', async () => {
    let calls = 0;
    const receiver = await startReceiver((_req, res) => {
      calls++;
      res.writeHead(calls === 1 ? 500 : 200).end();
    });
    cleanup.push(() => receiver.close());
    const environment = await environmentFor(receiver);
    cleanup.push(() => environment.dispose());

    const first = await createTestApp({}, { environment });
    const tenant = await first.createTenant();
    const hook = await createWebhookVia(first, tenant.headers, {
      url: receiver.origin,
      events: ['call.failed'],
    });
    await recordWebhookEvent(first.ctx.db, tenant.id, 'call.failed', { n: 1 });
    await waitFor('the first (failed) attempt', () => calls === 1);
    await first.close();

    const second = await createTestApp({}, { environment });
    cleanup.push(() => second.close());
    const list = await waitFor('the delivery to complete after the restart', async () => {
      const page = await deliveriesOf(second, tenant.headers, hook.id);
      return page.data[0]?.status === 'succeeded' && page;
    });
    expect(list.data[0].attempts).toBe(2);
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[0].headers['webhook-id']).toBe(receiver.requests[1].headers['webhook-id']);
  });

  test('a lease left behind by a crashed worker expires and another worker delivers', async () => {
    const { receiver, t, tenant } = await setup();
    const hook = await createWebhookVia(t, tenant.headers, { url: receiver.origin, events: ['call.failed'] });
    // A "crashed" worker: it claimed the webhook (after the event was queued) and never came back.
    await t.ctx.db.transaction().execute(async (trx) => {
      await recordWebhookEvent(trx, tenant.id, 'call.failed', { n: 1 });
      const leased = await trx
        .updateTable('webhooks')
        .set({
          locked_by: 'crashed-worker',
          locked_until: new Date(Date.now() + 300).toISOString().replace('Z', '+00:00'),
        })
        .where('id', '=', hook.id)
        .executeTakeFirst();
      expect(leased.numUpdatedRows).toBe(1n);
    });
    await waitFor('the delivery after the lease expired', () => receiver.requests.length === 1);
    const row = await t.ctx.db
      .selectFrom('webhooks')
      .selectAll()
      .where('id', '=', hook.id)
      .executeTakeFirstOrThrow();
    expect(row.locked_by).not.toBe('crashed-worker');
  });

  test('keeps the order of events per webhook', async () => {
    const { receiver, t, tenant } = await setup();
    await createWebhookVia(t, tenant.headers, { url: receiver.origin, events: ['message.created'] });
    for (let n = 0; n < 15; n++) await recordWebhookEvent(t.ctx.db, tenant.id, 'message.created', { n });
    await waitFor('all 15 deliveries', () => receiver.requests.length >= 15);
    expect(receiver.requests.map((r) => JSON.parse(r.body).data.n)).toEqual([...Array(15).keys()]);
  });

  test('a redirect is a failed attempt, never followed', async () => {
    const { receiver, t, tenant } = await setup((req, res) => {
      if (req.url === '/moved') res.writeHead(308, { location: '/elsewhere' }).end();
      else res.writeHead(204).end();
    });
    const hook = await createWebhookVia(t, tenant.headers, { url: `${receiver.origin}/moved` });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tenant-api/webhooks/${hook.id}/test`,
      headers: tenant.headers,
    });
    expect(res.json().data).toMatchObject({ ok: false, responseStatus: null });
    expect(res.json().data.error).toContain('redirect');
    expect(receiver.requests.map((r) => r.url)).toEqual(['/moved']);
  });

  test("a tenant's events never reach another tenant's webhook", async () => {
    const { receiver, t, tenant } = await setup();
    const other = await t.createTenant('Other');
    await createWebhookVia(t, tenant.headers, { url: `${receiver.origin}/acme`, events: ['call.failed'] });
    await createWebhookVia(t, other.headers, { url: `${receiver.origin}/other`, events: ['call.failed'] });
    await recordWebhookEvent(t.ctx.db, other.id, 'call.failed', { who: 'other' });
    await recordWebhookEvent(t.ctx.db, tenant.id, 'call.failed', { who: 'acme' });
    await waitFor('both deliveries', () => receiver.requests.length >= 2);
    const seen = receiver.requests.map((r) => [r.url, JSON.parse(r.body).data.who]).sort();
    expect(seen).toEqual([
      ['/acme', 'acme'],
      ['/other', 'other'],
    ]);
  });
});
