import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { openTenantSocket, setUpConversation } from '../conversation-test-kit.ts';
import { noopProcessor } from '../pipeline/message-processor.ts';
import { pickAvailableOperator } from './operators.ts';

const url = '/api/v1/tenant-api/operators';

describe('Tenant API operators', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.pipeline.setProcessor(noopProcessor);
  });
  afterAll(() => t.close());

  it('adds, lists and updates operators; an email is unique per tenant', async () => {
    const tenant = await t.createTenant();
    const created = await t.app.inject({
      method: 'POST',
      url,
      headers: tenant.headers,
      payload: { name: 'Anna', email: 'Anna@Example.com' },
    });
    expect(created.statusCode).toBe(201);
    const anna = created.json().data;
    expect(anna).toEqual({
      id: expect.any(String),
      name: 'Anna',
      email: 'anna@example.com',
      role: 'operator',
      isAvailable: true,
      createdAt: expect.any(String),
    });
    const admin = await t.app.inject({
      method: 'POST',
      url,
      headers: tenant.headers,
      payload: { name: 'Bob', email: 'bob@example.com', role: 'admin' },
    });
    expect(admin.json().data.role).toBe('admin');
    const duplicate = await t.app.inject({
      method: 'POST',
      url,
      headers: tenant.headers,
      payload: { name: 'Anna 2', email: 'anna@example.com' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('CONFLICT');

    const list = await t.app.inject({ url, headers: tenant.headers });
    expect(list.json().data.map((o: { name: string }) => o.name)).toEqual(['Anna', 'Bob']);
    expect(list.json().meta).toEqual({ limit: 200, offset: 0, total: 2 });

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${anna.id}`,
      headers: tenant.headers,
      payload: { isAvailable: false },
    });
    expect(patched.json().data.isAvailable).toBe(false);

    for (const payload of [
      { name: 'x' },
      { name: 'x', email: 'nope' },
      { name: 'x', email: 'x@y.z', role: 'owner' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url, headers: tenant.headers, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('never leaves the workspace without an admin: demoting the only admin is a 409', async () => {
    const tenant = await t.createTenant();
    const add = async (name: string, role: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url,
          headers: tenant.headers,
          payload: { name, email: `${name}@shop.example`, role },
        })
      ).json().data;
    const setRole = (id: string, role: string) =>
      t.app.inject({ method: 'PATCH', url: `${url}/${id}`, headers: tenant.headers, payload: { role } });
    const owner = await add('owner', 'admin');
    const agent = await add('agent', 'operator');

    const refused = await setRole(owner.id, 'operator');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toEqual({
      code: 'CONFLICT',
      message: expect.stringContaining('only admin: make another operator an admin first'),
    });
    expect(
      (await t.app.inject({ url: `${url}/${owner.id}`, headers: tenant.headers })).json().data.role,
    ).toBe('admin');
    // Other changes to the only admin, and demoting an operator, are fine.
    expect((await setRole(owner.id, 'admin')).statusCode).toBe(200);
    expect((await setRole(agent.id, 'operator')).statusCode).toBe(200);

    expect((await setRole(agent.id, 'admin')).statusCode).toBe(200);
    expect((await setRole(owner.id, 'operator')).statusCode).toBe(200);
    expect((await setRole(agent.id, 'operator')).statusCode).toBe(409);
  });

  it('removes an operator: sign-in ends, their chats are unassigned live, rules assign anyone available', async () => {
    const { tenant, visitor } = await setUpConversation(t);
    const add = async (name: string, role: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url,
          headers: tenant.headers,
          payload: { name, email: `${name}@leaving.example`, role, password: 'correct horse battery' },
        })
      ).json().data;
    const owner = await add('owner', 'admin');
    const agent = await add('agent', 'operator');
    const signIn = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'agent@leaving.example', password: 'correct horse battery' },
      });
    expect((await signIn()).statusCode).toBe(200);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tenant-api/conversations/${visitor.conversationId}`,
      headers: tenant.headers,
      payload: { assignedTo: agent.id, status: 'pending' },
    });
    const rule = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/tenant-api/rules',
        headers: tenant.headers,
        payload: {
          name: 'To Agent',
          conditions: [{ type: 'MESSAGE_CONTAINS', value: 'person' }],
          actions: [{ type: 'ASSIGN_TO_OPERATOR', operatorId: agent.id }],
        },
      })
    ).json().data;
    const events = await openTenantSocket(t.app, tenant.apiKey.key);

    const other = await t.createTenant('Other');
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `${url}/${agent.id}`,
      headers: other.headers,
    });
    expect(foreign.statusCode).toBe(404);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `${url}/${agent.id}`,
      headers: tenant.headers,
    });
    expect(removed.statusCode).toBe(204);
    const [update] = await events.log.waitFor((f) => f.type === 'conversation.updated');
    expect(update.data).toMatchObject({ id: visitor.conversationId, assignedTo: null, status: 'pending' });
    events.socket.close();
    expect((await t.app.inject({ url: `${url}/${agent.id}`, headers: tenant.headers })).statusCode).toBe(404);
    expect((await signIn()).statusCode).toBe(401);
    const ruleNow = await t.app.inject({
      url: `/api/v1/tenant-api/rules/${rule.id}`,
      headers: tenant.headers,
    });
    expect(ruleNow.json().data.actions).toEqual([{ type: 'ASSIGN_TO_OPERATOR', operatorId: null }]);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `${url}/${agent.id}`, headers: tenant.headers }))
        .statusCode,
    ).toBe(404);

    const lastAdmin = await t.app.inject({
      method: 'DELETE',
      url: `${url}/${owner.id}`,
      headers: tenant.headers,
    });
    expect(lastAdmin.statusCode).toBe(409);
    expect(lastAdmin.json().error.message).toContain('only admin');
  });

  it("keeps operators per tenant: another tenant's operator is a 404 and the same email is allowed", async () => {
    const a = await t.createTenant('A');
    const b = await t.createTenant('B');
    const op = (
      await t.app.inject({
        method: 'POST',
        url,
        headers: b.headers,
        payload: { name: 'Eve', email: 'eve@example.com' },
      })
    ).json().data;
    expect((await t.app.inject({ url: `${url}/${op.id}`, headers: a.headers })).statusCode).toBe(404);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${op.id}`,
      headers: a.headers,
      payload: { name: 'x' },
    });
    expect(patch.statusCode).toBe(404);
    expect((await t.app.inject({ url, headers: a.headers })).json().data).toEqual([]);
    const same = await t.app.inject({
      method: 'POST',
      url,
      headers: a.headers,
      payload: { name: 'Eve', email: 'eve@example.com' },
    });
    expect(same.statusCode).toBe(201);
  });

  it('picks the available operator with the fewest open conversations', async () => {
    const tenant = await t.createTenant();
    const add = async (name: string, isAvailable = true) =>
      (
        await t.app.inject({
          method: 'POST',
          url,
          headers: tenant.headers,
          payload: { name, email: `${name}@example.com`, isAvailable },
        })
      ).json().data;
    const busy = await add('busy');
    const free = await add('free');
    await add('away', false);
    const widget = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/tenant-api/widgets',
        headers: tenant.headers,
        payload: { name: 'w' },
      })
    ).json().data;
    const conversation = (
      await t.app.inject({ method: 'POST', url: `/api/v1/widget/${widget.id}/conversations`, payload: {} })
    ).json().data;
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tenant-api/conversations/${conversation.conversationId}`,
      headers: tenant.headers,
      payload: { assignedTo: busy.id },
    });
    expect((await pickAvailableOperator(t.ctx.db, tenant.id))?.id).toBe(free.id);
    const nobody = await t.createTenant();
    expect(await pickAvailableOperator(t.ctx.db, nobody.id)).toBeUndefined();
  });
});
