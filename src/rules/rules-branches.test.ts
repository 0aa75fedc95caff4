import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/helpers/test-app.ts';
import {
  createConnectionVia,
  createEndpointVia,
  json,
  type Upstream,
} from '../connections/testing/upstream.ts';
import { sendVisitorMessage, setUpConversation } from '../conversations/conversation-test-kit.ts';
import { type RulesApp, repliesOf, startRulesApp } from './rules-pipeline-kit.ts';
import { API, createRuleVia, drained, ruleLogsOf } from './rules-test-kit.ts';

let app: RulesApp;
let t: TestApp;
let upstream: Upstream;
beforeAll(async () => {
  app = await startRulesApp();
  ({ t, upstream } = app);
});
afterAll(() => app.close());

describe('branches and upstream failures', () => {
  async function branchedSetup(headers: Record<string, string>, withBranches: boolean) {
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
    expect((await repliesOf(t, visitor.conversationId)).map((r) => r[1])).toEqual([
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
    const all = await repliesOf(t, visitor.conversationId);
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

  it("without a branch or a fallback of its own, a 404 or 422 tells the visitor to check the details, an outage to retry; the tenant's own fallback wins", async () => {
    upstream.handle = (req, res) => {
      const id = req.url?.split('/')[2];
      if (id === '404') return json(res, 404, { error: 'no such order' });
      if (id === '422') return json(res, 422, { error: 'bad order number' });
      json(res, 503, { error: 'down' });
    };
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    await branchedSetup(tenant.headers, false);
    for (const id of ['404', '422', '503']) await sendVisitorMessage(t.app, visitor, `order #${id}`);
    await drained(t, [visitor.conversationId]);
    expect((await repliesOf(t, visitor.conversationId)).map((r) => r[1])).toEqual([
      'Nothing was found for those details. Please check them and try again.',
      'The service could not accept those details. Please check them and try again.',
      "Sorry, I couldn't look that up right now. Please try again in a moment.",
    ]);

    await t.app.inject({
      method: 'PATCH',
      url: `${API}/settings/rules`,
      headers: tenant.headers,
      payload: { fallbackReply: 'Please call us on 555-0100.' },
    });
    await sendVisitorMessage(t.app, visitor, 'order #404');
    await drained(t, [visitor.conversationId]);
    expect((await repliesOf(t, visitor.conversationId)).at(-1)?.[1]).toBe('Please call us on 555-0100.');

    const dryRun = await t.app.inject({
      method: 'POST',
      url: `${API}/rules/test`,
      headers: tenant.headers,
      payload: { message: 'order #404', execute: true },
    });
    expect(JSON.stringify(dryRun.json().data.actions)).toContain('Please call us on 555-0100.');
  });

  it('a failed lookup removes what the previous lookup mapped: the next rule never states the old order as the new one', async () => {
    upstream.handle = (req, res) => {
      const id = req.url?.split('/')[2];
      if (id === '4521') return json(res, 200, { status: 'shipped' });
      if (id === '9999') return json(res, 404, { error: 'no such order' });
      if (id === '5000') return json(res, 500, { error: 'boom' });
      req.socket.destroy();
    };
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    const connection = await createConnectionVia(t, tenant.headers, {
      name: 'Orders',
      baseUrl: upstream.origin,
    });
    const endpoint = await createEndpointVia(t, tenant.headers, connection.id, {
      path: '/orders/{orderId}',
      fields: [{ name: 'orderId', type: 'string', required: true }],
      responseMapping: [{ from: 'status', to: 'order_status' }],
    });
    const failed = [{ type: 'SET_VARIABLE', name: 'lookup_failed', value: '{match.1}' }];
    // Seed 001's lookup-and-route: one rule looks up, the next ones answer from what it mapped.
    await createRuleVia(t, tenant.headers, {
      name: 'Look up',
      priority: 10,
      conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: 'order #(\\d+)' }],
      actions: [
        {
          type: 'CALL_API',
          endpointId: endpoint.id,
          params: { orderId: '{match.1}' },
          branches: ['4xx', '5xx', 'error'].map((status) => ({ status, actions: failed })),
        },
      ],
    });
    await createRuleVia(t, tenant.headers, {
      name: 'Known status',
      priority: 20,
      conditions: [
        { type: 'MESSAGE_MATCHES_REGEX', pattern: 'order #(\\d+)' },
        { type: 'VARIABLE_IS_SET', name: 'order_status' },
      ],
      actions: [{ type: 'REPLY_TEXT', text: 'Your order {match.1} is {order_status}.' }],
      stopProcessing: true,
    });
    await createRuleVia(t, tenant.headers, {
      name: 'No status',
      priority: 30,
      conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: 'order #(\\d+)' }],
      actions: [{ type: 'REPLY_TEXT', text: 'I have no status for order {match.1} right now.' }],
    });
    const variables = async () =>
      (
        await t.app.inject({ url: `${API}/conversations/${visitor.conversationId}`, headers: tenant.headers })
      ).json().data.variables;
    // 404, 500 and no answer at all, each right after a lookup that mapped "shipped".
    for (const failing of ['9999', '5000', '1']) {
      await sendVisitorMessage(t.app, visitor, 'order #4521');
      await sendVisitorMessage(t.app, visitor, `order #${failing}`);
      await drained(t, [visitor.conversationId]);
      expect((await repliesOf(t, visitor.conversationId)).slice(-2).map((r) => r[1])).toEqual([
        'Your order 4521 is shipped.',
        `I have no status for order ${failing} right now.`,
      ]);
      expect(await variables()).not.toHaveProperty('order_status');
    }
    const [latest] = await ruleLogsOf(t, tenant.headers, visitor.conversationId);
    expect(latest.actions[0]).toMatchObject({ type: 'CALL_API', ok: false, cleared: ['order_status'] });

    // The dry run reports the same.
    const dryRun = await t.app.inject({
      method: 'POST',
      url: `${API}/rules/test`,
      headers: tenant.headers,
      payload: { message: 'order #9999', variables: { order_status: 'shipped' }, execute: true },
    });
    expect(dryRun.statusCode, dryRun.body).toBe(200);
    expect(dryRun.json().data.actions[0]).toMatchObject({
      type: 'CALL_API',
      status: 404,
      cleared: ['order_status'],
    });
    expect(dryRun.json().data.actions.at(-1)).toMatchObject({
      type: 'REPLY_TEXT',
      text: 'I have no status for order 9999 right now.',
    });
    expect(dryRun.json().data.variables).toEqual({ lookup_failed: '9999' });
  });

  it('an upstream 204 on an endpoint with a response mapping takes the 2xx branch, not the error one', async () => {
    upstream.handle = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    const connection = await createConnectionVia(t, tenant.headers, {
      name: 'Orders',
      baseUrl: upstream.origin,
    });
    const endpoint = await createEndpointVia(t, tenant.headers, connection.id, {
      method: 'DELETE',
      path: '/orders/{orderId}',
      fields: [{ name: 'orderId', type: 'string', required: true }],
      responseMapping: [{ from: 'status', to: 'order_status' }],
    });
    await createRuleVia(t, tenant.headers, {
      name: 'Cancel order',
      conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: 'cancel #(\\d+)' }],
      actions: [
        {
          type: 'CALL_API',
          endpointId: endpoint.id,
          params: { orderId: '{match.1}' },
          branches: [
            { status: '2xx', actions: [{ type: 'REPLY_TEXT', text: 'Order {match.1} is cancelled.' }] },
            { status: 'error', actions: [{ type: 'REPLY_TEXT', text: 'Could not reach the order system.' }] },
          ],
        },
      ],
    });
    await sendVisitorMessage(t.app, visitor, 'please cancel #4521');
    await drained(t, [visitor.conversationId]);
    expect((await repliesOf(t, visitor.conversationId)).map((r) => r[1])).toEqual([
      'Order 4521 is cancelled.',
    ]);
  });
});
