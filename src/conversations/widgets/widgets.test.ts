import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { getWidgetIdentitySecret } from './widgets.ts';

describe('Tenant API widgets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const url = '/api/v1/tenant-api/widgets';

  it('creates a widget with the seed-004 fields and defaults, and lists it', async () => {
    const tenant = await t.createTenant();
    const created = await t.app.inject({
      method: 'POST',
      url,
      headers: tenant.headers,
      payload: { name: 'Main' },
    });
    expect(created.statusCode).toBe(201);
    const widget = created.json().data;
    expect(widget).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Main',
      isActive: true,
      aiEnabled: true,
      translationEnabled: false,
      primaryColor: '#2563eb',
      position: 'bottom-right',
      allowedOrigins: [],
      identitySecret: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+\+00:00$/),
    });
    const list = await t.app.inject({ url, headers: tenant.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ data: [widget], meta: { limit: 200, offset: 0, total: 1 } });
  });

  it('accepts every optional field and normalises origins', async () => {
    const tenant = await t.createTenant();
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: tenant.headers,
      payload: {
        name: 'Shop',
        aiEnabled: false,
        translationEnabled: true,
        primaryColor: '#FF0000',
        position: 'bottom-left',
        allowedOrigins: ['https://shop.example.com', 'https://SHOP.example.com/', 'http://localhost:8080'],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toMatchObject({
      aiEnabled: false,
      translationEnabled: true,
      primaryColor: '#FF0000',
      position: 'bottom-left',
      allowedOrigins: ['https://shop.example.com', 'http://localhost:8080'],
    });
  });

  it('rejects bad bodies with the 400 envelope', async () => {
    const tenant = await t.createTenant();
    const bad = [
      {},
      { name: '' },
      { name: 42 },
      { name: 'x', primaryColor: 'red' },
      { name: 'x', position: 'top' },
      { name: 'x', aiEnabled: 'yes' },
      { name: 'x', allowedOrigins: 'https://a.example' },
      { name: 'x', allowedOrigins: ['https://a.example/path'] },
      { name: 'x', allowedOrigins: ['javascript:alert(1)'] },
      { name: 'x', allowedOrigins: ['not a url'] },
    ];
    for (const payload of bad) {
      const res = await t.app.inject({ method: 'POST', url, headers: tenant.headers, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('updates a widget with PATCH; identity secret is stored encrypted and shown masked', async () => {
    const tenant = await t.createTenant();
    const { id } = (
      await t.app.inject({ method: 'POST', url, headers: tenant.headers, payload: { name: 'A' } })
    ).json().data;
    const secret = 'identity-secret-0123456789abcdef';
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${id}`,
      headers: tenant.headers,
      payload: { name: 'B', isActive: false, allowedOrigins: ['https://b.example'], identitySecret: secret },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      id,
      name: 'B',
      isActive: false,
      allowedOrigins: ['https://b.example'],
      identitySecret: '****cdef',
    });
    expect(res.body).not.toContain(secret);
    const raw = await sql<Record<string, unknown>>`select * from widgets`.execute(t.ctx.db);
    expect(JSON.stringify(raw.rows)).not.toContain(secret);
    expect(await getWidgetIdentitySecret(t.ctx, tenant.id, id)).toBe(secret);

    const get = await t.app.inject({ url: `${url}/${id}`, headers: tenant.headers });
    expect(get.json().data.name).toBe('B');
    const empty = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${id}`,
      headers: tenant.headers,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    // A typo leaves nothing to update: the answer lists the fields that are accepted.
    const typo = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${id}`,
      headers: tenant.headers,
      payload: { allowedOrigin: ['https://c.example'] },
    });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error.message).toContain('Nothing to update: send at least one of name, aiEnabled,');
    expect(typo.json().error.message).toContain('allowedOrigins');
  });

  it("answers 404 for another tenant's widget and never lists it", async () => {
    const a = await t.createTenant('A');
    const b = await t.createTenant('B');
    const { id } = (
      await t.app.inject({ method: 'POST', url, headers: b.headers, payload: { name: 'B' } })
    ).json().data;
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${id}`,
      headers: a.headers,
      payload: { name: 'stolen' },
    });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().error.code).toBe('NOT_FOUND');
    expect((await t.app.inject({ url: `${url}/${id}`, headers: a.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ url, headers: a.headers })).json().data).toEqual([]);
    expect((await t.app.inject({ url: `${url}/${id}`, headers: b.headers })).json().data.name).toBe('B');
  });
});
