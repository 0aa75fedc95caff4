import { afterEach, expect, test } from 'vitest';
import { createTestApp, usingPostgres } from '../../test/helpers/test-app.ts';
import { recordWebhookEvent } from './record-webhook-event.ts';
import {
  createWebhookVia,
  environmentFor,
  fastWorkerOptions,
  startReceiver,
  waitFor,
} from './webhook-test-kit.ts';
import { startWebhookWorker } from './webhook-worker.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

// PostgreSQL: two app instances with their own connection pools, as two processes would be.
// SQLite runs one process: there the second worker shares the app's connection.
const second = usingPostgres ? 'a second app instance' : 'a second worker in the same process';

test(`two workers (${second}) share the outbox and deliver every event exactly once, in order`, async () => {
  const receiver = await startReceiver((_req, res) => setTimeout(() => res.writeHead(200).end(), 2));
  cleanup.push(() => receiver.close());
  const environment = await environmentFor(receiver);
  cleanup.push(() => environment.dispose());
  const a = await createTestApp({}, { environment });
  cleanup.push(() => a.close());
  let writerB = a;
  if (usingPostgres) {
    writerB = await createTestApp({}, { environment });
    cleanup.push(() => writerB.close());
  } else {
    const extra = startWebhookWorker(
      { db: a.ctx.db, dbKind: a.ctx.dbKind, vault: a.ctx.vault, fetch: a.ctx.outbound },
      fastWorkerOptions,
    );
    cleanup.push(() => extra.stop());
  }

  const tenant = await a.createTenant();
  const hooks = [];
  for (let i = 0; i < 3; i++) {
    hooks.push(
      await createWebhookVia(a, tenant.headers, { url: `${receiver.origin}/h${i}`, events: ['call.failed'] }),
    );
  }
  const events = 40;
  for (let n = 0; n < events; n++) {
    const writer = n % 2 === 0 ? a : writerB;
    await recordWebhookEvent(writer.ctx.db, tenant.id, 'call.failed', { n });
  }

  await waitFor('every delivery', () => receiver.requests.length >= events * hooks.length);
  // Let any duplicate that is still on its way arrive before counting.
  await waitFor('the outbox to drain', async () => {
    const left = await a.ctx.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('status', '!=', 'succeeded')
      .execute();
    return left.length === 0;
  });
  const ids = receiver.requests.map((r) => r.headers['webhook-id']);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toHaveLength(events * hooks.length);
  for (let i = 0; i < hooks.length; i++) {
    const order = receiver.requests.filter((r) => r.url === `/h${i}`).map((r) => JSON.parse(r.body).data.n);
    expect(order).toEqual([...Array(events).keys()]);
  }
});
