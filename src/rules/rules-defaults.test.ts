import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/helpers/test-app.ts';
import {
  createWidget,
  sendVisitorMessage,
  setUpConversation,
} from '../conversations/conversation-test-kit.ts';
import { AI_UNAVAILABLE_NOTE } from './actions/reply-ai.ts';
import { ruleInputSchema } from './rule.schema.ts';
import { createRule } from './rules.repository.ts';
import { type RulesApp, repliesOf, startRulesApp } from './rules-pipeline-kit.ts';
import { API, createRuleVia, drained, registerScriptedAi, ruleLogsOf } from './rules-test-kit.ts';

let app: RulesApp;
let t: TestApp;
beforeAll(async () => {
  app = await startRulesApp();
  ({ t } = app);
});
afterAll(() => app.close());
let restoreScripted: (() => void) | undefined;
afterEach(() => {
  restoreScripted?.();
  restoreScripted = undefined;
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
    expect((await repliesOf(t, on.visitor.conversationId)).map((r) => r[1])).toEqual([
      'AI: what is this',
      'AI: tag me',
      'Hello!',
    ]);
    const logs = await ruleLogsOf(t, on.tenant.headers, on.visitor.conversationId);
    expect(logs.map((log) => log.defaultAnswer ?? null).reverse()).toEqual(['ai', 'ai', null, null]);

    const off = await setUpConversation(t, { aiEnabled: false });
    await sendVisitorMessage(t.app, off.visitor, 'what is this');
    await drained(t, [off.visitor.conversationId]);
    expect(await repliesOf(t, off.visitor.conversationId)).toEqual([]);
  });

  it('REPLY_AI without an AI layer leaves a clear system note', async () => {
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    await createRuleVia(t, tenant.headers, { name: 'Ask AI', actions: [{ type: 'REPLY_AI' }] });
    await sendVisitorMessage(t.app, visitor, 'anything');
    await drained(t, [visitor.conversationId]);
    expect(await repliesOf(t, visitor.conversationId)).toEqual([['system', AI_UNAVAILABLE_NOTE, 1]]);
  });
});

describe('which rules run', () => {
  it("only enabled rules for the conversation's widget (or for every widget) run", async () => {
    const { tenant, widget, visitor } = await setUpConversation(t, { aiEnabled: false });
    const other = await createWidget(t, tenant.headers, { aiEnabled: false });
    const reply = (text: string) => [{ type: 'REPLY_TEXT', text }];
    await createRuleVia(t, tenant.headers, {
      name: 'this widget',
      priority: 1,
      widgetId: widget.id,
      actions: reply('this widget'),
    });
    await createRuleVia(t, tenant.headers, {
      name: 'other widget',
      priority: 2,
      widgetId: other.id,
      actions: reply('other widget'),
    });
    await createRuleVia(t, tenant.headers, {
      name: 'all widgets',
      priority: 3,
      actions: reply('all widgets'),
    });
    const disabled = await createRuleVia(t, tenant.headers, {
      name: 'disabled',
      priority: 4,
      enabled: false,
      actions: reply('disabled'),
    });
    await sendVisitorMessage(t.app, visitor, 'hello');
    await drained(t, [visitor.conversationId]);
    expect((await repliesOf(t, visitor.conversationId)).map((r) => r[1])).toEqual([
      'this widget',
      'all widgets',
    ]);

    // Edits apply to the next message (the compiled-rules cache follows the tenant's rules revision).
    await t.app.inject({
      method: 'PATCH',
      url: `${API}/rules/${disabled.id}`,
      headers: tenant.headers,
      payload: { enabled: true, priority: 0 },
    });
    await sendVisitorMessage(t.app, visitor, 'hello again');
    await drained(t, [visitor.conversationId]);
    expect((await repliesOf(t, visitor.conversationId)).map((r) => r[1]).slice(2)).toEqual([
      'disabled',
      'this widget',
      'all widgets',
    ]);
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
    expect(
      (await repliesOf(t, visitor.conversationId)).filter((r) => r[0] === 'ai').map((r) => r[1]),
    ).toEqual(['Welcome!']);
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
