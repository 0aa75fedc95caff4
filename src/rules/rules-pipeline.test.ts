import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import {
  createConnectionVia,
  createEndpointVia,
  json,
  startUpstream,
  type Upstream,
} from '../connections/testing/upstream.ts';
import {
  openTenantSocket,
  openWidgetSocket,
  sendVisitorMessage,
  setUpConversation,
} from '../conversations/conversation-test-kit.ts';
import { AI_UNAVAILABLE_NOTE } from './actions/reply-ai.ts';
import { defaultAiHooks, registerAiHooks } from './ai-hooks.ts';
import { ruleInputSchema } from './rule.schema.ts';
import { createRule } from './rules.repository.ts';
import { API, createRuleVia, drained, messagesOf, registerScriptedAi, ruleLogsOf } from './rules-test-kit.ts';

let t: TestApp;
let upstream: Upstream;
let restoreAi: (() => void) | undefined;
beforeAll(async () => {
  upstream = await startUpstream();
  t = await createTestApp({
    PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}`,
    PARLEY_OUTBOUND_TIMEOUT_MS: '1500',
  });
  // These tests describe the engine with the AI layer absent unless a test scripts it.
  restoreAi = registerAiHooks(defaultAiHooks);
});
afterAll(async () => {
  restoreAi?.();
  await t.close();
  await upstream.close();
});
let restoreScripted: (() => void) | undefined;
afterEach(() => {
  restoreScripted?.();
  restoreScripted = undefined;
});

type Headers = Record<string, string>;

async function pricingSetup(headers: Headers) {
  const connection = await createConnectionVia(t, headers, {
    name: 'Pricing API',
    baseUrl: upstream.origin,
    auth: { type: 'api_key', key: 'pk_live_secret_123' },
  });
  const endpoint = await createEndpointVia(t, headers, connection.id, {
    name: 'Pricing',
    method: 'GET',
    path: '/products/{productId}/price',
    fields: [{ name: 'productId', type: 'string', required: true, description: 'Product id' }],
    responseMapping: [
      { from: 'price', to: 'current_price' },
      { from: 'currency', to: 'price_currency' },
    ],
  });
  const rule = await createRuleVia(t, headers, {
    name: 'Real-time pricing',
    type: 'static',
    priority: 10,
    conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '\\b(price|cost|how much)\\b', flags: 'i' }],
    actions: [
      { type: 'CALL_API', endpointId: endpoint.id, params: { productId: '42' } },
      { type: 'REPLY_TEXT', text: 'The current price is {current_price} {price_currency}.' },
    ],
    stopProcessing: true,
  });
  return { connection, endpoint, rule };
}

const replies = async (conversationId: string) =>
  (await messagesOf(t, conversationId))
    .filter((m) => m.role !== 'visitor')
    .map((m) => [m.role, m.content, m.is_auto_reply]);

describe('seed 000 recipes against a local upstream', () => {
  it('Real-Time Pricing: regex rule → CALL_API → REPLY_TEXT, pushed to the widget and tenant streams', async () => {
    upstream.handle = (_req, res) => json(res, 200, { price: 120, currency: 'EUR' });
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    await pricingSetup(tenant.headers);
    const widgetSocket = await openWidgetSocket(t.app, visitor.conversationId, visitor.visitorToken);
    const tenantSocket = await openTenantSocket(t.app, tenant.apiKey.key);
    const before = upstream.requests.length;

    await sendVisitorMessage(t.app, visitor, 'Hi! How much does the blue one cost?');
    const [pushed] = await widgetSocket.log.waitFor(
      (f) => f.type === 'message.created' && f.data.role === 'ai',
    );
    expect(pushed.data).toMatchObject({
      role: 'ai',
      content: 'The current price is 120 EUR.',
      isAutoReply: true,
    });
    await tenantSocket.log.waitFor(
      (f) => f.type === 'message.created' && f.data.content === 'The current price is 120 EUR.',
    );
    widgetSocket.socket.close();
    tenantSocket.socket.close();
    await drained(t, [visitor.conversationId]);

    const sent = upstream.requests.slice(before);
    expect(sent.map((r) => r.url)).toEqual(['/products/42/price']);
    expect(sent[0].headers['x-api-key']).toBe('pk_live_secret_123');
    const messages = await messagesOf(t, visitor.conversationId);
    expect(messages.map((m) => [m.seq, m.role])).toEqual([
      [1, 'visitor'],
      [2, 'ai'],
    ]);
    const detail = await t.app.inject({
      url: `${API}/conversations/${visitor.conversationId}`,
      headers: tenant.headers,
    });
    expect(detail.json().data.variables).toMatchObject({ current_price: '120', price_currency: 'EUR' });

    await sendVisitorMessage(t.app, visitor, 'Thanks, bye');
    await drained(t, [visitor.conversationId]);
    expect(await replies(visitor.conversationId)).toHaveLength(1);
    const logs = await ruleLogsOf(t, tenant.headers, visitor.conversationId);
    expect(logs).toHaveLength(2);
    expect(logs[0].rules[0]).toMatchObject({
      name: 'Real-time pricing',
      matched: false,
      reason: expect.stringContaining('no match'),
    });
    expect(logs[1].rules[0]).toMatchObject({
      matched: true,
      reason: expect.stringContaining('matched "How much"'),
    });
    expect(logs[1].actions.map((a: { type: string }) => a.type)).toEqual(['CALL_API', 'REPLY_TEXT']);
    expect(JSON.stringify(logs)).not.toContain('pk_live_secret_123');
  });

  it('Order Status Lookup: AI rule → CALL_API (bearer) → REPLY_AI, asking for the order number when missing', async () => {
    restoreScripted = registerScriptedAi();
    upstream.handle = (req, res) => {
      const id = req.url?.split('/')[2];
      json(res, 200, { data: { status: 'being shipped', eta: id === '4521' ? 'Thursday' : 'Monday' } });
    };
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    const connection = await createConnectionVia(t, tenant.headers, {
      name: 'Order Management API',
      baseUrl: upstream.origin,
      auth: { type: 'bearer', token: 'order-token-xyz' },
    });
    const endpoint = await createEndpointVia(t, tenant.headers, connection.id, {
      name: 'Order status',
      path: '/orders/{orderId}',
      fields: [{ name: 'orderId', type: 'string', required: true, description: 'order number' }],
      responseMapping: [
        { from: 'data.status', to: 'order_status' },
        { from: 'data.eta', to: 'delivery_eta' },
      ],
    });
    await createRuleVia(t, tenant.headers, {
      name: 'Order status',
      type: 'ai',
      description: 'When the visitor asks about their order status or delivery',
      examples: ['order status', 'delivery date'],
      actions: [
        { type: 'CALL_API', endpointId: endpoint.id },
        {
          type: 'REPLY_AI',
          instructions:
            'Your order #{orderId} is currently {order_status} and should arrive by {delivery_eta}.',
        },
      ],
    });
    const before = upstream.requests.length;
    await sendVisitorMessage(t.app, visitor, 'Where is my order #4521?');
    await drained(t, [visitor.conversationId]);
    expect(await replies(visitor.conversationId)).toEqual([
      ['ai', 'Your order #4521 is currently being shipped and should arrive by Thursday.', 1],
    ]);
    expect(upstream.requests[before].headers.authorization).toBe('Bearer order-token-xyz');

    // Without the number the rule asks, remembers itself, and the answer continues it.
    await sendVisitorMessage(t.app, visitor, 'and my other order?');
    await drained(t, [visitor.conversationId]);
    await sendVisitorMessage(t.app, visitor, 'It is 7788');
    await drained(t, [visitor.conversationId]);
    const all = await replies(visitor.conversationId);
    expect(all.slice(1).map((r) => r[1])).toEqual([
      'What is your order number?',
      'Your order #7788 is currently being shipped and should arrive by Monday.',
    ]);
    const detail = await t.app.inject({
      url: `${API}/conversations/${visitor.conversationId}`,
      headers: tenant.headers,
    });
    expect(detail.json().data.variables._pendingRule).toBeUndefined();
  });
});

describe('seed 001 patterns', () => {
  it('lookup-and-route: CALL_API maps the tier, a second rule routes gold customers to the least-busy operator', async () => {
    upstream.handle = (req, res) =>
      json(res, 200, { customer: { tier: req.url?.includes('vip') ? 'gold' : 'silver' } });
    const { tenant, widget, visitor } = await setUpConversation(t, { aiEnabled: false });
    const operator = async (name: string, isAvailable = true) =>
      (
        await t.app.inject({
          method: 'POST',
          url: `${API}/operators`,
          headers: tenant.headers,
          payload: { name, email: `${name}@shop.example`, isAvailable },
        })
      ).json().data.id as string;
    const busy = await operator('busy');
    const free = await operator('free');
    await operator('away', false);
    // `busy` already has an open conversation.
    const other = await setUpConversationFor(tenant.headers, widget.id);
    await t.app.inject({
      method: 'PATCH',
      url: `${API}/conversations/${other}`,
      headers: tenant.headers,
      payload: { assignedTo: busy },
    });

    const connection = await createConnectionVia(t, tenant.headers, {
      name: 'CRM',
      baseUrl: upstream.origin,
    });
    const endpoint = await createEndpointVia(t, tenant.headers, connection.id, {
      path: '/customers/{customerId}',
      fields: [{ name: 'customerId', type: 'string', required: true }],
      responseMapping: [{ from: 'customer.tier', to: 'tier' }],
    });
    await createRuleVia(t, tenant.headers, {
      name: 'Look up customer',
      priority: 10,
      conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: 'customer (\\w+)' }],
      actions: [{ type: 'CALL_API', endpointId: endpoint.id, params: { customerId: '{match.1}' } }],
    });
    await createRuleVia(t, tenant.headers, {
      name: 'Route gold',
      priority: 20,
      conditions: [{ type: 'VARIABLE_EQUALS', name: 'tier', value: 'gold' }],
      actions: [
        { type: 'ASSIGN_TO_OPERATOR' },
        { type: 'REPLY_TEXT', text: 'Connecting you with a senior agent.' },
      ],
      stopProcessing: true,
    });
    const events = await openTenantSocket(t.app, tenant.apiKey.key);

    await sendVisitorMessage(t.app, visitor, 'I am customer basic1');
    await drained(t, [visitor.conversationId]);
    let detail = (
      await t.app.inject({ url: `${API}/conversations/${visitor.conversationId}`, headers: tenant.headers })
    ).json().data;
    expect(detail).toMatchObject({ status: 'open', assignedTo: null, variables: { tier: 'silver' } });

    await sendVisitorMessage(t.app, visitor, 'I am customer vip7');
    const [updated] = await events.log.waitFor(
      (f) =>
        f.type === 'conversation.updated' &&
        f.data.id === visitor.conversationId &&
        f.data.status === 'pending',
    );
    expect(updated.data.assignedTo).toBe(free);
    events.socket.close();
    await drained(t, [visitor.conversationId]);
    detail = (
      await t.app.inject({ url: `${API}/conversations/${visitor.conversationId}`, headers: tenant.headers })
    ).json().data;
    expect(detail).toMatchObject({ status: 'pending', assignedTo: free, variables: { tier: 'gold' } });
    expect((await replies(visitor.conversationId)).map((r) => r[1])).toEqual([
      'Connecting you with a senior agent.',
    ]);
  });

  it('multi-step: SET_VARIABLE on the first message, CALL_API on a later one once the variable is set', async () => {
    upstream.handle = (req, res) =>
      json(res, 200, { refund: { status: `approved for ${req.url?.split('/')[2]}` } });
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    const connection = await createConnectionVia(t, tenant.headers, {
      name: 'Billing',
      baseUrl: upstream.origin,
    });
    const endpoint = await createEndpointVia(t, tenant.headers, connection.id, {
      path: '/refunds/{orderId}',
      fields: [{ name: 'orderId', type: 'string', required: true }],
      responseMapping: [{ from: 'refund.status', to: 'refund_status' }],
    });
    await createRuleVia(t, tenant.headers, {
      name: 'Tag refund intent',
      priority: 1,
      conditions: [{ type: 'FIRST_MESSAGE' }, { type: 'MESSAGE_CONTAINS', value: 'refund' }],
      actions: [
        { type: 'SET_VARIABLE', name: 'intent', value: 'refund' },
        { type: 'REPLY_TEXT', text: 'Sure, what is your order number?' },
      ],
      stopProcessing: true,
    });
    await createRuleVia(t, tenant.headers, {
      name: 'Refund lookup',
      priority: 2,
      conditions: [
        { type: 'VARIABLE_EQUALS', name: 'intent', value: 'refund' },
        { type: 'MESSAGE_MATCHES_REGEX', pattern: '(?P<order>\\d{3,})' },
      ],
      actions: [
        { type: 'CALL_API', endpointId: endpoint.id, params: { orderId: '{match.order}' } },
        { type: 'SET_VARIABLE', name: 'intent', value: 'done' },
        { type: 'REPLY_TEXT', text: 'Refund for order {match.order}: {refund_status}.' },
      ],
      stopProcessing: true,
    });
    const before = upstream.requests.length;
    await sendVisitorMessage(t.app, visitor, 'Hello, I would like a refund');
    await drained(t, [visitor.conversationId]);
    expect(upstream.requests.length).toBe(before);
    await sendVisitorMessage(t.app, visitor, 'It was order 4521');
    await drained(t, [visitor.conversationId]);
    await sendVisitorMessage(t.app, visitor, 'And 9999?');
    await drained(t, [visitor.conversationId]);
    expect(upstream.requests.slice(before).map((r) => r.url)).toEqual(['/refunds/4521']);
    expect((await replies(visitor.conversationId)).map((r) => r[1])).toEqual([
      'Sure, what is your order number?',
      'Refund for order 4521: approved for 4521.',
    ]);
  });
});

async function setUpConversationFor(headers: Headers, widgetId: string): Promise<string> {
  void headers;
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/widget/${widgetId}/conversations`,
    payload: {},
  });
  return res.json().data.conversationId;
}

