import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { setVariables } from '../conversations/variables.ts';
import { computeUserHash } from './user-hash.ts';

const secret = 'identity-secret-0123456789abcdef';

describe('identity verification through the Widget API', () => {
  let t: TestApp;
  let headers: { 'x-api-key': string };
  let tenantId: string;
  let verifiedWidget: string;
  let plainWidget: string;

  const start = (widgetId: string, body: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1/widget/${widgetId}/conversations`, payload: body });
  const variablesOf = async (conversationId: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tenant-api/conversations/${conversationId}`,
      headers,
    });
    return res.json().data.variables as Record<string, string>;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const tenant = await t.createTenant();
    headers = tenant.headers;
    tenantId = tenant.id;
    const create = async (payload: object) =>
      (await t.app.inject({ method: 'POST', url: '/api/v1/tenant-api/widgets', headers, payload })).json()
        .data;
    const verified = await create({ name: 'Verified', identitySecret: secret });
    expect(verified.identitySecret).toBe('****cdef');
    verifiedWidget = verified.id;
    plainWidget = (await create({ name: 'Plain' })).id;
  });
  afterAll(async () => t?.close());

  it('turns a correct userHash into read-only visitor.* variables', async () => {
    const res = await start(verifiedWidget, {
      visitorId: 'user-42',
      visitorEmail: 'jane@example.com',
      visitorName: 'Jane',
      userHash: computeUserHash(secret, 'user-42'),
    });
    expect(res.statusCode).toBe(201);
    const { conversationId } = res.json().data;
    expect(await variablesOf(conversationId)).toEqual({
      'visitor.id': 'user-42',
      'visitor.email': 'jane@example.com',
      'visitor.name': 'Jane',
      'visitor.verified': 'true',
    });
    // Later writers (SET_VARIABLE, response mapping, the AI) cannot overwrite or remove them.
    await setVariables(t.ctx.db, tenantId, conversationId, {
      'visitor.email': 'attacker@example.com',
      'visitor.verified': null,
      order_id: '4521',
    });
    const after = await variablesOf(conversationId);
    expect(after['visitor.email']).toBe('jane@example.com');
    expect(after['visitor.verified']).toBe('true');
    expect(after.order_id).toBe('4521');
  });

  it('rejects a wrong hash, a hash for another user and a missing hash with 403', async () => {
    const good = computeUserHash(secret, 'user-42');
    for (const body of [
      { visitorId: 'user-42', userHash: '0'.repeat(64) },
      { visitorId: 'user-1', userHash: good },
      { visitorId: 'user-42', userHash: 'not-hex' },
      { visitorId: 'user-42' },
    ]) {
      const res = await start(verifiedWidget, body);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('still lets anonymous visitors in on a verifying widget, with no visitor.* variables', async () => {
    const res = await start(verifiedWidget, { language: 'en' });
    expect(res.statusCode).toBe(201);
    expect(await variablesOf(res.json().data.conversationId)).toEqual({});
  });

  it('never verifies on a widget without a secret: claimed values stay plain conversation fields', async () => {
    const res = await start(plainWidget, {
      visitorId: 'user-42',
      visitorEmail: 'jane@example.com',
      userHash: computeUserHash(secret, 'user-42'),
    });
    expect(res.statusCode).toBe(201);
    const { conversationId } = res.json().data;
    expect(await variablesOf(conversationId)).toEqual({});
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tenant-api/conversations/${conversationId}`,
      headers,
    });
    expect(detail.json().data.visitorEmail).toBe('jane@example.com');
  });
});
