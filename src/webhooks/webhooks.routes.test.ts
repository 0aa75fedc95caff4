import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestApp } from '../../test/helpers/test-app.ts';
import type { TestServer } from '../http/guarded-fetch/test-server.ts';
import { appFor, createWebhookVia, startReceiver, verifySignature, waitFor } from './webhook-test-kit.ts';

const base = '/api/v1/tenant-api/webhooks';
let receiver: TestServer;
let t: TestApp;
let acme: Awaited<ReturnType<TestApp['createTenant']>>;
let rival: Awaited<ReturnType<TestApp['createTenant']>>;

beforeAll(async () => {
  receiver = await startReceiver();
  t = await appFor(receiver);
  acme = await t.createTenant('Acme');
  rival = await t.createTenant('Rival');
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: object, payload?: object) =>
  t.app.inject({ method, url, headers: headers as Record<string, string>, payload });

describe('webhooks CRUD', () => {
  test('creates a webhook, showing its signing secret only once and storing it sealed', async () => {
    const res = await call('POST', base, acme.headers, {
      url: `${receiver.origin}/in`,
      events: ['message.created', 'conversation.updated', 'message.created'],
      description: 'CRM sync',
    });
    expect(res.statusCode).toBe(201);
    const created = res.json().data;
    expect(created).toMatchObject({
      url: `${receiver.origin}/in`,
      events: ['message.created', 'conversation.updated'],
      enabled: true,
      description: 'CRM sync',
      previousSecretExpiresAt: null,
      disabledAt: null,
    });
    expect(created.secret).toMatch(/^whsec_/);
    expect(Buffer.from(created.secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);

    const fetched = (await call('GET', `${base}/${created.id}`, acme.headers)).json().data;
    expect(fetched.secret).toBeUndefined();
    expect(fetched.id).toBe(created.id);
    const listed = (await call('GET', base, acme.headers)).json();
    expect(listed.data.map((w: { id: string }) => w.id)).toContain(created.id);
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    const row = await t.ctx.db
      .selectFrom('webhooks')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.secret.startsWith('pv1:')).toBe(true);
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(6));
    expect(t.logs()).not.toContain(created.secret.slice(6));
  });

  test('defaults to every event type and validates input', async () => {
    const created = await createWebhookVia(t, acme.headers, { url: receiver.origin });
    const view = (await call('GET', `${base}/${created.id}`, acme.headers)).json().data;
    expect(view.events).toEqual([
      'conversation.created',
      'conversation.updated',
      'message.created',
      'call.failed',
    ]);

    for (const body of [
      {},
      { url: 'not a url' },
      { url: 'ftp://example.com/x' },
      { url: receiver.origin, events: ['order.shipped'] },
      { url: receiver.origin, events: [] },
      { url: receiver.origin, enabled: 'yes' },
    ]) {
      const res = await call('POST', base, acme.headers, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    }
  });

  test.each([
    ['http://169.254.169.254/latest/meta-data', 'cloud metadata'],
    ['http://10.0.0.1/', 'private'],
    ['http://localhost:1/', 'loopback'],
    ['http://[::1]:8080/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://[::ffff:10.0.0.1]/', 'private'],
    ['http://127.0.0.1:1/', 'loopback'],
  ])('rejects the SSRF-blocked target %s on create, naming the reason', async (url, reason) => {
    const res = await call('POST', base, acme.headers, { url });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_ERROR');
    expect(res.json().error.message).toContain(reason);
    expect(res.json().error.message).toContain('PARLEY_OUTBOUND_ALLOW');
    // Named like every other validation error, so forms put it under the URL field.
    expect(res.json().error.details[0].path).toBe('body.url');
  });

  test('PATCH updates fields, re-checks a new URL and keeps the secret', async () => {
    const created = await createWebhookVia(t, acme.headers, {
      url: receiver.origin,
      events: ['call.failed'],
    });
    const blocked = await call('PATCH', `${base}/${created.id}`, acme.headers, {
      url: 'http://192.168.1.10/hook',
    });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().error.message).toContain('private');

    const res = await call('PATCH', `${base}/${created.id}`, acme.headers, {
      url: `${receiver.origin}/v2`,
      events: ['message.created'],
      enabled: false,
      description: 'paused',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      url: `${receiver.origin}/v2`,
      events: ['message.created'],
      enabled: false,
      description: 'paused',
    });
    expect(res.json().data.secret).toBeUndefined();
    expect(
      (await call('PATCH', `${base}/${created.id}`, acme.headers, { events: ['nope'] })).statusCode,
    ).toBe(400);
  });

  test('DELETE removes the webhook and its log', async () => {
    const created = await createWebhookVia(t, acme.headers, { url: receiver.origin });
    expect((await call('DELETE', `${base}/${created.id}`, acme.headers)).statusCode).toBe(204);
    expect((await call('GET', `${base}/${created.id}`, acme.headers)).statusCode).toBe(404);
    expect((await call('DELETE', `${base}/${created.id}`, acme.headers)).statusCode).toBe(404);
    expect((await call('GET', `${base}/${created.id}/deliveries`, acme.headers)).statusCode).toBe(404);
  });

  test("another tenant's webhook and its deliveries are 404 on every route", async () => {
    const created = await createWebhookVia(t, acme.headers, { url: receiver.origin });
    const ping = (await call('POST', `${base}/${created.id}/test`, acme.headers)).json().data;
    const id = created.id;
    const attempts: Array<[Parameters<typeof call>[0], string, object?]> = [
      ['GET', `${base}/${id}`],
      ['PATCH', `${base}/${id}`, { enabled: false }],
      ['DELETE', `${base}/${id}`],
      ['POST', `${base}/${id}/rotate-secret`],
      ['POST', `${base}/${id}/test`],
      ['GET', `${base}/${id}/deliveries`],
      ['POST', `${base}/${id}/deliveries/${ping.delivery.id}/retry`],
    ];
    for (const [method, url, body] of attempts) {
      const res = await call(method, url, rival.headers, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect((await call('GET', base, rival.headers)).json().data).toEqual([]);
    // Still there, untouched, for its owner; the rival's attempts sent nothing.
    const view = (await call('GET', `${base}/${id}`, acme.headers)).json().data;
    expect(view.enabled).toBe(true);
    expect((await call('GET', `${base}/${id}/deliveries`, acme.headers)).json().meta.total).toBe(1);
  });

  test('requires an API key', async () => {
    expect((await call('GET', base, {})).statusCode).toBe(401);
  });
});

describe('ping, rotation, retry and the delivery log', () => {
  test('POST /test sends a signed ping now and returns the outcome', async () => {
    const created = await createWebhookVia(t, acme.headers, {
      url: `${receiver.origin}/ping`,
      events: ['call.failed'],
    });
    const before = receiver.requests.length;
    const res = await call('POST', `${base}/${created.id}/test`, acme.headers);
    expect(res.statusCode).toBe(200);
    const result = res.json().data;
    expect(result).toMatchObject({ ok: true, responseStatus: 204, error: null });
    expect(result.delivery).toMatchObject({ eventType: 'ping', status: 'succeeded', attempts: 1 });
    const request = receiver.requests[before];
    expect(request.url).toBe('/ping');
    expect(JSON.parse(request.body)).toMatchObject({ type: 'ping', data: { webhookId: created.id } });
    expect(request.headers['webhook-id']).toBe(result.delivery.id);
    expect(verifySignature(created.secret, request.headers, request.body)).toBe(true);
  });

  test('delivery goes through the guarded fetch: a URL that bypassed the save-time check is blocked at connect time', async () => {
    const failing = await startReceiver((_req, res) => res.writeHead(500).end('boom'));
    try {
      // The allow list opens only `receiver`'s port: a different loopback port is blocked at connect time too.
      const created = await createWebhookVia(t, acme.headers, { url: receiver.origin });
      await t.ctx.db
        .updateTable('webhooks')
        .set({ url: failing.origin })
        .where('id', '=', created.id)
        .execute();
      const result = (await call('POST', `${base}/${created.id}/test`, acme.headers)).json().data;
      expect(result.ok).toBe(false);
      expect(result.responseStatus).toBeNull();
      expect(result.error).toContain('blocked');
      expect(result.delivery.status).toBe('failed');
      expect(failing.connections).toBe(0);
    } finally {
      await failing.close();
    }
  });

  test('rotation shows a new secret once; both signatures are sent during the overlap', async () => {
    const created = await createWebhookVia(t, acme.headers, {
      url: `${receiver.origin}/rot`,
      events: ['call.failed'],
    });
    const res = await call('POST', `${base}/${created.id}/rotate-secret`, acme.headers);
    expect(res.statusCode).toBe(200);
    const rotated = res.json().data;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    const overlapHours = (Date.parse(rotated.previousSecretExpiresAt) - Date.now()) / 3_600_000;
    expect(overlapHours).toBeGreaterThan(23.9);
    expect(overlapHours).toBeLessThanOrEqual(24);

    const before = receiver.requests.length;
    await call('POST', `${base}/${created.id}/test`, acme.headers);
    const request = receiver.requests[before];
    const signatures = String(request.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    for (const signature of signatures) expect(signature.startsWith('v1,')).toBe(true);
    const only = (signature: string) => ({ ...request.headers, 'webhook-signature': signature });
    expect(verifySignature(rotated.secret, only(signatures[0]), request.body)).toBe(true);
    expect(verifySignature(created.secret, only(signatures[1]), request.body)).toBe(true);
    expect(verifySignature(created.secret, only(signatures[0]), request.body)).toBe(false);
  });

  test('lists deliveries newest first with limit/offset, and retries one with the same webhook-id', async () => {
    let fail = true;
    const flaky = await startReceiver((_req, res) => res.writeHead(fail ? 500 : 200).end());
    const app = await appFor(flaky);
    try {
      const tenant = await app.createTenant();
      const hook = await createWebhookVia(app, tenant.headers, { url: flaky.origin });
      const url = `${base}/${hook.id}`;
      for (let i = 0; i < 3; i++)
        await app.app.inject({ method: 'POST', url: `${url}/test`, headers: tenant.headers });
      const page = await app.app.inject({
        method: 'GET',
        url: `${url}/deliveries?limit=2&offset=1`,
        headers: tenant.headers,
      });
      expect(page.json().meta).toEqual({ limit: 2, offset: 1, total: 3 });
      expect(page.json().data).toHaveLength(2);
      const all = (
        await app.app.inject({ method: 'GET', url: `${url}/deliveries`, headers: tenant.headers })
      ).json().data;
      expect(all.map((d: { id: string }) => d.id)).toEqual(
        all
          .map((d: { id: string }) => d.id)
          .sort()
          .reverse(),
      );
      expect(all[0]).toMatchObject({ status: 'failed', responseStatus: 500, eventType: 'ping' });
      const clamped = await app.app.inject({
        method: 'GET',
        url: `${url}/deliveries?limit=500`,
        headers: tenant.headers,
      });
      expect(clamped.json().meta).toEqual({ limit: 100, offset: 0, total: 3 });
      const bad = await app.app.inject({
        method: 'GET',
        url: `${url}/deliveries?limit=-1`,
        headers: tenant.headers,
      });
      expect(bad.statusCode).toBe(400);

      fail = false;
      const retried = await app.app.inject({
        method: 'POST',
        url: `${url}/deliveries/${all[0].id}/retry`,
        headers: tenant.headers,
      });
      expect(retried.statusCode).toBe(202);
      expect(retried.json().data).toMatchObject({ id: all[0].id, status: 'pending' });
      await waitFor('the retried delivery', async () => {
        const list = (
          await app.app.inject({
            method: 'GET',
            url: `${url}/deliveries?status=succeeded`,
            headers: tenant.headers,
          })
        ).json();
        return list.data[0]?.id === all[0].id;
      });
      expect(flaky.requests.at(-1)?.headers['webhook-id']).toBe(all[0].id);
      const unknown = await app.app.inject({
        method: 'POST',
        url: `${url}/deliveries/${hook.id}/retry`,
        headers: tenant.headers,
      });
      expect(unknown.statusCode).toBe(404);
    } finally {
      await app.close();
      await flaky.close();
    }
  });
});
