import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';

const auth = { authorization: 'Bearer test-platform-token-0123456789' };

describe('Platform API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates a tenant with a working first API key', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/platform/tenants',
      headers: auth,
      payload: { name: 'Acme Shop' },
    });
    expect(res.statusCode).toBe(201);
    const { data } = res.json();
    expect(data).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Acme Shop',
      apiKey: { id: expect.any(String), name: expect.any(String), key: expect.stringMatching(/^tak_/) },
    });
    expect(data.id[14]).toBe('7');
    const keys = await t.app.inject({
      url: '/api/v1/tenant-api/api-keys',
      headers: { 'x-api-key': data.apiKey.key },
    });
    expect(keys.statusCode).toBe(200);
  });

  it('issues a new API key to a tenant that revoked its last one', async () => {
    const tenant = await t.createTenant();
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tenant-api/api-keys/${tenant.apiKey.id}`,
      headers: tenant.headers,
    });
    expect(revoked.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: '/api/v1/tenant-api/widgets', headers: tenant.headers })).statusCode,
    ).toBe(401);

    const issued = await t.app.inject({
      method: 'POST',
      url: `/api/v1/platform/tenants/${tenant.id}/api-keys`,
      headers: auth,
      payload: { name: 'Recovery' },
    });
    expect(issued.statusCode).toBe(201);
    expect(issued.json().data).toMatchObject({ name: 'Recovery', key: expect.stringMatching(/^tak_/) });
    const widgets = await t.app.inject({
      url: '/api/v1/tenant-api/widgets',
      headers: { 'x-api-key': issued.json().data.key },
    });
    expect(widgets.statusCode).toBe(200);

    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/platform/tenants/00000000-0000-7000-8000-000000000000/api-keys',
      headers: auth,
      payload: {},
    });
    expect(unknown.statusCode).toBe(404);
    const noToken = await t.app.inject({
      method: 'POST',
      url: `/api/v1/platform/tenants/${tenant.id}/api-keys`,
      payload: {},
    });
    expect(noToken.statusCode).toBe(401);
  });

  it('adds credits and reports the totals', async () => {
    const tenant = await t.createTenant();
    const first = await t.app.inject({
      method: 'POST',
      url: `/api/v1/platform/tenants/${tenant.id}/credits`,
      headers: auth,
      payload: { amount: 1000 },
    });
    expect(first.json()).toEqual({ data: { creditBalance: 1000, totalCreditsAdded: 1000 } });
    const second = await t.app.inject({
      method: 'POST',
      url: `/api/v1/platform/tenants/${tenant.id}/credits`,
      headers: auth,
      payload: { amount: 500 },
    });
    expect(second.json()).toEqual({ data: { creditBalance: 1500, totalCreditsAdded: 1500 } });
  });

  it('new tenants start with PARLEY_NEW_TENANT_CREDITS (0 unless the operator sets it)', async () => {
    const create = (app: TestApp) =>
      app.app.inject({
        method: 'POST',
        url: '/api/v1/platform/tenants',
        headers: auth,
        payload: { name: 'Starter' },
      });
    const balance = async (app: TestApp, key: string) =>
      (
        await app.app.inject({ url: '/api/v1/tenant-api/billing/balance', headers: { 'x-api-key': key } })
      ).json().data;
    const plain = (await create(t)).json().data;
    expect(await balance(t, plain.apiKey.key)).toMatchObject({ creditBalance: 0, totalCreditsAdded: 0 });
    const generous = await createTestApp({ PARLEY_NEW_TENANT_CREDITS: '10000' });
    try {
      const tenant = (await create(generous)).json().data;
      expect(await balance(generous, tenant.apiKey.key)).toMatchObject({
        creditBalance: 10000,
        totalCreditsAdded: 10000,
      });
    } finally {
      await generous.close();
    }
  });

  it('rejects bad amounts and unknown tenants', async () => {
    const tenant = await t.createTenant();
    for (const amount of [-5, 0, 'ten', 1.5]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/platform/tenants/${tenant.id}/credits`,
        headers: auth,
        payload: { amount },
      });
      expect(res.statusCode).toBe(400);
    }
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/platform/tenants/0190aaaa-0000-7000-8000-000000000000/credits',
      headers: auth,
      payload: { amount: 5 },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('requires the platform token', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer wrong-token-wrong-token' },
      { 'x-api-key': 'tak_x' },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/platform/tenants',
        headers,
        payload: { name: 'x' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHORIZED');
    }
  });

  it('accepts the Bearer scheme in any case (RFC 7235 §2.1)', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/platform/tenants',
        headers: { authorization: `${scheme} test-platform-token-0123456789` },
        payload: { name: `Case ${scheme}` },
      });
      expect(res.statusCode, scheme).toBe(201);
      expect(res.json().data.name).toBe(`Case ${scheme}`);
    }
    const basic = await t.app.inject({
      method: 'POST',
      url: '/api/v1/platform/tenants',
      headers: { authorization: 'Basic test-platform-token-0123456789' },
      payload: { name: 'x' },
    });
    expect(basic.statusCode).toBe(401);
    expect(basic.json()).toEqual({
      error: {
        code: 'UNAUTHORIZED',
        message: 'Missing or invalid platform token (Authorization: Bearer …).',
      },
    });
  });

  it('is off when PARLEY_PLATFORM_TOKEN is unset', async () => {
    const off = await createTestApp({ PARLEY_PLATFORM_TOKEN: '' });
    try {
      const res = await off.app.inject({
        method: 'POST',
        url: '/api/v1/platform/tenants',
        headers: auth,
        payload: { name: 'x' },
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});
