import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/helpers/test-app.ts';
import {
  createConnectionVia,
  createEndpointVia,
  json,
  type Upstream,
} from '../connections/testing/upstream.ts';
import { createWidget, sendVisitorMessage, startVisitor } from '../conversations/conversation-test-kit.ts';
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

async function germanVisitor() {
  const tenant = await t.createTenant();
  const widget = await createWidget(t, tenant.headers, { aiEnabled: false });
  const visitor = await startVisitor(t.app, widget.id, { language: 'de' });
  return { tenant, visitor };
}

const dryRun = (headers: Record<string, string>, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `${API}/rules/test`, headers, payload });

describe('{language}: a built-in variable (SPEC §6 "queryParams": {"lang": "{language}"})', () => {
  it('fills CALL_API templates and REPLY_TEXT, live and in the dry-run', async () => {
    upstream.handle = (_req, res) => json(res, 200, { data: { status: 'versandt' } });
    const { tenant, visitor } = await germanVisitor();
    const connection = await createConnectionVia(t, tenant.headers, {
      name: 'Order Management API',
      baseUrl: upstream.origin,
    });
    const endpoint = await createEndpointVia(t, tenant.headers, connection.id, {
      name: 'Order status',
      method: 'GET',
      path: '/orders/{orderId}',
      queryParams: { lang: '{language}' },
      responseMapping: [{ from: 'data.status', to: 'order_status' }],
    });
    await createRuleVia(t, tenant.headers, {
      name: 'Order lookup',
      conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '(\\d{3,})' }],
      actions: [
        { type: 'CALL_API', endpointId: endpoint.id, params: { orderId: '{match.1}' } },
        { type: 'REPLY_TEXT', text: 'Status ({language}): {order_status}' },
      ],
    });
    const before = upstream.requests.length;

    await sendVisitorMessage(t.app, visitor, 'Wo ist meine Bestellung 4521?');
    // Too little text to tell: the conversation's stated language.
    await sendVisitorMessage(t.app, visitor, '#7788');
    await drained(t, [visitor.conversationId]);
    expect(upstream.requests.slice(before).map((r) => r.url)).toEqual([
      '/orders/4521?lang=de',
      '/orders/7788?lang=de',
    ]);
    expect(await repliesOf(t, visitor.conversationId)).toEqual([
      ['ai', 'Status (de): versandt', 1],
      ['ai', 'Status (de): versandt', 1],
    ]);
    const logs = await ruleLogsOf(t, tenant.headers, visitor.conversationId);
    expect(logs.flatMap((log) => log.unknownVariables)).toEqual([]);

    const res = await dryRun(tenant.headers, { message: 'Wo ist meine Bestellung 4521?' });
    expect(res.statusCode, res.body).toBe(200);
    const [call, reply] = res.json().data.actions;
    expect(call.request.url).toBe(`${upstream.origin}/orders/4521?lang=de`);
    expect(reply).toMatchObject({ type: 'REPLY_TEXT', text: 'Status (de): {order_status}' });
  });
});

describe('LANGUAGE_IS: dry-run and conversation agree', () => {
  const message = 'Guten Tag, ich habe eine Frage zu meiner Bestellung';

  it("detects the dry-run message's language as a visitor message's is detected", async () => {
    const tenant = await t.createTenant();
    await createRuleVia(t, tenant.headers, {
      name: 'German',
      conditions: [{ type: 'LANGUAGE_IS', language: 'de' }],
      actions: [{ type: 'REPLY_TEXT', text: 'Hallo! Wie können wir helfen?' }],
    });
    const res = await dryRun(tenant.headers, { message });
    expect(res.json().data.matches[0]).toMatchObject({
      matched: true,
      reason: 'LANGUAGE_IS de: the message is in de',
    });
    // An explicit language is what the dry-run is asked to assume.
    const asFrench = await dryRun(tenant.headers, { message, language: 'fr' });
    expect(asFrench.json().data.matches[0]).toMatchObject({ matched: false });

    const widget = await createWidget(t, tenant.headers, { aiEnabled: false });
    const visitor = await startVisitor(t.app, widget.id, {});
    await sendVisitorMessage(t.app, visitor, message);
    await drained(t, [visitor.conversationId]);
    expect(await repliesOf(t, visitor.conversationId)).toEqual([['ai', 'Hallo! Wie können wir helfen?', 1]]);
  });

  it('reads short English as English, live and in the dry-run', async () => {
    const tenant = await t.createTenant();
    await createRuleVia(t, tenant.headers, {
      name: 'English',
      conditions: [{ type: 'LANGUAGE_IS', language: 'en' }],
      actions: [{ type: 'REPLY_TEXT', text: 'Hi! How can we help?' }],
    });
    const res = await dryRun(tenant.headers, { message: 'Can I get a refund?' });
    expect(res.json().data.matches[0]).toMatchObject({ matched: true });
    const widget = await createWidget(t, tenant.headers, { aiEnabled: false });
    const visitor = await startVisitor(t.app, widget.id, {});
    await sendVisitorMessage(t.app, visitor, 'Can I get a refund?');
    await drained(t, [visitor.conversationId]);
    expect(await repliesOf(t, visitor.conversationId)).toEqual([['ai', 'Hi! How can we help?', 1]]);
  });
});