describe('branches and upstream failures', () => {
  async function branchedSetup(headers: Headers, withBranches: boolean) {
    const connection = await createConnectionVia(t, headers, { name: 'Orders', baseUrl: upstream.origin });
    const endpoint = await createEndpointVia(t, headers, connection.id, {
      path: '/orders/{orderId}',
      fields: [{ name: 'orderId', type: 'string', required: true }],
      responseMapping: [{ from: 'status', to: 'order_status' }],
    });
    await createRuleVia(t, headers, {
      name: 'Order lookup',
      conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '#(\\d+)' }],
      actions: [
        {
          type: 'CALL_API',
          endpointId: endpoint.id,
          params: { orderId: '{match.1}' },
          branches: withBranches
            ? [
                { status: '404', actions: [{ type: 'REPLY_TEXT', text: 'Order {match.1} does not exist.' }] },
                {
                  status: '5xx',
                  actions: [
                    { type: 'REPLY_TEXT', text: 'Our order system is down.' },
                    { type: 'SET_STATUS', status: 'pending' },
                  ],
                },
                {
                  status: 'error',
                  actions: [{ type: 'REPLY_TEXT', text: 'Could not reach the order system.' }],
                },
              ]
            : [],
        },
        { type: 'REPLY_TEXT', text: 'Order {match.1}: {order_status}.' },
      ],
    });
  }

  it('chooses the branch by status class, and runs the rest of the rule on success', async () => {
    upstream.handle = (req, res) => {
      const id = req.url?.split('/')[2];
      if (id === '404') return json(res, 404, { error: 'nope' });
      if (id === '503') return json(res, 503, { error: 'down' });
      if (id === '1') return req.socket.destroy();
      json(res, 200, { status: 'shipped' });
    };
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    await branchedSetup(tenant.headers, true);
    for (const id of ['200', '404', '503', '1']) {
      await sendVisitorMessage(t.app, visitor, `order #${id}`);
      await drained(t, [visitor.conversationId]);
    }
    expect((await replies(visitor.conversationId)).map((r) => r[1])).toEqual([
      'Order 200: shipped.',
      'Order 404 does not exist.',
      'Our order system is down.',
      'Could not reach the order system.',
    ]);
    const detail = await t.app.inject({
      url: `${API}/conversations/${visitor.conversationId}`,
      headers: tenant.headers,
    });
    expect(detail.json().data.status).toBe('pending');
  });

  it('upstream faults without a branch: the tenant fallback reply and a call-log entry, never silence or a crash', async () => {
    const faults: Record<
      string,
      (res: import('node:http').ServerResponse, req: import('node:http').IncomingMessage) => void
    > = {
      '500': (res) => json(res, 500, { error: 'boom' }),
      '2': (_res, req) => req.socket.destroy(),
      '3': (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status": "shipped"');
      },
      '4': () => {}, // hangs until the outbound timeout
      '5': (res) => {
        res.writeHead(302, { location: '/orders/5' });
        res.end();
      },
    };
    upstream.handle = (req, res) => faults[req.url?.split('/')[2] ?? '']?.(res, req);
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    await t.app.inject({
      method: 'PATCH',
      url: `${API}/settings/rules`,
      headers: tenant.headers,
      payload: { fallbackReply: 'Sorry, our order system is not answering. Please try again shortly.' },
    });
    await branchedSetup(tenant.headers, false);
    for (const id of Object.keys(faults)) await sendVisitorMessage(t.app, visitor, `order #${id}`);
    await drained(t, [visitor.conversationId]);
    const all = await replies(visitor.conversationId);
    expect(all).toEqual(
      Object.keys(faults).map(() => [
        'ai',
        'Sorry, our order system is not answering. Please try again shortly.',
        1,
      ]),
    );
    const calls = await t.app.inject({
      url: `${API}/call-logs?conversationId=${visitor.conversationId}`,
      headers: tenant.headers,
    });
    const logged = calls.json().data as Array<{ ok: boolean; error: string | null }>;
    expect(logged.length).toBeGreaterThanOrEqual(Object.keys(faults).length);
    expect(logged.every((entry) => entry.ok === false && entry.error)).toBe(true);
    const ruleLogs = await ruleLogsOf(t, tenant.headers, visitor.conversationId);
    expect(
      ruleLogs.every((log) => log.actions.some((a: { type: string }) => a.type === 'FALLBACK_REPLY')),
    ).toBe(true);
  });
});

