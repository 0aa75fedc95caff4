import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import {
  createConnectionVia,
  createEndpointVia,
  json,
  startUpstream,
  type Upstream,
} from '../connections/testing/upstream.ts';
import { addCredits } from '../tenants/tenants.ts';
import { OUT_OF_CREDITS } from './credits/out-of-credits.ts';
import { HANDOVER_REPLY, THANKS_REPLY } from './embedded/embedded-default-answer.ts';
import {
  balanceOf,
  createOrderEndpoint,
  createRoomAvailabilityRule,
  createRule,
  serveOrders,
  startChat,
  type Tenant,
  tenantWithCredits,
} from './testing/ai-test-kit.ts';

/** Seeds 000 and 002 as whole conversations with the embedded (offline) provider. */
describe('embedded AI, end to end', () => {
  let t: TestApp;
  let upstream: Upstream;
  beforeAll(async () => {
    upstream = await startUpstream();
    t = await createTestApp({ PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}` });
    serveOrders(upstream);
  });
  afterAll(async () => {
    await t.close();
    await upstream.close();
  });

  async function latestRuleLogErrors(tenant: { headers: Record<string, string> }, conversationId: string) {
    const res = await t.app.inject({
      url: `/api/v1/tenant-api/rule-logs?conversationId=${conversationId}`,
      headers: tenant.headers,
    });
    return res.json().data[0].errors;
  }

  async function orderTenant(credits = 100) {
    const tenant = await tenantWithCredits(t, credits);
    const endpoint = await createOrderEndpoint(t, tenant, upstream);
    await createRule(t, tenant, {
      name: 'Order status',
      type: 'ai',
      description: 'When the visitor asks about their order status or delivery',
      examples: ['Where is my order?', 'Has my package shipped?'],
      actions: [{ type: 'CALL_API', endpointId: endpoint.id }, { type: 'REPLY_AI' }],
    });
    return tenant;
  }

  it('seed 002: asks for the order number, then the email, then replies with the status', async () => {
    const tenant = await orderTenant();
    const chat = await startChat(t, tenant);
    expect(await chat.say('Where is my order?')).toEqual([
      { role: 'ai', content: 'What is your order number?' },
    ]);
    expect(await chat.say('It is #4521')).toEqual([
      { role: 'ai', content: 'Could you tell me the email used for the order?' },
    ]);
    expect(await chat.say('john@example.com')).toEqual([
      { role: 'ai', content: 'Here is what I found: order status: shipped, delivery eta: Thursday.' },
    ]);
    expect(upstream.requestsTo('/orders/4521').length).toBeGreaterThan(0);
    expect(await chat.variables()).toMatchObject({
      orderId: '4521',
      email: 'john@example.com',
      order_status: 'shipped',
    });
    expect(await balanceOf(t, tenant)).toBe(99);
  });

  it('seed 002: a wrong email gets only the validation message; the corrected email gets the status', async () => {
    const tenant = await orderTenant();
    const chat = await startChat(t, tenant);
    expect(await chat.say('Where is my order #4521?')).toEqual([
      { role: 'ai', content: 'Could you tell me the email used for the order?' },
    ]);
    const wrong = await chat.say('mallory@example.com');
    expect(wrong).toEqual([{ role: 'ai', content: "Email doesn't match. Please verify your details." }]);
    expect(JSON.stringify(wrong)).not.toMatch(/shipped|Thursday/);
    expect(await chat.variables()).not.toHaveProperty('order_status');
    expect(await chat.say('sorry, it is John@Example.com')).toEqual([
      { role: 'ai', content: 'Here is what I found: order status: shipped, delivery eta: Thursday.' },
    ]);
  });

  async function dryRunMatch(tenant: { headers: Record<string, string> }, message: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/rules/test',
      headers: tenant.headers,
      payload: { message },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data.matches[0] as { name: string; matched: boolean; reason: string };
  }

  it('"Where is my order?" with the order number and email in one message: the endpoint’s details are on topic', async () => {
    const tenant = await orderTenant();
    const message = 'Where is my order 4521? My email is john@example.com';
    expect(await dryRunMatch(tenant, message)).toMatchObject({ name: 'Order status', matched: true });
    const chat = await startChat(t, tenant);
    expect(await chat.say(message)).toEqual([
      { role: 'ai', content: 'Here is what I found: order status: shipped, delivery eta: Thursday.' },
    ]);
    expect(await chat.variables()).toMatchObject({ orderId: '4521', email: 'john@example.com' });
  });

  it.each(["I'm still waiting for order #4521", "Where's my stuff? Order 4521", 'Where is my order #4521?'])(
    '"%s" matches the order rule (dry run and conversation agree) and asks for the email',
    async (message) => {
      const tenant = await orderTenant();
      const decision = await dryRunMatch(tenant, message);
      expect(decision, decision.reason).toMatchObject({ name: 'Order status', matched: true });
      const chat = await startChat(t, tenant);
      expect(await chat.say(message)).toEqual([
        { role: 'ai', content: 'Could you tell me the email used for the order?' },
      ]);
      expect(await chat.say('john@example.com')).toEqual([
        { role: 'ai', content: 'Here is what I found: order status: shipped, delivery eta: Thursday.' },
      ]);
    },
  );

  it('an everyday "order" about something else still matches nothing, live and in the dry run', async () => {
    const tenant = await orderTenant();
    const chat = await startChat(t, tenant);
    for (const message of [
      'I ordered pizza, lol',
      'I love your order of service',
      'Do you ship to Germany?',
    ]) {
      expect(await dryRunMatch(tenant, message)).toMatchObject({ matched: false });
      expect(await chat.say(message)).toEqual([
        {
          role: 'ai',
          content:
            "Sorry, I'm not sure I understood. I can help with: your order status or delivery. What would you like to know?",
        },
      ]);
    }
  });

  it('asks again, with the reason, when the answer does not fit the field', async () => {
    const tenant = await orderTenant();
    const chat = await startChat(t, tenant);
    await chat.say('Where is my order?');
    expect(await chat.say('#12')).toEqual([
      { role: 'ai', content: "That doesn't look like a valid order number. What is your order number?" },
    ]);
  });

  it('seed 000: "Is room 205 available next week?" → template reply from the mapped variables', async () => {
    const tenant = await tenantWithCredits(t, 10);
    // The hotel API is served by the shared upstream on a path of its own.
    upstream.handle = (_req, res, recorded) => {
      if (recorded.url.startsWith('/rooms/205/availability')) {
        return json(res, 200, { data: { available: true, price: '€120/night' } });
      }
      return json(res, 404, {});
    };
    try {
      await createRoomAvailabilityRule(
        t,
        tenant,
        upstream,
        'Room {roomId} is available at {price}. Would you like to book it?',
      );
      const chat = await startChat(t, tenant);
      expect(await chat.say('Is room 205 available next week?')).toEqual([
        { role: 'ai', content: 'Room 205 is available at €120/night. Would you like to book it?' },
      ]);
      const call = upstream.requestsTo('/rooms/205/availability').at(-1);
      expect(call?.url).toMatch(/date=\d{4}-\d{2}-\d{2}$/);
      expect(await chat.variables()).toMatchObject({ room_available: 'true', price: '€120/night' });
    } finally {
      serveOrders(upstream);
    }
  });

  it('answers what it can help with when no rule matches, and costs a credit per AI reply', async () => {
    const tenant = await orderTenant(5);
    const chat = await startChat(t, tenant);
    expect(await chat.say('tell me a joke')).toEqual([
      {
        role: 'ai',
        content:
          "Sorry, I'm not sure I understood. I can help with: your order status or delivery. What would you like to know?",
      },
    ]);
    expect(await balanceOf(t, tenant)).toBe(4);
    const quiet = await startChat(t, tenant, { aiEnabled: false });
    expect(await quiet.say('tell me a joke')).toEqual([]);
  });

  async function chooseHandover(tenant: Tenant) {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/tenant-api/settings/ai',
      headers: tenant.headers,
      payload: { handoverToOperator: true },
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  it('answers a greeting and thanks politely, and thanks never hands the conversation over', async () => {
    const tenant = await orderTenant(10);
    await chooseHandover(tenant);
    const chat = await startChat(t, tenant);
    expect(await chat.say('Hi there!')).toEqual([
      {
        role: 'ai',
        content: 'Hello! I can help with: your order status or delivery. What would you like to know?',
      },
    ]);
    expect(await chat.say('Where is my order #4521?')).toEqual([
      { role: 'ai', content: 'Could you tell me the email used for the order?' },
    ]);
    await chat.say('john@example.com');
    expect(await chat.say('thank you so much!')).toEqual([{ role: 'ai', content: THANKS_REPLY }]);
    const conversation = await t.app.inject({
      url: `/api/v1/tenant-api/conversations/${chat.conversationId}`,
      headers: tenant.headers,
    });
    expect(conversation.json().data).toMatchObject({ status: 'open', assignedTo: null });
  });

  it('hands the conversation to an operator when the tenant chose hand-over', async () => {
    const tenant = await orderTenant(5);
    await chooseHandover(tenant);
    const operator = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/operators',
      headers: tenant.headers,
      payload: { name: 'Anna', email: 'anna@example.com' },
    });
    expect(operator.statusCode, operator.body).toBe(201);
    const chat = await startChat(t, tenant);
    expect(await chat.say('tell me a joke')).toEqual([{ role: 'ai', content: HANDOVER_REPLY }]);
    const conversation = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tenant-api/conversations/${chat.conversationId}`,
      headers: tenant.headers,
    });
    expect(conversation.json().data).toMatchObject({
      status: 'pending',
      assignedTo: operator.json().data.id,
    });
  });

  it('at zero credits AI replies stop with a note for operators; the free NLU still matches and asks', async () => {
    const tenant = await orderTenant(0);
    await createRule(t, tenant, {
      name: 'Greeting',
      type: 'static',
      priority: 1,
      conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '\\bhello\\b', flags: 'i' }],
      actions: [{ type: 'REPLY_TEXT', text: 'Hello! How can we help?' }],
    });
    const chat = await startChat(t, tenant);
    expect(await chat.say('hello')).toEqual([{ role: 'ai', content: 'Hello! How can we help?' }]);
    // Matching and questions cost nothing; the REPLY_AI after the lookup would.
    expect(await chat.say('Where is my order #4521?')).toEqual([
      { role: 'ai', content: 'Could you tell me the email used for the order?' },
    ]);
    // Nothing reaches the visitor (no billing talk in front of customers); the rule log says why.
    expect(await chat.say('john@example.com')).toEqual([]);
    expect(await latestRuleLogErrors(tenant, chat.conversationId)).toEqual([
      expect.stringContaining(OUT_OF_CREDITS),
    ]);
    expect(await chat.say('Where is my order #4521? please')).toEqual([]);
    expect(await balanceOf(t, tenant)).toBe(0);

    await addCredits(t.ctx.db, tenant.id, 1);
    // The email is remembered from before: one credit, one reply.
    expect(await chat.say('Where is my order #4521?')).toEqual([
      { role: 'ai', content: 'Here is what I found: order status: shipped, delivery eta: Thursday.' },
    ]);
    expect(await balanceOf(t, tenant)).toBe(0);
    expect(await chat.say('Where is my order #4521?')).toEqual([]);
    const usage = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tenant-api/ai-usage',
      headers: tenant.headers,
    });
    expect(usage.json().data).toEqual([
      expect.objectContaining({ kind: 'reply', provider: 'embedded', credits: 1 }),
    ]);
  });

  it('at zero credits visitors see no note, rule replies keep working, and every paused answer is in the rule log', async () => {
    const tenant = await orderTenant(0);
    await createRule(t, tenant, {
      name: 'Greeting',
      type: 'static',
      priority: 1,
      conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '\\bhello\\b', flags: 'i' }],
      actions: [{ type: 'REPLY_TEXT', text: 'Hello! How can we help?' }],
    });
    const chat = await startChat(t, tenant);
    expect(await chat.say('Where is my order #4521?')).toEqual([
      { role: 'ai', content: 'Could you tell me the email used for the order?' },
    ]);
    expect(await chat.say('john@example.com')).toEqual([]);
    expect(await chat.say('hello')).toEqual([{ role: 'ai', content: 'Hello! How can we help?' }]);
    expect(await chat.say('Tell me about your shop')).toEqual([]);
    expect(await latestRuleLogErrors(tenant, chat.conversationId)).toEqual([`AI answer: ${OUT_OF_CREDITS}`]);
    const system = await t.ctx.db
      .selectFrom('messages')
      .select('content')
      .where('conversation_id', '=', chat.conversationId)
      .where('role', '=', 'system')
      .execute();
    expect(system).toEqual([]);
  });

  it('at zero credits an AI rule decided by the embedded NLU still runs REPLY_TEXT, with AI answers on or off', async () => {
    const tenant = await tenantWithCredits(t, 0);
    await createRule(t, tenant, {
      name: 'Opening hours',
      type: 'ai',
      description: 'When the visitor asks about opening hours',
      actions: [{ type: 'REPLY_TEXT', text: 'We are open 9-5.' }],
    });
    for (const aiEnabled of [true, false]) {
      const chat = await startChat(t, tenant, { aiEnabled });
      expect(await chat.say('What are your opening hours?')).toEqual([
        { role: 'ai', content: 'We are open 9-5.' },
      ]);
    }
    expect(await balanceOf(t, tenant)).toBe(0);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/rules/test',
      headers: tenant.headers,
      payload: { message: 'What are your opening hours?' },
    });
    expect(res.json().data.matches[0]).toMatchObject({ name: 'Opening hours', matched: true });
    expect(res.json().data.actions).toEqual([
      expect.objectContaining({ type: 'REPLY_TEXT', text: 'We are open 9-5.' }),
    ]);
  });

  it('seed 000 "Order Status Lookup" as written: no fields, AI rule → CALL_API → REPLY_AI answers with the status', async () => {
    const tenant = await tenantWithCredits(t, 10);
    const connection = await createConnectionVia(t, tenant.headers, {
      name: 'Order Management API',
      baseUrl: upstream.origin,
      auth: { type: 'bearer', token: 'order-token-xyz' },
    });
    // The recipe declares no fields: `{orderId}` in the path is collected like a required field.
    const endpoint = await createEndpointVia(t, tenant.headers, connection.id, {
      name: 'Order Status',
      method: 'GET',
      path: '/orders/{orderId}',
      responseMapping: [
        { from: 'data.status', to: 'order_status' },
        { from: 'data.eta', to: 'delivery_eta' },
      ],
    });
    await createRule(t, tenant, {
      name: 'Order status',
      type: 'ai',
      description: 'When the visitor asks about their order status or delivery',
      actions: [{ type: 'CALL_API', endpointId: endpoint.id }, { type: 'REPLY_AI' }],
    });
    const before = upstream.requestsTo('/orders/4521').length;
    const chat = await startChat(t, tenant, { aiEnabled: false });
    expect(await chat.say('Where is my order #4521?')).toEqual([
      { role: 'ai', content: 'Here is what I found: order status: shipped, delivery eta: Thursday.' },
    ]);
    const calls = upstream.requestsTo('/orders/4521');
    expect(calls).toHaveLength(before + 1);
    expect(calls.at(-1)?.headers.authorization).toBe('Bearer order-token-xyz');
    expect(await chat.variables()).toMatchObject({ orderId: '4521', order_status: 'shipped' });
    const dryRun = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/rules/test',
      headers: tenant.headers,
      payload: { message: 'Where is my order #4521?' },
    });
    expect(dryRun.json().data.actions[0].request).toMatchObject({
      method: 'GET',
      url: `${upstream.origin}/orders/4521`,
    });

    // Without a number in the message the assistant asks for it, and the answer continues the rule.
    const other = await startChat(t, tenant, { aiEnabled: false });
    expect(await other.say('What is the status of my order?')).toEqual([
      { role: 'ai', content: 'What is your order id?' },
    ]);
    expect(await other.say('It is order no. 4521')).toEqual([
      { role: 'ai', content: 'Here is what I found: order status: shipped, delivery eta: Thursday.' },
    ]);
  });

  it('shows every AI rule decision with its score and reason in POST /rules/test (free with the embedded AI)', async () => {
    const tenant = await orderTenant(0);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/rules/test',
      headers: tenant.headers,
      payload: { message: 'Where is my order #4521?' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [match] = res.json().data.matches;
    expect(match).toMatchObject({ name: 'Order status', matched: true });
    expect(match.reason).toMatch(/confidence \d\.\d\d/);
  });
});
