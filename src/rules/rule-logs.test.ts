import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { uuidV7Floor } from '../connections/call-logs/prune-call-logs.ts';
import { pruneRuleLogs } from './prune-rule-logs.ts';
import { listRuleLogs, previousRun, saveCheckpoint, writeRuleLog } from './rule-logs.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const entry = { messageId: 'm', rules: [], actions: [], errors: [], unknownVariables: [] };

it('keeps one log per job: a checkpoint is replaced by the final entry, a repeated write does not add a row', async () => {
  const tenant = await t.createTenant();
  const ids = { tenantId: tenant.id, conversationId: 'c-1', messageId: 'm', jobId: 'job-1' };
  expect(await previousRun(t.ctx.db, tenant.id, 'job-1')).toEqual({ state: 'none' });
  await saveCheckpoint(t.ctx.db, ids, { variables: { a: '1' }, status: 'open' });
  await saveCheckpoint(t.ctx.db, ids, { variables: { a: '2' }, status: 'open' });
  expect(await previousRun(t.ctx.db, tenant.id, 'job-1')).toEqual({
    state: 'running',
    checkpoint: { variables: { a: '1' }, status: 'open' },
  });
  await writeRuleLog(t.ctx.db, ids, { ...entry, errors: ['x'] }, 0);
  await writeRuleLog(t.ctx.db, ids, entry, 0);
  expect(await previousRun(t.ctx.db, tenant.id, 'job-1')).toEqual({ state: 'done' });
  const { logs, total } = await listRuleLogs(t.ctx.db, tenant.id, { limit: 10, offset: 0 });
  expect(total).toBe(1);
  expect(logs[0]).not.toHaveProperty('checkpoint');
  expect(logs[0]).not.toHaveProperty('state');
  expect(await previousRun(t.ctx.db, 'another-tenant', 'job-1')).toEqual({ state: 'none' });
});

it('prunes rows older than the retention period', async () => {
  const tenant = await t.createTenant();
  const ids = { tenantId: tenant.id, conversationId: 'c-2', messageId: null, jobId: null };
  await writeRuleLog(t.ctx.db, ids, entry, 0);
  const old = uuidV7Floor(Date.now() - 40 * 86_400_000);
  await t.ctx.db
    .insertInto('rule_logs')
    .values({
      id: old,
      tenant_id: tenant.id,
      conversation_id: 'c-2',
      message_id: null,
      job_id: null,
      matched_count: 0,
      entry: JSON.stringify(entry),
      created_at: '2020-01-01T00:00:00.000+00:00',
    })
    .execute();
  expect((await listRuleLogs(t.ctx.db, tenant.id, { limit: 10, offset: 0 })).total).toBe(2);
  await pruneRuleLogs(t.ctx.db, 30);
  const { logs } = await listRuleLogs(t.ctx.db, tenant.id, { limit: 10, offset: 0 });
  expect(logs.map((log) => log.id)).not.toContain(old);
  expect(logs).toHaveLength(1);
});
