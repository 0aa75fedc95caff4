import crypto from 'node:crypto';
import { afterEach, expect, test } from 'vitest';
import { createVault } from '../vault/vault.ts';
import { recordWebhookEvent } from './record-webhook-event.ts';
import { webhookWorkerOf } from './webhook-delivery.ts';
import { appFor, createWebhookVia, fastWorkerOptions, startReceiver, waitFor } from './webhook-test-kit.ts';
import { type ErrorRetry, startWebhookWorker } from './webhook-worker.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

// Timers never fire early, so these lower bounds hold however loaded the machine is (1 ms of slack
// for timer rounding).
const SLACK_MS = 1;

test('an unexpected failure backs off per webhook (doubling, capped, reset by a success) while other webhooks keep being served', async () => {
  const receiver = await startReceiver();
  cleanup.push(() => receiver.close());
  const t = await appFor(receiver);
  cleanup.push(() => t.close());
  // Only the worker under test delivers.
  await webhookWorkerOf(t.ctx)?.stop();
  const tenant = await t.createTenant();
  const broken = await createWebhookVia(t, tenant.headers, {
    url: `${receiver.origin}/broken`,
    events: ['call.failed'],
  });
  await createWebhookVia(t, tenant.headers, { url: `${receiver.origin}/healthy`, events: ['call.failed'] });
  const row = await t.ctx.db
    .selectFrom('webhooks')
    .select('secret')
    .where('id', '=', broken.id)
    .executeTakeFirstOrThrow();
  // Its secret is sealed under a key this process does not have: every attempt throws.
  const unreadable = createVault(crypto.randomBytes(32)).seal('whsec_unreadable');
  const setSecret = (secret: string) =>
    t.ctx.db.updateTable('webhooks').set({ secret }).where('id', '=', broken.id).execute();
  await setSecret(unreadable);

  const errors: Array<ErrorRetry & { at: number }> = [];
  const worker = startWebhookWorker(
    {
      db: t.ctx.db,
      dbKind: t.ctx.dbKind,
      vault: t.ctx.vault,
      fetch: t.ctx.outbound,
      onError: (_error, retry) => errors.push({ ...retry, at: Date.now() }),
    },
    { ...fastWorkerOptions, errorBackoffMs: 40, errorBackoffMaxMs: 160 },
  );
  cleanup.push(() => worker.stop());
  await recordWebhookEvent(t.ctx.db, tenant.id, 'call.failed', { n: 1 });

  await waitFor('five failures', () => errors.length >= 5);
  expect(errors.slice(0, 5).map((e) => [e.webhookId, e.failures, e.retryInMs])).toEqual([
    [broken.id, 1, 40],
    [broken.id, 2, 80],
    [broken.id, 3, 160],
    [broken.id, 4, 160],
    [broken.id, 5, 160],
  ]);
  for (let i = 1; i < 5; i++) {
    expect(errors[i].at - errors[i - 1].at).toBeGreaterThanOrEqual(errors[i - 1].retryInMs - SLACK_MS);
  }
  // The other webhook was not held back.
  await waitFor('the healthy delivery', () => receiver.requests.some((r) => r.url === '/healthy'));

  // The secret is fixed: the delivery goes out, and the count starts over.
  await setSecret(row.secret);
  await waitFor('the repaired delivery', () => receiver.requests.some((r) => r.url === '/broken'));
  await setSecret(unreadable);
  const before = errors.length;
  await recordWebhookEvent(t.ctx.db, tenant.id, 'call.failed', { n: 2 });
  await waitFor('a new failure', () => errors.length > before);
  expect(errors[before]).toMatchObject({ webhookId: broken.id, failures: 1, retryInMs: 40 });
});
