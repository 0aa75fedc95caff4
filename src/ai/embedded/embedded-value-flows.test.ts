import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import {
  createConnectionVia,
  createEndpointVia,
  json,
  startUpstream,
  type Upstream,
} from '../../connections/testing/upstream.ts';
import { ruleLogsOf } from '../../rules/rules-test-kit.ts';
import {
  API,
  createRoomAvailabilityRule,
  createRule,
  startChat,
  type Tenant,
  tenantWithCredits,
} from '../testing/ai-test-kit.ts';

/**
 * Whole conversations with the embedded provider around values: a rule example with another
 * value in it, a follow-up that only changes the date, and a reply whose template could not be
 * filled.
 */
describe('embedded AI and values, end to end', () => {
  let t: TestApp;
  let upstream: Upstream;
  beforeAll(async () => {
    upstream = await startUpstream();
    t = await createTestApp({ PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}` });
    upstream.handle = (_req, res, recorded) => {
      const room = /^\/rooms\/(\d+)\/availability/.exec(recorded.url);
      if (room)
        return json(res, 200, { data: { available: true, price: `€${100 + Number(room[1])}/night` } });
      // The carrier is not known yet: the upstream leaves it out.
      if (recorded.url.startsWith('/orders/77')) {
        return json(res, 200, { data: { status: 'processing', eta: 'next Monday' } });
      }
      return json(res, 404, {});
    };
  });
  afterAll(async () => {
    await t.close();
    await upstream.close();
  });

  async function dryRun(tenant: Tenant, message: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/rules/test`,
      headers: tenant.headers,
      payload: { message },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data.matches as Array<{ name: string; matched: boolean; reason: string }>;
  }

  it('"Do you ship to Poland?" matches a rule whose example is "Do you ship to Austria?"; an order rule stays unmatched', async () => {
    const tenant = await tenantWithCredits(t, 10);
    await createRule(t, tenant, {
      name: 'Order status',
      type: 'ai',
      description: 'When the visitor asks about their order status or delivery',
      examples: ['Where is my order?', 'Has my package shipped?'],
      actions: [{ type: 'REPLY_TEXT', text: 'Let me check your order.' }],
    });
    await createRule(t, tenant, {
      name: 'Shipping',
      type: 'ai',
      description: 'When the visitor asks about shipping costs or delivery times to a country',
      examples: ['Do you ship to Austria?', 'How long does delivery to Switzerland take?'],
      actions: [{ type: 'REPLY_TEXT', text: 'We ship to every EU country within 3 days.' }],
    });
    const chat = await startChat(t, tenant);
    for (const message of ['Do you ship to Germany?', 'Do you ship to Poland?', 'Do you ship to Austria?']) {
      const matches = await dryRun(tenant, message);
      expect(matches.find((m) => m.matched)?.name, message).toBe('Shipping');
      expect(matches.find((m) => m.name === 'Order status')).toMatchObject({ matched: false });
      expect(await chat.say(message)).toEqual([
        { role: 'ai', content: 'We ship to every EU country within 3 days.' },
      ]);
    }
    const [poland] = (await dryRun(tenant, 'Do you ship to Poland?')).filter((m) => m.matched);
    expect(poland.reason).toContain(
      'worded like the example "Do you ship to Austria?", with "Poland" in place of "Austria"',
    );
  });

  it('a follow-up that only changes the date ("and on 3 December?", "on Friday then") continues the room rule', async () => {
    const tenant = await tenantWithCredits(t, 20);
    await createRoomAvailabilityRule(
      t,
      tenant,
      upstream,
      'Room {roomId} is available on {checkIn} at {price}.',
    );
    const chat = await startChat(t, tenant);
    const reply = async (message: string) => {
      const [answer] = await chat.say(message);
      return answer?.content;
    };
    /** The date of the latest availability call: what reached the hotel API, not only the reply. */
    const lastDate = () => {
      const call = upstream.requests.filter((request) => request.url.startsWith('/rooms/')).at(-1);
      return new URL(call?.url ?? '/', upstream.origin).searchParams.get('date') ?? '';
    };

    const tomorrow = await reply('Is room 205 available tomorrow?');
    expect(tomorrow).toBe(`Room 205 is available on ${lastDate()} at €305/night.`);

    expect(await reply('and on 3 December?')).toMatch(
      /^Room 205 is available on \d{4}-12-03 at €305\/night\.$/,
    );
    expect(lastDate()).toMatch(/-12-03$/);

    const friday = await reply('on Friday then');
    expect(friday).toMatch(/^Room 205 is available on \d{4}-\d\d-\d\d at €305\/night\.$/);
    const fridayDate = lastDate() ?? '';
    expect(new Date(`${fridayDate}T12:00:00`).getDay()).toBe(5);

    // The room cases that already worked keep the date given last.
    expect(await reply('what about room 310')).toBe(`Room 310 is available on ${fridayDate} at €410/night.`);
    expect(await reply('12')).toBe(`Room 12 is available on ${fridayDate} at €112/night.`);

    // A message of its own with a day in it is no follow-up.
    expect(await reply('what are you doing on Friday?')).toMatch(/^Sorry, I'm not sure I understood\./);
  });

  it('a template with a variable the upstream did not send falls back to readable labels', async () => {
    const tenant = await tenantWithCredits(t, 10);
    const connection = await createConnectionVia(t, tenant.headers, {
      name: 'Shop',
      baseUrl: upstream.origin,
    });
    const endpoint = await createEndpointVia(t, tenant.headers, connection.id, {
      name: 'Order',
      method: 'GET',
      path: '/orders/{order_id}',
      responseMapping: [
        { from: 'data.status', to: 'v_status' },
        { from: 'data.carrier', to: 'v_carrier' },
        { from: 'data.eta', to: 'v_eta' },
      ],
      fields: [
        {
          name: 'order_id',
          type: 'string',
          required: true,
          description: 'Order number',
          pattern: '^[0-9]{2,10}$',
        },
      ],
    });
    await createRule(t, tenant, {
      name: 'Order status',
      type: 'ai',
      description: 'When the visitor asks about their order status',
      examples: ['Where is my order?'],
      actions: [
        { type: 'CALL_API', endpointId: endpoint.id },
        {
          type: 'REPLY_AI',
          instructions: 'Your order #{order_id} is {v_status} with {v_carrier} and should arrive {v_eta}.',
        },
      ],
    });
    const chat = await startChat(t, tenant);
    expect(await chat.say('Where is my order #77?')).toEqual([
      { role: 'ai', content: 'Here is what I found: status: processing, eta: next Monday.' },
    ]);
    // The owner learns why the template was not used.
    const [log] = await ruleLogsOf(t, tenant.headers, chat.conversationId);
    expect(log.errors).toEqual([expect.stringContaining('template was not used: {v_carrier} is not set')]);
  });
});
