import { afterEach, expect, test } from 'vitest';
import { recordWebhookEvent } from './record-webhook-event.ts';
import { configureWebhookWorkers } from './webhook-delivery.ts';
import { appFor, createWebhookVia, fastWorkerOptions, startReceiver, waitFor } from './webhook-test-kit.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

test('a webhook failing continuously for the whole window is disabled, with an entry in its log', async () => {
  // 3 days in production; here the window closes after a few failed attempts.
  configureWebhookWorkers({ ...fastWorkerOptions, retryScheduleMs: [40, 80, 120, 160], disableAfterMs: 150 });
  let healthy = false;
  const receiver = await startReceiver((_req, res) => res.writeHead(healthy ? 200 : 503).end());
  cleanup.push(() => receiver.close());
  const t = await appFor(receiver);
  cleanup.push(() => t.close());
  const tenant = await t.createTenant();
  const hook = await createWebhookVia(t, tenant.headers, { url: receiver.origin, events: ['call.failed'] });
  const url = `/api/v1/tenant-api/webhooks/${hook.id}`;
  await recordWebhookEvent(t.ctx.db, tenant.id, 'call.failed', { n: 1 });

  const view = await waitFor('the webhook to be disabled', async () => {
    const res = (await t.app.inject({ method: 'GET', url, headers: tenant.headers })).json().data;
    return res.enabled === false && res;
  });
  expect(view.disabledReason).toContain('Disabled automatically');
  expect(view.disabledAt).toEqual(expect.any(String));
  const log = (
    await t.app.inject({ method: 'GET', url: `${url}/deliveries`, headers: tenant.headers })
  ).json().data;
  expect(log[0]).toMatchObject({ eventType: 'webhook.disabled', status: 'failed', attempts: 0 });
  expect(log[1]).toMatchObject({ eventType: 'call.failed', status: 'pending' });
  const retryLog = await t.app.inject({
    method: 'POST',
    url: `${url}/deliveries/${log[0].id}/retry`,
    headers: tenant.headers,
  });
  expect(retryLog.statusCode).toBe(409);

  // While disabled nothing new is queued; switching it back on delivers what was pending.
  expect(await recordWebhookEvent(t.ctx.db, tenant.id, 'call.failed', { n: 2 })).toBe(0);
  healthy = true;
  const enabled = await t.app.inject({
    method: 'PATCH',
    url,
    headers: tenant.headers,
    payload: { enabled: true },
  });
  expect(enabled.json().data).toMatchObject({ enabled: true, disabledAt: null, disabledReason: null });
  await waitFor('the pending delivery after re-enabling', async () => {
    const list = (
      await t.app.inject({ method: 'GET', url: `${url}/deliveries`, headers: tenant.headers })
    ).json().data;
    return list.find((d: { eventType: string }) => d.eventType === 'call.failed')?.status === 'succeeded';
  });
});