describe('POST /rules/test (dry-run)', () => {
  it('lists every evaluated rule and the resolved request, without calling out or storing anything', async () => {
    upstream.handle = (_req, res) => json(res, 200, { price: 99, currency: 'USD' });
    const { tenant } = await setUpConversation(t, { aiEnabled: false });
    const { rule } = await pricingSetup(tenant.headers);
    const greeting = await createRuleVia(t, tenant.headers, {
      name: 'Greeting',
      priority: 1,
      conditions: [{ type: 'MESSAGE_CONTAINS', value: 'hello' }],
    });
    const before = upstream.requests.length;
    const countRows = async () => ({
      ruleLogs: (
        await t.ctx.db.selectFrom('rule_logs').select('id').where('tenant_id', '=', tenant.id).execute()
      ).length,
      callLogs: (await t.app.inject({ url: `${API}/call-logs`, headers: tenant.headers })).json().data.length,
    });
    const rowsBefore = await countRows();

    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/rules/test`,
      headers: tenant.headers,
      payload: { message: 'What does it cost?' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { matches, actions } = res.json().data;
    expect(matches).toEqual([
      {
        ruleId: greeting.id,
        name: 'Greeting',
        matched: false,
        reason: expect.stringContaining('MESSAGE_CONTAINS'),
      },
      {
        ruleId: rule.id,
        name: 'Real-time pricing',
        matched: true,
        reason: expect.stringContaining('"cost"'),
      },
    ]);
    expect(actions[0]).toMatchObject({
      ruleId: rule.id,
      type: 'CALL_API',
      request: { method: 'GET', url: `${upstream.origin}/products/42/price` },
    });
    expect(JSON.stringify(actions[0].request)).not.toContain('pk_live_secret_123');
    expect(actions[1]).toMatchObject({
      type: 'REPLY_TEXT',
      text: 'The current price is  .',
      unknownVariables: ['current_price', 'price_currency'],
    });
    expect(upstream.requests.length).toBe(before);
    expect(await countRows()).toEqual(rowsBefore);

    const executed = await t.app.inject({
      method: 'POST',
      url: `${API}/rules/test`,
      headers: tenant.headers,
      payload: { message: 'What does it cost?', ruleId: rule.id, execute: true },
    });
    expect(executed.json().data.matches).toHaveLength(1);
    expect(executed.json().data.actions[0]).toMatchObject({
      type: 'CALL_API',
      status: 200,
      mapped: { current_price: '99', price_currency: 'USD' },
    });
    expect(executed.json().data.actions[1]).toMatchObject({
      type: 'REPLY_TEXT',
      text: 'The current price is 99 USD.',
    });
    expect(upstream.requests.length).toBe(before + 1);
    expect((await countRows()).ruleLogs).toBe(rowsBefore.ruleLogs);
  });

  it('takes variables, language, firstMessage and status, and reports unknown rules and widgets', async () => {
    const { tenant, widget } = await setUpConversation(t, { aiEnabled: false });
    await createRuleVia(t, tenant.headers, {
      name: 'German VIP first contact',
      conditions: [
        { type: 'LANGUAGE_IS', language: 'de' },
        { type: 'FIRST_MESSAGE' },
        { type: 'VARIABLE_EQUALS', name: 'tier', value: 'gold' },
        { type: 'CONVERSATION_STATUS', status: 'pending' },
      ],
      actions: [
        { type: 'SET_VARIABLE', name: 'greeted', value: 'yes' },
        { type: 'REPLY_TEXT', text: 'Hallo {name}! ({greeted})' },
        { type: 'ASSIGN_TO_OPERATOR' },
      ],
    });
    const url = `${API}/rules/test`;
    const body = {
      message: 'Hallo',
      variables: { tier: 'gold', name: 'Ute' },
      language: 'de',
      firstMessage: true,
      status: 'pending',
      widgetId: widget.id,
    };
    const res = await t.app.inject({ method: 'POST', url, headers: tenant.headers, payload: body });
    expect(res.json().data.matches[0].matched).toBe(true);
    expect(res.json().data.actions.map((a: { type: string; text?: string }) => a.text ?? a.type)).toEqual([
      'SET_VARIABLE',
      'Hallo Ute! (yes)',
      'ASSIGN_TO_OPERATOR',
    ]);
    expect(res.json().data.actions[2]).toMatchObject({ operatorId: null, error: 'No operator is available' });
    const miss = await t.app.inject({
      method: 'POST',
      url,
      headers: tenant.headers,
      payload: { ...body, firstMessage: false },
    });
    expect(miss.json().data.matches[0]).toMatchObject({
      matched: false,
      reason: expect.stringContaining('FIRST_MESSAGE'),
    });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url,
          headers: tenant.headers,
          payload: { message: 'x', ruleId: 'nope' },
        })
      ).statusCode,
    ).toBe(404);
    const otherWidget = await t.app.inject({
      method: 'POST',
      url,
      headers: tenant.headers,
      payload: { message: 'x', widgetId: '0190a0a0-0000-7000-8000-000000000001' },
    });
    expect(otherWidget.statusCode).toBe(400);
    expect(
      (await t.app.inject({ method: 'POST', url, headers: tenant.headers, payload: {} })).statusCode,
    ).toBe(400);
  });
});

describe('defaults when no rule answers', () => {
  it('the AI answers (widget AI on) unless a rule replied or stopped; AI off means no automatic reply', async () => {
    restoreScripted = registerScriptedAi({
      answerDefault: async (_ctx, turn) => ({ text: `AI: ${turn.message}` }),
    });
    const on = await setUpConversation(t, { aiEnabled: true });
    await createRuleVia(t, on.tenant.headers, {
      name: 'Tag',
      conditions: [{ type: 'MESSAGE_CONTAINS', value: 'tag' }],
      actions: [{ type: 'SET_VARIABLE', name: 'tagged', value: 'yes' }],
    });
    await createRuleVia(t, on.tenant.headers, {
      name: 'Silence',
      conditions: [{ type: 'MESSAGE_CONTAINS', value: 'quiet' }],
      stopProcessing: true,
    });
    await createRuleVia(t, on.tenant.headers, {
      name: 'Hi',
      conditions: [{ type: 'MESSAGE_CONTAINS', value: 'hi there' }],
      actions: [{ type: 'REPLY_TEXT', text: 'Hello!' }],
    });
    for (const text of ['what is this', 'tag me', 'be quiet', 'hi there'])
      await sendVisitorMessage(t.app, on.visitor, text);
    await drained(t, [on.visitor.conversationId]);
    expect((await replies(on.visitor.conversationId)).map((r) => r[1])).toEqual([
      'AI: what is this',
      'AI: tag me',
      'Hello!',
    ]);
    const logs = await ruleLogsOf(t, on.tenant.headers, on.visitor.conversationId);
    expect(logs.map((log) => log.defaultAnswer ?? null).reverse()).toEqual(['ai', 'ai', null, null]);

    const off = await setUpConversation(t, { aiEnabled: false });
    await sendVisitorMessage(t.app, off.visitor, 'what is this');
    await drained(t, [off.visitor.conversationId]);
    expect(await replies(off.visitor.conversationId)).toEqual([]);
  });

  it('REPLY_AI without an AI layer leaves a clear system note', async () => {
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    await createRuleVia(t, tenant.headers, { name: 'Ask AI', actions: [{ type: 'REPLY_AI' }] });
    await sendVisitorMessage(t.app, visitor, 'anything');
    await drained(t, [visitor.conversationId]);
    expect(await replies(visitor.conversationId)).toEqual([['system', AI_UNAVAILABLE_NOTE, 1]]);
  });
});

describe('FIRST_MESSAGE', () => {
  it('is false for a later visitor message even when the last 20 messages were all from operators', async () => {
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    await createRuleVia(t, tenant.headers, {
      conditions: [{ type: 'FIRST_MESSAGE' }],
      actions: [{ type: 'REPLY_TEXT', text: 'Welcome!' }],
    });
    await sendVisitorMessage(t.app, visitor, 'hi');
    await drained(t, [visitor.conversationId]);
    for (let i = 0; i < 21; i++) {
      await t.app.inject({
        method: 'POST',
        url: `${API}/conversations/${visitor.conversationId}/messages`,
        headers: tenant.headers,
        payload: { content: `operator note ${i}`, role: 'operator' },
      });
    }
    await sendVisitorMessage(t.app, visitor, 'hi again');
    await drained(t, [visitor.conversationId]);
    expect((await replies(visitor.conversationId)).filter((r) => r[0] === 'ai').map((r) => r[1])).toEqual([
      'Welcome!',
    ]);
  });
});

describe('rule log', () => {
  it('lists the first 100 non-matching rules and counts the rest', async () => {
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    for (let i = 0; i < 105; i++) {
      const body = ruleInputSchema.parse({
        name: `miss ${i}`,
        priority: i,
        conditions: [{ type: 'MESSAGE_CONTAINS', value: `nope-${i}` }],
      });
      await createRule(t.ctx.db, tenant.id, body);
    }
    await createRuleVia(t, tenant.headers, {
      name: 'hit',
      priority: 500,
      actions: [{ type: 'REPLY_TEXT', text: 'ok' }],
    });
    await sendVisitorMessage(t.app, visitor, 'hello');
    await drained(t, [visitor.conversationId]);
    const [log] = await ruleLogsOf(t, tenant.headers, visitor.conversationId);
    expect(log.rules).toHaveLength(101);
    expect(log.rules.at(-1)).toMatchObject({ name: 'hit', matched: true });
    expect(log.omittedNonMatching).toBe(5);
  });

  it('records unknown variables and is visible only to the owning tenant', async () => {
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    await createRuleVia(t, tenant.headers, {
      name: 'Echo',
      actions: [{ type: 'REPLY_TEXT', text: 'Hi {visitor_first_name}!' }],
    });
    await sendVisitorMessage(t.app, visitor, 'hello');
    await drained(t, [visitor.conversationId]);
    const [log] = await ruleLogsOf(t, tenant.headers, visitor.conversationId);
    expect(log).toMatchObject({
      conversationId: visitor.conversationId,
      unknownVariables: ['visitor_first_name'],
      errors: [],
    });
    expect(log.rules).toEqual([
      { ruleId: expect.any(String), name: 'Echo', matched: true, reason: 'no conditions (always matches)' },
    ]);
    const other = await t.createTenant('snoop');
    expect(await ruleLogsOf(t, other.headers, visitor.conversationId)).toEqual([]);
    const all = await t.app.inject({ url: `${API}/rule-logs`, headers: other.headers });
    expect(all.json()).toEqual({ data: [], meta: { limit: 50, offset: 0, total: 0 } });
  });
});
