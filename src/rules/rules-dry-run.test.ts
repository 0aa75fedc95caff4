import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/helpers/test-app.ts';
import { json, type Upstream } from '../connections/testing/upstream.ts';
import { setUpConversation } from '../conversations/conversation-test-kit.ts';
import { pricingSetup, type RulesApp, startRulesApp } from './rules-pipeline-kit.ts';
import { API, createRuleVia } from './rules-test-kit.ts';

let app: RulesApp;
let t: TestApp;
let upstream: Upstream;
beforeAll(async () => {
  app = await startRulesApp();
  ({ t, upstream } = app);
});
afterAll(() => app.close());

describe('POST /rules/test (dry-run)', () => {
  it('lists every evaluated rule and the resolved request, without calling out or storing anything', async () => {
    upstream.handle = (_req, res) => json(res, 200, { price: 99, currency: 'USD' });
    const { tenant } = await setUpConversation(t, { aiEnabled: false });
    const { rule } = await pricingSetup(app, tenant.headers);
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
    // Nothing was sent: the reply shows where the mapped values would go, and none is "unknown".
    expect(actions[0].wouldMap).toEqual(['current_price', 'price_currency']);
    expect(actions[1]).toEqual({
      ruleId: rule.id,
      type: 'REPLY_TEXT',
      text: 'The current price is {current_price} {price_currency}.',
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
    // The real call is logged as the tenant's experiment, not as a live rule's call.
    const logs = await t.app.inject({ url: `${API}/call-logs`, headers: tenant.headers });
    expect(logs.json().data[0]).toMatchObject({ source: 'test', conversationId: null, status: 200 });
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

  it('tests an unsaved rule given inline: validated like a create, evaluated alone, nothing stored', async () => {
    upstream.handle = (_req, res) => json(res, 200, { price: 12, currency: 'EUR' });
    const { tenant } = await setUpConversation(t, { aiEnabled: false });
    const { endpoint } = await pricingSetup(app, tenant.headers);
    const url = `${API}/rules/test`;
    const ruleCount = async () =>
      (await t.app.inject({ url: `${API}/rules`, headers: tenant.headers })).json().meta.total;
    const before = await ruleCount();
    const requestsBefore = upstream.requests.length;

    const draft = {
      name: 'Draft: stock',
      conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: 'in stock (\\d+)', flags: 'i' }],
      actions: [
        { type: 'CALL_API', endpointId: endpoint.id, params: { productId: '{match.1}' } },
        { type: 'REPLY_TEXT', text: 'Draft reply' },
      ],
    };
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: tenant.headers,
      payload: { message: 'Is 7 in stock 7?', rule: draft },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { matches, actions } = res.json().data;
    // Only the draft is evaluated (the stored pricing rule would match "cost", not this message anyway).
    expect(matches).toEqual([
      { ruleId: null, name: 'Draft: stock', matched: true, reason: expect.stringContaining('in stock 7') },
    ]);
    expect(actions[0]).toMatchObject({
      ruleId: null,
      type: 'CALL_API',
      request: { method: 'GET', url: `${upstream.origin}/products/7/price` },
    });
    expect(actions[1]).toMatchObject({ ruleId: null, type: 'REPLY_TEXT', text: 'Draft reply' });
    expect(await ruleCount()).toBe(before);
    expect(upstream.requests.length).toBe(requestsBefore);

    const invalid = async (rule: unknown, extra: Record<string, unknown> = {}) => {
      const answer = await t.app.inject({
        method: 'POST',
        url,
        headers: tenant.headers,
        payload: { message: 'x', rule, ...extra },
      });
      expect(answer.statusCode, answer.body).toBe(400);
      expect(answer.json().error.code).toBe('VALIDATION_ERROR');
      return answer.json().error.details.map((d: { path: string }) => d.path);
    };
    expect(
      await invalid({ name: 'Bad', conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '(' }] }),
    ).toEqual(['body.rule.conditions.0.pattern']);
    expect(
      await invalid({
        name: 'Gone',
        actions: [{ type: 'CALL_API', endpointId: '0190a0a0-0000-7000-8000-000000000002' }],
      }),
    ).toEqual(['rule.actions']);
    expect(await invalid(draft, { ruleId: 'some-id' })).toEqual(['body.rule']);
    expect(await ruleCount()).toBe(before);
  });
});
