import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { createConnectionVia, createEndpointVia } from '../connections/testing/upstream.ts';
import { createWidget } from '../conversations/conversation-test-kit.ts';
import { DEFAULT_FALLBACK_REPLY } from './rules-settings.ts';
import { API, createRuleVia } from './rules-test-kit.ts';

type Tenant = Awaited<ReturnType<TestApp['createTenant']>>;

describe('rules CRUD', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let endpointA: string;
  let endpointB: string;
  let operatorB: string;
  let widgetB: string;
  beforeAll(async () => {
    t = await createTestApp();
    a = await t.createTenant('A');
    b = await t.createTenant('B');
    const connA = await createConnectionVia(t, a.headers, { baseUrl: 'https://api.example.com' });
    endpointA = (
      await createEndpointVia(t, a.headers, connA.id, {
        path: '/orders/{orderId}',
        fields: [{ name: 'orderId', type: 'string', required: true }],
      })
    ).id;
    const connB = await createConnectionVia(t, b.headers, { baseUrl: 'https://api.example.com' });
    endpointB = (await createEndpointVia(t, b.headers, connB.id, { path: '/x' })).id;
    const op = await t.app.inject({
      method: 'POST',
      url: `${API}/operators`,
      headers: b.headers,
      payload: { name: 'Bo', email: 'bo@b.example' },
    });
    operatorB = op.json().data.id;
    widgetB = (await createWidget(t, b.headers)).id;
  });
  afterAll(() => t.close());

  const post = (tenant: Tenant, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url: `${API}/rules`,
      headers: tenant.headers,
      payload: payload as object,
    });

  it('creates a rule with the SPEC defaults and reads it back; the stored document is versioned', async () => {
    const res = await post(a, { name: 'Greeting', actions: [{ type: 'REPLY_TEXT', text: 'Hello!' }] });
    expect(res.statusCode, res.body).toBe(201);
    const rule = res.json().data;
    expect(rule).toMatchObject({
      name: 'Greeting',
      type: 'static',
      enabled: true,
      priority: 100,
      widgetId: null,
      match: 'all',
      conditions: [],
      actions: [{ type: 'REPLY_TEXT', text: 'Hello!' }],
      stopProcessing: false,
      description: null,
      examples: [],
    });
    expect(rule.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(rule.createdAt).toMatch(/\+00:00$/);
    expect(rule.updatedAt).toBe(rule.createdAt);
    const got = await t.app.inject({ url: `${API}/rules/${rule.id}`, headers: a.headers });
    expect(got.json().data).toEqual(rule);
    const row = await t.ctx.db
      .selectFrom('rules')
      .select('config')
      .where('id', '=', rule.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.config).version).toBe(1);
  });

  it('accepts the SPEC example verbatim and an AI rule with description and examples', async () => {
    const spec = await post(a, {
      name: 'Real-time pricing',
      type: 'static',
      enabled: true,
      priority: 10,
      widgetId: null,
      match: 'all',
      conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '\\b(price|cost|how much)\\b', flags: 'i' }],
      actions: [
        { type: 'CALL_API', endpointId: endpointA, params: { productId: '42' } },
        { type: 'REPLY_TEXT', text: 'The current price is {current_price} {price_currency}.' },
      ],
      stopProcessing: true,
    });
    expect(spec.statusCode, spec.body).toBe(201);
    const ai = await post(a, {
      name: 'Order status',
      type: 'ai',
      description: 'When the visitor asks about their order status or delivery',
      examples: ['Where is my order?', 'Has my package shipped?'],
      actions: [
        {
          type: 'CALL_API',
          endpointId: endpointA,
          branches: [
            { status: '404', actions: [{ type: 'REPLY_TEXT', text: 'I could not find that order.' }] },
            { status: '2xx', actions: [{ type: 'REPLY_AI', instructions: 'Mention the ETA' }] },
          ],
        },
      ],
    });
    expect(ai.statusCode, ai.body).toBe(201);
    expect(ai.json().data.actions[0].branches[1]).toEqual({
      status: '2xx',
      actions: [{ type: 'REPLY_AI', instructions: 'Mention the ETA' }],
    });
  });

  it('takes a pattern written with slashes and flags (seed 000: /\\b(price|cost|how much)\\b/i) as the regex it means', async () => {
    const res = await post(a, {
      name: 'Pricing, as the seed writes it',
      conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '/\\b(price|cost|how much)\\b/i' }],
      actions: [{ type: 'REPLY_TEXT', text: 'Prices are on the product page.' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().data.conditions).toEqual([
      { type: 'MESSAGE_MATCHES_REGEX', pattern: '\\b(price|cost|how much)\\b', flags: 'i' },
    ]);
    const dryRun = await t.app.inject({
      method: 'POST',
      url: `${API}/rules/test`,
      headers: a.headers,
      payload: { message: 'How much is it?', ruleId: res.json().data.id },
    });
    expect(dryRun.json().data.matches[0]).toMatchObject({ matched: true });
  });

  it('warns when a static rule calls an endpoint with an input nothing supplies (it would never ask the visitor)', async () => {
    const call = (params: Record<string, string> = {}) => ({
      type: 'CALL_API',
      endpointId: endpointA,
      params,
    });
    const unsupplied = await post(a, {
      name: 'Order lookup',
      actions: [call(), { type: 'REPLY_TEXT', text: 'ok' }],
    });
    expect(unsupplied.statusCode, unsupplied.body).toBe(201);
    expect(unsupplied.json().data.warnings).toEqual([
      {
        path: 'body.actions.0.params',
        message: expect.stringMatching(
          /needs orderId, which neither params nor an earlier action .* use an AI rule, which asks/,
        ),
      },
    ]);
    // Saved and enabled all the same: another rule or the visitor's identity may set it.
    expect(unsupplied.json().data.enabled).toBe(true);

    const connection = await createConnectionVia(t, a.headers, { baseUrl: 'https://api.example.com' });
    const findOrder = await createEndpointVia(t, a.headers, connection.id, {
      path: '/orders/latest',
      responseMapping: [{ from: 'data.id', to: 'orderId' }],
    });
    const supplied = [
      [call({ orderId: '{match.1}' })],
      [{ type: 'SET_VARIABLE', name: 'orderId', value: '4521' }, call()],
      // An earlier call maps it: the later call and the earlier call's branches have it.
      [{ type: 'CALL_API', endpointId: findOrder.id }, call()],
      [{ type: 'CALL_API', endpointId: findOrder.id, branches: [{ status: '2xx', actions: [call()] }] }],
    ];
    for (const actions of supplied) {
      const res = await post(a, { name: 'Supplied', actions });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().data, JSON.stringify(actions)).not.toHaveProperty('warnings');
    }
    const nested = await post(a, {
      name: 'Nested',
      actions: [{ ...call({ orderId: '1' }), branches: [{ status: '404', actions: [call()] }] }],
    });
    expect(nested.json().data.warnings[0].path).toBe('body.actions.0.branches.0.actions.0.params');
    // An AI rule asks for what is missing.
    const ai = await post(a, {
      name: 'AI lookup',
      type: 'ai',
      description: 'Order status questions',
      actions: [call()],
    });
    expect(ai.statusCode, ai.body).toBe(201);
    expect(ai.json().data).not.toHaveProperty('warnings');

    // A PATCH answers with the rule's warnings as they now stand.
    const id = unsupplied.json().data.id;
    const fixed = await t.app.inject({
      method: 'PATCH',
      url: `${API}/rules/${id}`,
      headers: a.headers,
      payload: { actions: [call({ orderId: '{match.1}' })] },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().data).not.toHaveProperty('warnings');
  });

  it('lists rules in evaluation order with pagination meta', async () => {
    const tenant = await t.createTenant('lister');
    await createRuleVia(t, tenant.headers, { name: 'p50', priority: 50 });
    await createRuleVia(t, tenant.headers, { name: 'p1', priority: 1 });
    await createRuleVia(t, tenant.headers, { name: 'p50-newer', priority: 50 });
    const res = await t.app.inject({ url: `${API}/rules`, headers: tenant.headers });
    expect(res.json().data.map((r: { name: string }) => r.name)).toEqual(['p1', 'p50', 'p50-newer']);
    expect(res.json().meta).toEqual({ limit: 100, offset: 0, total: 3 });
    const page = await t.app.inject({ url: `${API}/rules?limit=1&offset=1`, headers: tenant.headers });
    expect(page.json().data.map((r: { name: string }) => r.name)).toEqual(['p50']);
  });

  it('PATCH changes only the given keys, moves updatedAt and re-validates the whole rule', async () => {
    const rule = await createRuleVia(t, a.headers, {
      name: 'Patchable',
      conditions: [{ type: 'FIRST_MESSAGE' }],
    });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${API}/rules/${rule.id}`,
      headers: a.headers,
      payload: { priority: 5, enabled: false },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({
      name: 'Patchable',
      priority: 5,
      enabled: false,
      conditions: [{ type: 'FIRST_MESSAGE' }],
    });
    expect(res.json().data.updatedAt > rule.updatedAt).toBe(true);
    const toAi = await t.app.inject({
      method: 'PATCH',
      url: `${API}/rules/${rule.id}`,
      headers: a.headers,
      payload: { type: 'ai' },
    });
    expect(toAi.statusCode).toBe(400);
    expect(toAi.json().error.message).toMatch(/AI rule needs a description/);
    const badRegex = await t.app.inject({
      method: 'PATCH',
      url: `${API}/rules/${rule.id}`,
      headers: a.headers,
      payload: { conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '[z-a]' }] },
    });
    expect(badRegex.statusCode).toBe(400);
    expect(badRegex.json().error.message).toMatch(/Invalid regular expression/);
  });

  it('DELETE removes the rule', async () => {
    const rule = await createRuleVia(t, a.headers, {});
    expect(
      (await t.app.inject({ method: 'DELETE', url: `${API}/rules/${rule.id}`, headers: a.headers }))
        .statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: `${API}/rules/${rule.id}`, headers: a.headers })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `${API}/rules/${rule.id}`, headers: a.headers }))
        .statusCode,
    ).toBe(404);
  });

  describe('rejects invalid rules with a 400 naming the problem', () => {
    const cases: Array<[string, () => Record<string, unknown>, RegExp]> = [
      [
        'an unknown condition type',
        () => ({ conditions: [{ type: 'MESSAGE_SOUNDS_LIKE', value: 'x' }] }),
        /Unknown condition type "MESSAGE_SOUNDS_LIKE"/,
      ],
      [
        'an unknown action type',
        () => ({ actions: [{ type: 'SEND_FAX' }] }),
        /Unknown action type "SEND_FAX"/,
      ],
      [
        'an invalid regex',
        () => ({ conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '(unclosed' }] }),
        /Invalid regular expression \/\(unclosed\/: .*missing closing \)/,
      ],
      [
        'a lookahead RE2 cannot run',
        () => ({ conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: 'a(?!b)' }] }),
        /Invalid regular expression.*\(\?!.* lookarounds .* are not supported .*another condition/,
      ],
      [
        'a lookbehind RE2 cannot run (which RE2 calls an invalid named capture)',
        () => ({ conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '(?<=a)b' }] }),
        /lookarounds .* are not supported/,
      ],
      [
        'a backreference',
        () => ({ conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '(a)\\1' }] }),
        /backreferences \(\\1\) are not supported/,
      ],
      [
        'a bad regex flag',
        () => ({ conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: 'a', flags: 'gi' }] }),
        /flags may only be i, m and s/,
      ],
      [
        'a CALL_API to a missing endpoint',
        () => ({ actions: [{ type: 'CALL_API', endpointId: crypto.randomUUID() }] }),
        /CALL_API: endpoint .* not found/,
      ],
      [
        "a CALL_API to another tenant's endpoint",
        () => ({ actions: [{ type: 'CALL_API', endpointId: endpointB }] }),
        /CALL_API: endpoint .* not found/,
      ],
      [
        "another tenant's endpoint inside a branch",
        () => ({
          actions: [
            {
              type: 'CALL_API',
              endpointId: endpointA,
              branches: [{ status: '5xx', actions: [{ type: 'CALL_API', endpointId: endpointB }] }],
            },
          ],
        }),
        /CALL_API: endpoint .* not found/,
      ],
      ['a widget of another tenant', () => ({ widgetId: widgetB }), /Widget .* not found/],
      ['an AI rule without description', () => ({ type: 'ai' }), /AI rule needs a description/],
      [
        'ASSIGN_TO_OPERATOR to an unknown operator',
        () => ({ actions: [{ type: 'ASSIGN_TO_OPERATOR', operatorId: crypto.randomUUID() }] }),
        /ASSIGN_TO_OPERATOR: operator .* not found/,
      ],
      [
        "ASSIGN_TO_OPERATOR to another tenant's operator",
        () => ({ actions: [{ type: 'ASSIGN_TO_OPERATOR', operatorId: operatorB }] }),
        /operator .* not found/,
      ],
      [
        'a bad branch status',
        () => ({
          actions: [
            {
              type: 'CALL_API',
              endpointId: endpointA,
              branches: [{ status: '2xxx', actions: [{ type: 'REPLY_TEXT', text: 'x' }] }],
            },
          ],
        }),
        /branch status/,
      ],
      ['a non-integer priority', () => ({ priority: 1.5 }), /priority/],
      ['a missing name', () => ({ name: '' }), /name/],
    ];
    for (const [label, body, message] of cases) {
      it(label, async () => {
        const res = await post(a, { name: 'Bad', ...body() });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_ERROR');
        const { error } = res.json();
        expect(
          [error.message, ...(error.details ?? []).map((d: { message: string }) => d.message)].join(' | '),
        ).toMatch(message);
      });
    }
  });

  it("isolates tenants on every rules route: another tenant's rule is a 404", async () => {
    const rule = await createRuleVia(t, a.headers, {
      name: 'A only',
      actions: [{ type: 'REPLY_TEXT', text: 'secret of A' }],
    });
    const other = b.headers;
    expect((await t.app.inject({ url: `${API}/rules/${rule.id}`, headers: other })).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `${API}/rules/${rule.id}`,
          headers: other,
          payload: { name: 'hijack' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `${API}/rules/${rule.id}`, headers: other })).statusCode,
    ).toBe(404);
    const listed = await t.app.inject({ url: `${API}/rules`, headers: other });
    expect(listed.body).not.toContain(rule.id);
    const tested = await t.app.inject({
      method: 'POST',
      url: `${API}/rules/test`,
      headers: other,
      payload: { message: 'hi', ruleId: rule.id },
    });
    expect(tested.statusCode).toBe(404);
    const all = await t.app.inject({
      method: 'POST',
      url: `${API}/rules/test`,
      headers: other,
      payload: { message: 'hi' },
    });
    expect(all.body).not.toContain('secret of A');
    const still = await t.app.inject({ url: `${API}/rules/${rule.id}`, headers: a.headers });
    expect(still.json().data.name).toBe('A only');
    expect((await t.app.inject({ url: `${API}/rules` })).statusCode).toBe(401);
  });

  it('answers 404 for unknown ids of any shape', async () => {
    for (const id of [crypto.randomUUID(), 'not-a-uuid']) {
      expect((await t.app.inject({ url: `${API}/rules/${id}`, headers: a.headers })).statusCode).toBe(404);
    }
  });

  it('GET|PATCH /settings/rules: the fallback reply, per tenant, null restores the default', async () => {
    const url = `${API}/settings/rules`;
    expect((await t.app.inject({ url, headers: a.headers })).json().data).toEqual({
      fallbackReply: DEFAULT_FALLBACK_REPLY,
    });
    const set = await t.app.inject({
      method: 'PATCH',
      url,
      headers: a.headers,
      payload: { fallbackReply: 'Our systems are busy.' },
    });
    expect(set.json().data).toEqual({ fallbackReply: 'Our systems are busy.' });
    expect((await t.app.inject({ url, headers: b.headers })).json().data.fallbackReply).toBe(
      DEFAULT_FALLBACK_REPLY,
    );
    expect(
      (await t.app.inject({ method: 'PATCH', url, headers: a.headers, payload: { fallbackReply: '' } }))
        .statusCode,
    ).toBe(400);
    const reset = await t.app.inject({
      method: 'PATCH',
      url,
      headers: a.headers,
      payload: { fallbackReply: null },
    });
    expect(reset.json().data.fallbackReply).toBe(DEFAULT_FALLBACK_REPLY);
  });

  it('documents the rules routes in the OpenAPI document', async () => {
    const res = await t.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const path of [
      '/api/v1/tenant-api/rules',
      '/api/v1/tenant-api/rules/{id}',
      '/api/v1/tenant-api/rules/test',
      '/api/v1/tenant-api/rule-logs',
      '/api/v1/tenant-api/settings/rules',
    ]) {
      expect(paths).toContain(path);
    }
  });
});

describe('rules calling a deleted endpoint', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const getRule = async (tenant: Tenant, id: string) => {
    const res = await t.app.inject({ url: `${API}/rules/${id}`, headers: tenant.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data;
  };
  const patchRule = (tenant: Tenant, id: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: `${API}/rules/${id}`, headers: tenant.headers, payload });
  const callTo = (endpointId: string) => ({ type: 'CALL_API', endpointId });
  const fallbackOnError = (endpointId: string) => ({
    ...callTo(endpointId),
    branches: [{ status: 'error', actions: [{ type: 'REPLY_TEXT', text: 'lookup failed' }] }],
  });

  it('a rule whose endpoint is gone can still be disabled or renamed; new actions are still checked', async () => {
    const tenant = await t.createTenant();
    const conn = await createConnectionVia(t, tenant.headers, { baseUrl: 'https://api.example.com' });
    const endpoint = await createEndpointVia(t, tenant.headers, conn.id, { path: '/x' });
    const rule = await createRuleVia(t, tenant.headers, { actions: [callTo(endpoint.id)] });
    // Left dangling, as deletes did before they disabled the rules calling them.
    await t.ctx.db.deleteFrom('endpoints').where('id', '=', endpoint.id).execute();

    const disabled = await patchRule(tenant, rule.id, { enabled: false });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().data).toMatchObject({ enabled: false, actions: [{ endpointId: endpoint.id }] });
    expect((await getRule(tenant, rule.id)).enabled).toBe(false);
    const renamed = await patchRule(tenant, rule.id, { name: 'Renamed', priority: 3 });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const reenabled = await patchRule(tenant, rule.id, { enabled: true });
    expect(reenabled.statusCode).toBe(400);
    expect(reenabled.json().error.message).toBe(`CALL_API: endpoint ${endpoint.id} not found`);
    expect((await getRule(tenant, rule.id)).enabled).toBe(false);

    const same = await patchRule(tenant, rule.id, { actions: [callTo(endpoint.id)] });
    expect(same.statusCode).toBe(400);
    expect(same.json().error).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: `CALL_API: endpoint ${endpoint.id} not found`,
    });
    const replaced = await patchRule(tenant, rule.id, {
      actions: [{ type: 'REPLY_TEXT', text: 'Lookups are offline.' }],
      enabled: true,
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().data.enabled).toBe(true);
  });

  it("DELETE /endpoints/{id} answers 204 and disables the tenant's enabled rules calling it, branches included", async () => {
    const tenant = await t.createTenant();
    const other = await t.createTenant('Other');
    const conn = await createConnectionVia(t, tenant.headers, { baseUrl: 'https://api.example.com' });
    const doomed = await createEndpointVia(t, tenant.headers, conn.id, { path: '/doomed' });
    const kept = await createEndpointVia(t, tenant.headers, conn.id, { path: '/kept' });
    const direct = await createRuleVia(t, tenant.headers, {
      name: 'Direct',
      actions: [fallbackOnError(doomed.id)],
    });
    const inBranch = await createRuleVia(t, tenant.headers, {
      name: 'In a branch',
      actions: [{ ...callTo(kept.id), branches: [{ status: '404', actions: [callTo(doomed.id)] }] }],
    });
    const unrelated = await createRuleVia(t, tenant.headers, {
      name: 'Unrelated',
      actions: [callTo(kept.id)],
    });
    const alreadyOff = await createRuleVia(t, tenant.headers, {
      name: 'Already off',
      enabled: false,
      actions: [callTo(doomed.id)],
    });
    // Another tenant's rule naming the same id (only possible by writing the row): not touched.
    const otherConn = await createConnectionVia(t, other.headers, { baseUrl: 'https://api.example.com' });
    const otherEndpoint = await createEndpointVia(t, other.headers, otherConn.id, { path: '/x' });
    const foreign = await createRuleVia(t, other.headers, { actions: [callTo(otherEndpoint.id)] });
    const row = await t.ctx.db
      .selectFrom('rules')
      .select('config')
      .where('id', '=', foreign.id)
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .updateTable('rules')
      .set({ config: row.config.replace(otherEndpoint.id, doomed.id) })
      .where('id', '=', foreign.id)
      .execute();

    const del = await t.app.inject({
      method: 'DELETE',
      url: `${API}/endpoints/${doomed.id}`,
      headers: tenant.headers,
    });
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');

    const directNow = await getRule(tenant, direct.id);
    expect(directNow.enabled).toBe(false);
    expect(directNow.updatedAt > direct.updatedAt).toBe(true);
    expect((await getRule(tenant, inBranch.id)).enabled).toBe(false);
    expect((await getRule(tenant, unrelated.id)).enabled).toBe(true);
    expect(await getRule(tenant, alreadyOff.id)).toEqual(alreadyOff);
    expect((await getRule(other, foreign.id)).enabled).toBe(true);
    expect(t.logs()).toContain('rules disabled: they call an endpoint that was deleted');
    expect(t.logs()).toContain(direct.id);

    // Disabled rules no longer run: a dry-run of the tenant's rules does not evaluate them.
    const dry = await t.app.inject({
      method: 'POST',
      url: `${API}/rules/test`,
      headers: tenant.headers,
      payload: { message: 'hello' },
    });
    expect(dry.json().data.matches.map((m: { name: string }) => m.name)).toEqual(['Unrelated']);
  });

  it('DELETE /connections/{id} disables the rules calling any of its endpoints', async () => {
    const tenant = await t.createTenant();
    const doomedConn = await createConnectionVia(t, tenant.headers, { baseUrl: 'https://gone.example.com' });
    const keptConn = await createConnectionVia(t, tenant.headers, { baseUrl: 'https://kept.example.com' });
    const first = await createEndpointVia(t, tenant.headers, doomedConn.id, { path: '/a' });
    const second = await createEndpointVia(t, tenant.headers, doomedConn.id, { path: '/b' });
    const kept = await createEndpointVia(t, tenant.headers, keptConn.id, { path: '/c' });
    const ruleA = await createRuleVia(t, tenant.headers, { actions: [callTo(first.id)] });
    const ruleB = await createRuleVia(t, tenant.headers, { actions: [callTo(kept.id), callTo(second.id)] });
    const ruleC = await createRuleVia(t, tenant.headers, { actions: [callTo(kept.id)] });

    const del = await t.app.inject({
      method: 'DELETE',
      url: `${API}/connections/${doomedConn.id}`,
      headers: tenant.headers,
    });
    expect(del.statusCode).toBe(204);
    expect((await getRule(tenant, ruleA.id)).enabled).toBe(false);
    expect((await getRule(tenant, ruleB.id)).enabled).toBe(false);
    expect((await getRule(tenant, ruleC.id)).enabled).toBe(true);
    const again = await patchRule(tenant, ruleA.id, { enabled: false, name: 'Needs a new endpoint' });
    expect(again.statusCode, again.body).toBe(200);
  });
});
