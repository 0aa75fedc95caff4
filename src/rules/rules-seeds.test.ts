import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/helpers/test-app.ts';
import {
  createConnectionVia,
  createEndpointVia,
  json,
  type Upstream,
} from '../connections/testing/upstream.ts';
import {
  openTenantSocket,
  openWidgetSocket,
  sendVisitorMessage,
  setUpConversation,
} from '../conversations/conversation-test-kit.ts';
import { getVariables } from '../conversations/variables.ts';
import { PENDING_RULE_VARIABLE } from './actions/pending-rule.ts';
import { pricingSetup, type RulesApp, repliesOf, startRulesApp } from './rules-pipeline-kit.ts';
import { API, createRuleVia, drained, messagesOf, registerScriptedAi, ruleLogsOf } from './rules-test-kit.ts';

let app: RulesApp;
let t: TestApp;
let upstream: Upstream;
beforeAll(async () => {
  app = await startRulesApp();
  ({ t, upstream } = app);
});
afterAll(() => app.close());
let restoreScripted: (() => void) | undefined;
afterEach(() => {
  restoreScripted?.();
  restoreScripted = undefined;
});

describe('seed 000 recipes against a local upstream', () => {
  it('Real-Time Pricing: regex rule → CALL_API → REPLY_TEXT, pushed to the widget and tenant streams', async () => {
    upstream.handle = (_req, res) => json(res, 200, { price: 120, currency: 'EUR' });
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    await pricingSetup(app, tenant.headers);
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
    expect(await repliesOf(t, visitor.conversationId)).toHaveLength(1);
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
    expect(await repliesOf(t, visitor.conversationId)).toEqual([
      ['ai', 'Your order #4521 is currently being shipped and should arrive by Thursday.', 1],
    ]);
    expect(upstream.requests[before].headers.authorization).toBe('Bearer order-token-xyz');

    // Without the number the rule asks, remembers itself, and the answer continues it.
    await sendVisitorMessage(t.app, visitor, 'and my other order?');
    await drained(t, [visitor.conversationId]);
    await sendVisitorMessage(t.app, visitor, 'It is 7788');
    await drained(t, [visitor.conversationId]);
    const all = await repliesOf(t, visitor.conversationId);
    expect(all.slice(1).map((r) => r[1])).toEqual([
      'What is your order number?',
      'Your order #7788 is currently being shipped and should arrive by Monday.',
    ]);
    // Read as stored: the API never shows internal variables, so it could not tell.
    expect(await getVariables(t.ctx.db, tenant.id, visitor.conversationId)).not.toHaveProperty(
      PENDING_RULE_VARIABLE,
    );
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
    expect((await repliesOf(t, visitor.conversationId)).map((r) => r[1])).toEqual([
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
    expect((await repliesOf(t, visitor.conversationId)).map((r) => r[1])).toEqual([
      'Sure, what is your order number?',
      'Refund for order 4521: approved for 4521.',
    ]);
  });
});

async function setUpConversationFor(headers: Record<string, string>, widgetId: string): Promise<string> {
  void headers;
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/widget/${widgetId}/conversations`,
    payload: {},
  });
  return res.json().data.conversationId;
}
