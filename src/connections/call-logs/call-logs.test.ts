import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { newId } from '../../db/ids.ts';
import { toIso } from '../../db/time.ts';
import { executeEndpoint } from '../execute-endpoint.ts';
import {
  API,
  createConnectionVia,
  createEndpointVia,
  json,
  startUpstream,
  type Upstream,
} from '../testing/upstream.ts';
import { pruneCallLogs, uuidV7Floor } from './prune-call-logs.ts';

describe('call logs', () => {
  let t: TestApp;
  let upstream: Upstream;
  beforeAll(async () => {
    upstream = await startUpstream();
    upstream.handle = (_req, res) => json(res, 200, { secret_body_marker: 'do-not-log-me' });
    t = await createTestApp({
      PARLEY_RATE_LIMIT_PER_MIN: '100000',
      PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}`,
    });
  });
  afterAll(async () => {
    await t.close();
    await upstream.close();
  });

  async function setup() {
    const tenant = await t.createTenant();
    const connection = await createConnectionVia(t, tenant.headers, {
      baseUrl: upstream.origin,
      auth: { type: 'api_key', key: 'log-query-key-1234', in: 'query' },
    });
    const a = await createEndpointVia(t, tenant.headers, connection.id, {
      path: '/a',
      queryParams: { q: 'x' },
    });
    const b = await createEndpointVia(t, tenant.headers, connection.id, { path: '/b' });
    return { tenant, connection, a, b };
  }

  it('lists every call newest first, filtered, without bodies or credentials', async () => {
    const { tenant, connection, a, b } = await setup();
    const run = (endpointId: string, conversationId?: string) =>
      executeEndpoint(t.ctx, {
        tenantId: tenant.id,
        endpointId,
        variables: {},
        source: 'ai',
        conversationId,
      });
    await run(a.id, 'conv-a');
    await run(b.id, 'conv-b');
    await run(b.id);
    const list = async (query = '') =>
      (await t.app.inject({ url: `${API}/call-logs${query}`, headers: tenant.headers })).json();
    const all = await list();
    expect(all.meta).toEqual({ limit: 50, offset: 0, total: 3 });
    expect(all.data.map((l: { endpointId: string }) => l.endpointId)).toEqual([b.id, b.id, a.id]);
    expect(all.data[2]).toEqual({
      id: expect.any(String),
      createdAt: expect.stringMatching(/\+00:00$/),
      connectionId: connection.id,
      endpointId: a.id,
      conversationId: 'conv-a',
      source: 'ai',
      method: 'GET',
      url: `${upstream.origin}/a?q=x`,
      status: 200,
      durationMs: expect.any(Number),
      ok: true,
      error: null,
    });
    expect((await list(`?endpointId=${a.id}`)).data).toHaveLength(1);
    expect((await list(`?conversationId=conv-b`)).data).toHaveLength(1);
    expect((await list(`?connectionId=${connection.id}&limit=2&offset=1`)).data).toHaveLength(2);
    const raw = JSON.stringify((await sql`select * from call_logs`.execute(t.ctx.db)).rows);
    expect(raw).not.toContain('log-query-key-1234');
    expect(raw).not.toContain('do-not-log-me');
    expect(JSON.stringify(all)).not.toContain('log-query-key-1234');
  });

  it("never shows another tenant's calls", async () => {
    const { tenant, connection, a } = await setup();
    await executeEndpoint(t.ctx, { tenantId: tenant.id, endpointId: a.id, variables: {}, source: 'rule' });
    const other = await t.createTenant('Other');
    for (const query of ['', `?connectionId=${connection.id}`, `?endpointId=${a.id}`]) {
      const res = await t.app.inject({ url: `${API}/call-logs${query}`, headers: other.headers });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ data: [], meta: { limit: 50, offset: 0, total: 0 } });
    }
  });

  it('prunes rows past the retention period and beyond the per-tenant cap', async () => {
    const { tenant } = await setup();
    const other = await t.createTenant('Other');
    const row = (tenantId: string, createdAt: string) => ({
      // Like a UUIDv7 made at `createdAt`.
      id: `${uuidV7Floor(Date.parse(createdAt)).slice(0, 24)}${newId().slice(24)}`,
      tenant_id: tenantId,
      created_at: createdAt,
      connection_id: null,
      endpoint_id: null,
      conversation_id: null,
      source: 'rule',
      method: 'GET',
      url: 'https://x.example',
      status: 200,
      duration_ms: 1,
      ok: 1,
      error: null,
    });
    const old = toIso(new Date(Date.now() - 40 * 86_400_000));
    const recent = toIso(new Date());
    expect(uuidV7Floor(Date.now()) < newId()).toBe(true);
    expect(newId() < uuidV7Floor(Date.now() + 5)).toBe(true);
    await t.ctx.db
      .insertInto('call_logs')
      .values([
        row(tenant.id, old),
        ...Array.from({ length: 6 }, () => row(tenant.id, recent)),
        row(other.id, recent),
      ])
      .execute();
    await pruneCallLogs(t.ctx.db, { retentionDays: 30, maxRowsPerTenant: 4, tenantIds: [tenant.id] });
    const left = await t.ctx.db
      .selectFrom('call_logs')
      .select(['tenant_id', 'created_at'])
      .where('tenant_id', 'in', [tenant.id, other.id])
      .execute();
    expect(left.filter((r) => r.tenant_id === tenant.id)).toHaveLength(4);
    expect(left.some((r) => r.created_at === old)).toBe(false);
    expect(left.filter((r) => r.tenant_id === other.id)).toHaveLength(1);
  });
});
