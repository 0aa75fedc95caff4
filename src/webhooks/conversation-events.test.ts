import { afterAll, beforeAll, expect, test } from 'vitest';
import type { TestApp } from '../../test/helpers/test-app.ts';
import type { TestServer } from '../http/guarded-fetch/test-server.ts';
import { recordEvent, withTransaction } from '../realtime/domain-events.ts';
import { appFor, createWebhookVia, startReceiver, verifySignature, waitFor } from './webhook-test-kit.ts';

let receiver: TestServer;
let t: TestApp;

beforeAll(async () => {
  receiver = await startReceiver();
  t = await appFor(receiver);
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

const bodies = () => receiver.requests.map((r) => JSON.parse(r.body));

test('conversation changes made through the APIs reach the webhook with the Tenant API resource shapes', async () => {
  const tenant = await t.createTenant();
  const hook = await createWebhookVia(t, tenant.headers, {
    url: receiver.origin,
    events: ['conversation.created', 'conversation.updated', 'message.created'],
  });
  const api = '/api/v1/tenant-api';
  const widget = (
    await t.app.inject({
      method: 'POST',
      url: `${api}/widgets`,
      headers: tenant.headers,
      payload: { name: 'Site', aiEnabled: false },
    })
  ).json().data;
  const started = await t.app.inject({
    method: 'POST',
    url: `/api/v1/widget/${widget.id}/conversations`,
    payload: { visitorName: 'Jo' },
  });
  expect(started.statusCode).toBe(201);
  const conversationId = started.json().data.conversationId;

  const posted = await t.app.inject({
    method: 'POST',
    url: `${api}/conversations/${conversationId}/messages`,
    headers: tenant.headers,
    payload: { content: 'Hello from an operator', role: 'operator' },
  });
  expect(posted.statusCode).toBe(201);
  const patched = await t.app.inject({
    method: 'PATCH',
    url: `${api}/conversations/${conversationId}`,
    headers: tenant.headers,
    payload: { status: 'closed' },
  });
  expect(patched.statusCode).toBe(200);
  // Repeating the current state (a bulk "close old conversations" run again) changes nothing.
  for (const payload of [
    { status: 'closed' },
    { assignedTo: null },
    { status: 'closed', assignedTo: null },
  ]) {
    const again = await t.app.inject({
      method: 'PATCH',
      url: `${api}/conversations/${conversationId}`,
      headers: tenant.headers,
      payload,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().data).toEqual(patched.json().data);
  }
  const last = await t.app.inject({
    method: 'POST',
    url: `${api}/conversations/${conversationId}/messages`,
    headers: tenant.headers,
    payload: { content: 'A later note', role: 'system' },
  });
  expect(last.statusCode).toBe(201);

  await waitFor('four events', () => receiver.requests.length >= 4);
  expect(bodies().map((b) => b.type)).toEqual([
    'conversation.created',
    'message.created',
    'conversation.updated',
    'message.created',
  ]);
  for (const r of receiver.requests) expect(verifySignature(hook.secret, r.headers, r.body)).toBe(true);

  const [created, message, updated] = bodies();
  expect(created.data).toMatchObject({
    id: conversationId,
    widgetId: widget.id,
    visitorName: 'Jo',
    status: 'open',
  });
  expect(message.data).toEqual({ ...posted.json().data, conversationId });
  expect(updated.data).toMatchObject({ id: conversationId, status: 'closed' });
  const shown = (
    await t.app.inject({
      method: 'GET',
      url: `${api}/conversations/${conversationId}`,
      headers: tenant.headers,
    })
  ).json().data;
  expect(Object.keys(updated.data).sort()).toEqual(
    Object.keys(shown)
      .filter((k) => k !== 'messages' && k !== 'variables')
      .sort(),
  );
});

test("the outbox row is written in the change's transaction: a rollback queues nothing", async () => {
  const tenant = await t.createTenant();
  const hook = await createWebhookVia(t, tenant.headers, {
    url: receiver.origin,
    events: ['message.created'],
  });
  const event = {
    type: 'message.created' as const,
    tenantId: tenant.id,
    conversationId: 'c1',
    data: { n: 1 },
  };
  const count = async () =>
    (
      await t.ctx.db
        .selectFrom('webhook_deliveries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('webhook_id', '=', hook.id)
        .executeTakeFirstOrThrow()
    ).n;
  await expect(
    withTransaction(t.ctx, async (trx) => {
      await recordEvent(trx, event);
      expect(
        Number(
          await trx
            .selectFrom('webhook_deliveries')
            .select('id')
            .where('webhook_id', '=', hook.id)
            .execute()
            .then((r) => r.length),
        ),
      ).toBe(1);
      throw new Error('rolled back');
    }),
  ).rejects.toThrow('rolled back');
  expect(Number(await count())).toBe(0);
  await withTransaction(t.ctx, (trx) => recordEvent(trx, event));
  expect(Number(await count())).toBe(1);
});

test('a tenant without webhooks skips the outbox, and a webhook created or re-enabled afterwards gets the very next event', async () => {
  const tenant = await t.createTenant();
  const event = (n: number) => ({
    type: 'message.created' as const,
    tenantId: tenant.id,
    conversationId: 'c1',
    data: { n },
  });
  const queued = async (webhookId: string) =>
    (
      await t.ctx.db
        .selectFrom('webhook_deliveries')
        .select('payload')
        .where('webhook_id', '=', webhookId)
        .execute()
    ).map((row) => JSON.parse(row.payload).data.n);
  // No webhook yet: the absence is remembered for this tenant and event type.
  await withTransaction(t.ctx, (trx) => recordEvent(trx, event(1)));
  const hook = await createWebhookVia(t, tenant.headers, {
    url: receiver.origin,
    events: ['message.created'],
    enabled: false,
  });
  await withTransaction(t.ctx, (trx) => recordEvent(trx, event(2)));
  const enabled = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/tenant-api/webhooks/${hook.id}`,
    headers: tenant.headers,
    payload: { enabled: true },
  });
  expect(enabled.statusCode).toBe(200);
  await withTransaction(t.ctx, (trx) => recordEvent(trx, event(3)));
  expect(await queued(hook.id)).toEqual([3]);
});
