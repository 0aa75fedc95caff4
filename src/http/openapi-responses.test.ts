import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { chargeAiUsage } from '../ai/credits/ai-usage.ts';
import { json, startUpstream, type Upstream } from '../connections/testing/upstream.ts';
import { computeUserHash } from '../visitor-identity/user-hash.ts';
import { responseChecker } from './openapi/response-checker.ts';

const TENANT = '/api/v1/tenant-api';
const WIDGET = '/api/v1/widget';
const PLATFORM = '/api/v1/platform';
const PLATFORM_AUTH = { authorization: 'Bearer test-platform-token-0123456789' };
const ORIGIN = 'https://shop.example.com';
const IDENTITY_SECRET = 'identity-secret-0123456789';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Call {
  params?: Record<string, string>;
  query?: string;
  headers?: Record<string, string>;
  payload?: unknown;
}

let t: TestApp;
let upstream: Upstream;
// The document as JSON: read freely here, its schemas checked by response-checker.ts.
let document: any;
let checker: ReturnType<typeof responseChecker>;
let tenantId: string;
let tenantHeaders: Record<string, string>;

beforeAll(async () => {
  upstream = await startUpstream();
  t = await createTestApp({
    PARLEY_RATE_LIMIT_PER_MIN: '100000',
    PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}`,
  });
  document = (await t.app.inject({ url: '/openapi.json' })).json();
  checker = responseChecker(document);
  const tenant = await t.createTenant('Documented');
  tenantId = tenant.id;
  tenantHeaders = tenant.headers;
});
afterAll(async () => {
  await t.close();
  await upstream.close();
});

/**
 * Sends a request to the operation at `path` (OpenAPI form, `{id}`) and returns the body after
 * checking it against the schema the document gives for the status it answered with.
 */
async function send(method: Method, path: string, status: number, call: Call = {}): Promise<any> {
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => call.params?.[name] ?? `{${name}}`);
  const headers = call.headers ?? (path.startsWith(TENANT) ? tenantHeaders : {});
  const res = await t.app.inject({
    method,
    url: call.query ? `${url}?${call.query}` : url,
    headers,
    ...(call.payload === undefined ? {} : { payload: call.payload as object }),
  });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return checker.check(method, path, res);
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + 15_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const operations = () =>
  Object.entries<Record<string, any>>(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({ path, method, operation })),
  );

describe('the OpenAPI document', () => {
  it('names every operation with a unique operationId derived from its method and path', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(
      ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id)),
      String(ids),
    ).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const idOf = (path: string, method: string) => document.paths[path][method].operationId;
    expect(idOf(`${TENANT}/conversations`, 'get')).toBe('listConversations');
    expect(idOf(`${TENANT}/conversations/{id}`, 'get')).toBe('getConversation');
    expect(idOf(`${TENANT}/conversations/{id}/messages`, 'post')).toBe('createConversationMessage');
    expect(idOf(`${TENANT}/endpoints/{id}/test`, 'post')).toBe('testEndpoint');
    expect(idOf(`${TENANT}/webhooks/{id}/deliveries/{deliveryId}/retry`, 'post')).toBe(
      'retryWebhookDelivery',
    );
  });

  it('summarises the health probes', () => {
    expect(document.paths['/healthz'].get.summary).toMatch(/process is up/);
    expect(document.paths['/readyz'].get.summary).toMatch(/database/);
  });

  it("documents limit and offset as integers with each list's default and bounds", () => {
    const param = (path: string, name: string) =>
      document.paths[path].get.parameters.find((p: { name: string }) => p.name === name)?.schema;
    // [path, default limit, maximum limit]: as each route clamps (seed 004 for the first two).
    const lists: Array<[string, number, number]> = [
      [`${TENANT}/conversations`, 20, 100],
      [`${TENANT}/widgets`, 200, 200],
      [`${TENANT}/connections`, 50, 200],
      [`${TENANT}/rules`, 100, 500],
      [`${TENANT}/call-logs`, 50, 200],
      [`${TENANT}/webhooks/{id}/deliveries`, 20, 100],
      [`${WIDGET}/conversations/{id}/messages`, 100, 200],
    ];
    for (const [path, fallback, maximum] of lists) {
      expect(param(path, 'limit'), path).toEqual({ type: 'integer', minimum: 1, maximum, default: fallback });
      expect(param(path, 'offset'), path).toEqual({ type: 'integer', minimum: 0, default: 0 });
    }
    // One conversation's messages (seed 004): limit 50, at most 200, and no offset.
    expect(param(`${TENANT}/conversations/{id}`, 'limit')).toEqual({
      type: 'integer',
      minimum: 1,
      maximum: 200,
      default: 50,
    });
    expect(param(`${TENANT}/conversations/{id}`, 'offset')).toBeUndefined();
    const pageParams = operations().flatMap(({ operation }) =>
      (operation.parameters ?? []).filter((p: { name: string }) => ['limit', 'offset'].includes(p.name)),
    );
    expect(pageParams.length).toBeGreaterThan(20);
    for (const { schema } of pageParams)
      expect(schema).toMatchObject({ type: 'integer', default: expect.any(Number) });
  });

  it('documents the DELETEs that answer 204 as 204 without content', () => {
    const deletes = operations().filter(({ method }) => method === 'delete');
    expect(deletes.length).toBeGreaterThanOrEqual(7);
    for (const { path, operation } of deletes) {
      const successes = Object.keys(operation.responses).filter((status) => status.startsWith('2'));
      // DELETE /settings/ai answers the provider now in force instead.
      const expected = path === `${TENANT}/settings/ai` ? ['200'] : ['204'];
      expect(successes, path).toEqual(expected);
      if (expected[0] === '204') expect(operation.responses['204'].content, path).toBeUndefined();
    }
    expect(document.paths['/api/v1/auth/logout'].post.responses['204'].content).toBeUndefined();
  });

  it('lists the codes the error envelope can carry', () => {
    const envelope =
      document.paths[`${TENANT}/widgets`].get.responses['4XX'].content['application/json'].schema;
    expect(envelope.properties.error.properties.code.enum).toEqual(
      expect.arrayContaining([
        'UNAUTHORIZED',
        'FORBIDDEN',
        'NOT_FOUND',
        'VALIDATION_ERROR',
        'CONFLICT',
        'PAYLOAD_TOO_LARGE',
        'RATE_LIMITED',
        'UPSTREAM_ERROR',
        'INTERNAL',
        'METHOD_NOT_ALLOWED',
      ]),
    );
  });
});

describe('real answers match the documented responses', () => {
  const state: Record<string, any> = {};

  it('health probes', async () => {
    await send('GET', '/healthz', 200);
    await send('GET', '/readyz', 200);
  });

  it('Platform API: tenants, their API keys and credits', async () => {
    const created = await send('POST', `${PLATFORM}/tenants`, 201, {
      headers: PLATFORM_AUTH,
      payload: { name: 'Acme', adminEmail: 'admin@acme.example', adminPassword: 'correct-horse-battery' },
    });
    expect(created.data.admin.email).toBe('admin@acme.example');
    await send('POST', `${PLATFORM}/tenants`, 201, { headers: PLATFORM_AUTH, payload: { name: 'Plain' } });
    const params = { id: created.data.id };
    await send('POST', `${PLATFORM}/tenants/{id}/api-keys`, 201, {
      params,
      headers: PLATFORM_AUTH,
      payload: {},
    });
    await send('POST', `${PLATFORM}/tenants/{id}/credits`, 200, {
      params,
      headers: PLATFORM_AUTH,
      payload: { amount: 500 },
    });

    // The admin the tenant was created with signs in to the dashboard.
    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'admin@acme.example', password: 'correct-horse-battery' },
    });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    checker.check('POST', '/api/v1/auth/login', signedIn);
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0];
    const me = await send('GET', '/api/v1/auth/me', 200, { headers: { cookie } });
    expect(me.data.operator.role).toBe('admin');
  });

  it('sign-out answers 204 without a body', async () => {
    await send('POST', '/api/v1/auth/logout', 204);
  });

  it('API keys', async () => {
    const key = await send('POST', `${TENANT}/api-keys`, 201, { payload: { name: 'CRM sync' } });
    // A key that has been used shows lastUsedAt as a time, not null.
    await t.app.inject({ url: `${TENANT}/widgets`, headers: { 'x-api-key': key.data.key } });
    const listed = await send('GET', `${TENANT}/api-keys`, 200);
    expect(listed.data.some((k: { lastUsedAt: unknown }) => typeof k.lastUsedAt === 'string')).toBe(true);
    await send('DELETE', `${TENANT}/api-keys/{id}`, 204, { params: { id: key.data.id } });
  });

  it('widgets and operators', async () => {
    const widget = await send('POST', `${TENANT}/widgets`, 201, {
      payload: { name: 'Main Website Chat', allowedOrigins: [ORIGIN], identitySecret: IDENTITY_SECRET },
    });
    state.widgetId = widget.data.id;
    const params = { id: state.widgetId };
    await send('GET', `${TENANT}/widgets`, 200);
    await send('GET', `${TENANT}/widgets/{id}`, 200, { params });
    await send('PATCH', `${TENANT}/widgets/{id}`, 200, { params, payload: { primaryColor: '#112233' } });

    const operator = await send('POST', `${TENANT}/operators`, 201, {
      payload: { name: 'Ana', email: 'ana@acme.example', role: 'admin' },
    });
    state.operatorId = operator.data.id;
    const leaving = await send('POST', `${TENANT}/operators`, 201, {
      payload: { name: 'Bo', email: 'bo@acme.example' },
    });
    await send('GET', `${TENANT}/operators`, 200);
    await send('GET', `${TENANT}/operators/{id}`, 200, { params: { id: state.operatorId } });
    await send('PATCH', `${TENANT}/operators/{id}`, 200, {
      params: { id: state.operatorId },
      payload: { isAvailable: true },
    });
    await send('DELETE', `${TENANT}/operators/{id}`, 204, { params: { id: leaving.data.id } });
  });

  it('the Widget API and the conversation it starts', async () => {
    const origin = { origin: ORIGIN };
    const widget = { widgetId: state.widgetId };
    const shown = await send('GET', `${WIDGET}/{widgetId}`, 200, { params: widget, headers: origin });
    expect(shown.data.originAllowed).toBe(true);
    const started = await send('POST', `${WIDGET}/{widgetId}/conversations`, 201, {
      params: widget,
      headers: origin,
      payload: {
        visitorId: 'v-abc123',
        visitorName: 'John',
        visitorEmail: 'john@example.com',
        language: 'en',
        userHash: computeUserHash(IDENTITY_SECRET, 'v-abc123'),
      },
    });
    const conversation = { id: started.data.conversationId };
    state.conversationId = conversation.id;
    const visitor = { authorization: `Bearer ${started.data.visitorToken}`, ...origin };
    state.visitor = visitor;
    await send('POST', `${WIDGET}/conversations/{id}/messages`, 201, {
      params: conversation,
      headers: visitor,
      payload: { content: 'Hello, how much does it cost?' },
    });
    await send('GET', `${WIDGET}/conversations/{id}/messages`, 200, {
      params: conversation,
      headers: visitor,
    });

    await send('GET', `${TENANT}/conversations`, 200, { query: 'status=open' });
    await send('POST', `${TENANT}/conversations/{id}/messages`, 201, {
      params: conversation,
      payload: { content: 'Thanks for reaching out!', role: 'operator' },
    });
    const patched = await send('PATCH', `${TENANT}/conversations/{id}`, 200, {
      params: conversation,
      payload: { status: 'pending', assignedTo: state.operatorId },
    });
    expect(patched.data.assignedTo).toBe(state.operatorId);
    const detail = await send('GET', `${TENANT}/conversations/{id}`, 200, { params: conversation });
    expect(detail.data.variables['visitor.id']).toBe('v-abc123');
    expect(detail.data.messages.length).toBeGreaterThanOrEqual(2);
    await send('GET', `${TENANT}/billing/balance`, 200);
  });

  it('connections, endpoints, their tests and the call log', async () => {
    upstream.handle = (_req, res) =>
      json(res, 200, { data: { status: 'shipped', email: 'john@example.com' } });
    const connection = await send('POST', `${TENANT}/connections`, 201, {
      payload: {
        name: 'Order Management API',
        baseUrl: upstream.origin,
        auth: { type: 'bearer', token: 'tok-secret-0001' },
        headers: { 'Accept-Language': 'en' },
      },
    });
    const params = { id: connection.data.id };
    // Every auth type shows its own settings, secrets masked.
    const others = [
      { type: 'api_key', key: 'sk_live_secret_1234', in: 'query' },
      { type: 'basic', username: 'shop', password: 'hunter2-hunter2' },
      {
        type: 'oauth2_client_credentials',
        tokenUrl: `${upstream.origin}/token`,
        clientId: 'id',
        clientSecret: 's3cr3t',
      },
      { type: 'none' },
    ];
    let spare = '';
    for (const auth of others) {
      const created = await send('POST', `${TENANT}/connections`, 201, {
        payload: { name: `Other ${auth.type}`, baseUrl: 'https://api.example.com', auth },
      });
      spare = created.data.id;
    }
    await send('GET', `${TENANT}/connections`, 200);
    await send('GET', `${TENANT}/connections/{id}`, 200, { params });
    await send('PATCH', `${TENANT}/connections/{id}`, 200, { params, payload: { name: 'Orders' } });
    const tested = await send('POST', `${TENANT}/connections/{id}/test`, 200, { params });
    expect(tested.data.ok).toBe(true);

    const endpoint = await send('POST', `${TENANT}/connections/{id}/endpoints`, 201, {
      params,
      payload: {
        name: 'Order status',
        path: '/orders/{orderId}',
        queryParams: { lang: '{language}' },
        responseMapping: [{ from: 'data.status', to: 'order_status' }],
        fields: [
          {
            name: 'orderId',
            type: 'string',
            required: true,
            description: 'Order number',
            pattern: '^[0-9]{3,10}$',
          },
          { name: 'email', type: 'email', required: true },
        ],
        validations: [{ input: 'email', compareWith: 'data.email', type: 'equals_ignore_case' }],
        aiPrompt: 'Use it for order questions',
      },
    });
    state.endpointId = endpoint.data.id;
    const one = { id: state.endpointId };
    await send('GET', `${TENANT}/connections/{id}/endpoints`, 200, { params });
    await send('GET', `${TENANT}/endpoints`, 200);
    await send('GET', `${TENANT}/endpoints/{id}`, 200, { params: one });
    await send('PATCH', `${TENANT}/endpoints/{id}`, 200, {
      params: one,
      payload: { description: 'Returns the status of one order' },
    });
    const called = await send('POST', `${TENANT}/endpoints/{id}/test`, 200, {
      params: one,
      payload: { variables: { orderId: '4521', email: 'JOHN@example.com', language: 'en' } },
    });
    expect(called.data).toMatchObject({ ok: true, mapped: { order_status: 'shipped' } });
    const preview = await send('POST', `${TENANT}/endpoints/{id}/test`, 200, {
      params: one,
      payload: { variables: { orderId: '4521', email: 'a@b.example', language: 'en' }, send: false },
    });
    expect(preview.data.response).toBeNull();
    const missing = await send('POST', `${TENANT}/endpoints/{id}/test`, 200, { params: one, payload: {} });
    expect(missing.data.error.code).toBe('MISSING_VARIABLES');
    await send('GET', `${TENANT}/call-logs`, 200, { query: `connectionId=${params.id}` });

    // A path variable no field declares is saved, with a warning.
    const doomed = await send('POST', `${TENANT}/connections/{id}/endpoints`, 201, {
      params,
      payload: { name: 'Pricing', path: '/products/{productId}/price' },
    });
    expect(doomed.data.warnings).toHaveLength(1);
    await send('DELETE', `${TENANT}/endpoints/{id}`, 204, { params: { id: doomed.data.id } });
    await send('DELETE', `${TENANT}/connections/{id}`, 204, { params: { id: spare } });
  });

  it('connection templates and the OpenAPI import', async () => {
    const templates = await send('GET', `${TENANT}/connection-templates`, 200);
    const hubspot = templates.data.find(
      (template: { id: string }) => template.id === 'hubspot-contact-lookup',
    );
    expect(hubspot).toBeDefined();
    const made = await send('POST', `${TENANT}/connections/from-template`, 201, {
      payload: { templateId: hubspot.id },
    });
    expect(made.data.notes.length).toBeGreaterThan(0);
    const imported = await send('POST', `${TENANT}/connections/import/openapi`, 201, {
      payload: {
        spec: {
          openapi: '3.0.0',
          info: { title: 'Shop', version: '1' },
          servers: [{ url: upstream.origin }],
          paths: {
            '/orders/{orderId}': {
              get: {
                operationId: 'getOrder',
                summary: 'One order',
                parameters: [{ name: 'orderId', in: 'path', required: true, schema: { type: 'string' } }],
              },
            },
          },
        },
      },
    });
    expect(imported.data.endpoints).toHaveLength(1);
  });

  it('rules, their dry-run, settings and log', async () => {
    const rule = await send('POST', `${TENANT}/rules`, 201, {
      payload: {
        name: 'Order status',
        priority: 10,
        conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '\\border\\b', flags: 'i' }],
        actions: [
          {
            type: 'CALL_API',
            endpointId: state.endpointId,
            params: { orderId: '4521' },
            branches: [{ status: '404', actions: [{ type: 'REPLY_TEXT', text: 'No such order.' }] }],
          },
          { type: 'REPLY_TEXT', text: 'Your order is {order_status}.' },
        ],
        stopProcessing: true,
      },
    });
    const params = { id: rule.data.id };
    await send('GET', `${TENANT}/rules`, 200);
    await send('GET', `${TENANT}/rules/{id}`, 200, { params });
    await send('PATCH', `${TENANT}/rules/{id}`, 200, { params, payload: { priority: 5 } });
    const dryRun = await send('POST', `${TENANT}/rules/test`, 200, {
      payload: { message: 'Where is my order?', variables: { email: 'john@example.com' } },
    });
    expect(dryRun.data.matches[0]).toMatchObject({ ruleId: params.id, matched: true });
    await send('POST', `${TENANT}/rules/test`, 200, {
      payload: { message: 'hello', rule: { name: 'Draft', actions: [{ type: 'REPLY_TEXT', text: 'Hi!' }] } },
    });

    await send('GET', `${TENANT}/settings/rules`, 200);
    await send('PATCH', `${TENANT}/settings/rules`, 200, { payload: { fallbackReply: 'Sorry, try later.' } });

    // A visitor message runs through the rules, which log what they did.
    await send('POST', `${WIDGET}/conversations/{id}/messages`, 201, {
      params: { id: state.conversationId },
      headers: state.visitor,
      payload: { content: 'Where is my order?' },
    });
    await waitFor('a rule log', async () => {
      const res = await t.app.inject({ url: `${TENANT}/rule-logs`, headers: tenantHeaders });
      return res.json().meta.total > 0 || undefined;
    });
    await send('GET', `${TENANT}/rule-logs`, 200);
    await send('DELETE', `${TENANT}/rules/{id}`, 204, { params });
  });

  it('AI settings, the provider test and AI usage', async () => {
    await send('GET', `${TENANT}/settings/ai`, 200);
    const own = await send('PUT', `${TENANT}/settings/ai`, 200, {
      payload: { provider: 'openai', apiKey: 'sk-test-0123456789abcd' },
    });
    expect(own.data.apiKey).toBe('****abcd');
    await send('PATCH', `${TENANT}/settings/ai`, 200, { payload: { language: 'de' } });
    await send('DELETE', `${TENANT}/settings/ai`, 200);
    // Back on the installation's (embedded) provider, which answers without a network.
    await send('POST', `${TENANT}/settings/ai/test`, 200);

    await chargeAiUsage(t.ctx.db, {
      tenantId,
      conversationId: state.conversationId,
      kind: 'reply',
      provider: 'openai',
      model: 'gpt-4o-mini',
      inputTokens: 120,
      outputTokens: 30,
      credits: 0,
    });
    const usage = await send('GET', `${TENANT}/ai-usage`, 200);
    expect(usage.meta.total).toBe(1);
  });

  it('webhooks, their deliveries and the test ping', async () => {
    upstream.handle = (_req, res) => json(res, 200, { received: true });
    const webhook = await send('POST', `${TENANT}/webhooks`, 201, {
      payload: { url: `${upstream.origin}/hook`, events: ['message.created'], description: 'CRM sync' },
    });
    const params = { id: webhook.data.id };
    await send('GET', `${TENANT}/webhooks`, 200);
    await send('GET', `${TENANT}/webhooks/{id}`, 200, { params });
    await send('PATCH', `${TENANT}/webhooks/{id}`, 200, { params, payload: { enabled: true } });
    const rotated = await send('POST', `${TENANT}/webhooks/{id}/rotate-secret`, 200, { params });
    expect(rotated.data.previousSecretExpiresAt).not.toBeNull();
    const ping = await send('POST', `${TENANT}/webhooks/{id}/test`, 200, { params });
    expect(ping.data.ok).toBe(true);
    await send('GET', `${TENANT}/webhooks/{id}/deliveries`, 200, { params });
    await send('POST', `${TENANT}/webhooks/{id}/deliveries/{deliveryId}/retry`, 202, {
      params: { id: params.id, deliveryId: ping.data.delivery.id },
    });
    await send('DELETE', `${TENANT}/webhooks/{id}`, 204, { params });
  });

  it('errors, in the documented envelope with a listed code', async () => {
    const unknown = { id: '0190f5e2-0000-7000-8000-000000000000' };
    await send('GET', `${TENANT}/conversations/{id}`, 404, { params: unknown });
    const refused = await send('POST', `${TENANT}/widgets`, 400, { payload: { name: 42 } });
    expect(refused.error.details[0].path).toBe('body.name');
    await send('GET', `${TENANT}/widgets`, 401, { headers: {} });
    // A method the path has no route for: 405, in the envelope every operation documents.
    const res = await t.app.inject({
      method: 'DELETE',
      url: `${TENANT}/widgets/${state.widgetId}`,
      headers: tenantHeaders,
    });
    expect(res.statusCode).toBe(405);
    checker.check('GET', `${TENANT}/widgets/{id}`, res);
  });

  it('has checked a real answer for every documented success response', () => {
    // Every operation of the API at the time of writing (the health probes included).
    expect(checker.documentedSuccesses().length).toBeGreaterThanOrEqual(70);
    expect(checker.unchecked()).toEqual([]);
  });
});
