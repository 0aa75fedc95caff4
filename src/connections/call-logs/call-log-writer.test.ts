import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { createTenant } from '../../tenants/tenants.ts';
import { type CallLogEntry, createCallLogWriter } from './call-log-writer.ts';

let t: TestApp;
let tenantId: string;

beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await createTenant(t.ctx.db, 'Writer')).id;
});
afterAll(() => t.close());

const entry = (url: string, overrides: Partial<CallLogEntry> = {}): CallLogEntry => ({
  tenantId,
  connectionId: null,
  endpointId: null,
  conversationId: null,
  source: 'rule',
  method: 'GET',
  url,
  status: 200,
  durationMs: 12.4,
  ok: true,
  error: null,
  ...overrides,
});

it('does not lose a batch to one row whose tenant was deleted meanwhile', async () => {
  const writer = createCallLogWriter(t.ctx.db, { dbKind: t.ctx.dbKind, retentionDays: 30 });
  writer.write(entry('https://orphan.example/before'));
  writer.write(entry('https://orphan.example/gone', { tenantId: 'no-such-tenant' }));
  writer.write(entry('https://orphan.example/after', { ok: false, status: 502, error: 'HTTP 502' }));
  await writer.flush();
  const rows = await t.ctx.db
    .selectFrom('call_logs')
    .select(['url', 'ok', 'duration_ms'])
    .where('url', 'like', 'https://orphan.example/%')
    .orderBy('id')
    .execute();
  expect(rows).toEqual([
    { url: 'https://orphan.example/before', ok: 1, duration_ms: 12 },
    { url: 'https://orphan.example/after', ok: 0, duration_ms: 12 },
  ]);
});
