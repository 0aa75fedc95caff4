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
import { OUT_OF_CREDITS_NOTE } from './credits/out-of-credits-note.ts';
import { HANDOVER_REPLY } from './embedded/embedded-default-answer.ts';
import {
  balanceOf,
  createOrderEndpoint,
  createRule,
  serveOrders,
  startChat,
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
      const connection = await createConnectionVia(t, tenant.headers, {
        name: 'Hotel Booking API',
        baseUrl: upstream.origin,
      });
      const endpoint = await createEndpointVia(t, tenant.headers, connection.id, {
        name: 'Check availability',
        method: 'GET',
        path: '/rooms/{roomId}/availability',
        queryParams: { date: '{checkIn}' },
        description: 'Returns room availability and pricing',
        responseMapping: [
          { from: 'data.available', to: 'room_available' },
          { from: 'data.price', to: 'price' },
        ],
        fields: [
          {
            name: 'roomId',
            type: 'string',
            required: true,
            description: 'Room number',
            pattern: '^[0-9]{1,4}$',
          },
          { name: 'checkIn', type: 'date', required: true, description: 'Check-in date' },
        ],
      });
      await createRule(t, tenant, {
        name: 'Room availability',
        type: 'ai',
        description: 'When visitor asks about room availability',
        examples: ['Is room 12 free tomorrow?'],
        actions: [
          { type: 'CALL_API', endpointId: endpoint.id },
          {
            type: 'REPLY_AI',
            instructions: 'Room {roomId} is available at {price}. Would you like to book it?',
          },
        ],
      });
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

  it('hands the conversation to an operator when the tenant chose hand-over', async () => {
    const tenant = await orderTenant(5);
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/tenant-api/settings/ai',
      headers: tenant.headers,
      payload: { handoverToOperator: true },
    });
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

  it('at zero credits AI stops with a note for operators, while static rules keep replying', async () => {
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
    expect(await chat.say('Where is my order #4521?')).toEqual([
      { role: 'system', content: OUT_OF_CREDITS_NOTE },
    ]);
    expect(await chat.say('Where is my order #4521? please')).toEqual([]);
    expect(await balanceOf(t, tenant)).toBe(0);

    await addCredits(t.ctx.db, tenant.id, 1);
    const replies = await chat.say('Where is my order #4521?');
    expect(replies).toEqual([{ role: 'ai', content: 'Could you tell me the email used for the order?' }]);
    expect(await chat.say('john@example.com')).toEqual([
      { role: 'ai', content: 'Here is what I found: order status: shipped, delivery eta: Thursday.' },
    ]);
    expect(await balanceOf(t, tenant)).toBe(0);
    expect(await chat.say('Where is my order #4521?')).toEqual([
      { role: 'system', content: OUT_OF_CREDITS_NOTE },
    ]);
    const usage = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tenant-api/ai-usage',
      headers: tenant.headers,
    });
    expect(usage.json().data).toEqual([
      expect.objectContaining({ kind: 'reply', provider: 'embedded', credits: 1 }),
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
