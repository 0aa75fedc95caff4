import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import {
  API,
  createOrderEndpoint,
  createRule,
  serveOrders,
  startChat,
  tenantWithCredits,
} from '../ai/testing/ai-test-kit.ts';
import { startUpstream, type Upstream } from '../connections/testing/upstream.ts';
import { getVariables } from '../conversations/variables.ts';
import { PENDING_RULE_VARIABLE } from './actions/pending-rule.ts';
import { CANCELLED_REPLY } from './run-turn.ts';

/**
 * An AI rule waiting for the answer to its question (slot filling) does not hold the conversation
 * hostage: the visitor can cancel, ask for a person or change topic, and a teammate stepping in
 * silences the assistant's default answer.
 */
describe('a question the assistant is waiting on', () => {
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

  async function shop() {
    const tenant = await tenantWithCredits(t, 100);
    const endpoint = await createOrderEndpoint(t, tenant, upstream);
    await createRule(t, tenant, {
      name: 'Order status',
      type: 'ai',
      description: 'When the visitor asks about their order status or delivery',
      examples: ['Where is my order?', 'Has my package shipped?'],
      actions: [{ type: 'CALL_API', endpointId: endpoint.id }, { type: 'REPLY_AI' }],
    });
    const operator = await t.app.inject({
      method: 'POST',
      url: `${API}/operators`,
      headers: tenant.headers,
      payload: { name: 'Olga', email: 'olga@shop.example' },
    });
    await createRule(t, tenant, {
      name: 'Talk to a person',
      conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '\\b(person|human|agent)\\b', flags: 'i' }],
      actions: [{ type: 'ASSIGN_TO_OPERATOR' }, { type: 'REPLY_TEXT', text: 'Passing you to Olga.' }],
      stopProcessing: true,
    });
    return { tenant, operatorId: operator.json().data.id as string };
  }

  const ORDER_QUESTION = { role: 'ai', content: 'What is your order number?' };
  /** As stored: the API leaves internal variables out, so asserting their absence there would prove nothing. */
  const storedVariables = (tenant: { id: string }, conversationId: string) =>
    getVariables(t.ctx.db, tenant.id, conversationId);

  it('keeps the waiting question out of the conversation an API client reads, and still continues the rule', async () => {
    const { tenant } = await shop();
    const chat = await startChat(t, tenant, { aiEnabled: true });
    expect(await chat.say('Where is my order?')).toEqual([ORDER_QUESTION]);
    expect(await storedVariables(tenant, chat.conversationId)).toHaveProperty(PENDING_RULE_VARIABLE);
    const conversation = (
      await t.app.inject({ url: `${API}/conversations/${chat.conversationId}`, headers: tenant.headers })
    ).json().data;
    expect(conversation.variables).toEqual({});
    expect(await chat.say('4521')).toEqual([
      { role: 'ai', content: 'Could you tell me the email used for the order?' },
    ]);
    expect(await chat.variables()).toEqual({ orderId: '4521' });
    expect(await chat.say('john@example.com')).toEqual([
      { role: 'ai', content: 'Here is what I found: order status: shipped, delivery eta: Thursday.' },
    ]);
    expect(await storedVariables(tenant, chat.conversationId)).not.toHaveProperty(PENDING_RULE_VARIABLE);
  });

  it('hands over when the visitor asks for a person instead of answering', async () => {
    const { tenant, operatorId } = await shop();
    const chat = await startChat(t, tenant, { aiEnabled: true });
    expect(await chat.say('Where is my order?')).toEqual([ORDER_QUESTION]);
    expect(await chat.say('I want to talk to a person')).toEqual([
      { role: 'ai', content: 'Passing you to Olga.' },
    ]);
    const conversation = (
      await t.app.inject({ url: `${API}/conversations/${chat.conversationId}`, headers: tenant.headers })
    ).json().data;
    expect(conversation).toMatchObject({ status: 'pending', assignedTo: operatorId });
    expect(await storedVariables(tenant, chat.conversationId)).not.toHaveProperty(PENDING_RULE_VARIABLE);
    const log = (
      await t.app.inject({
        url: `${API}/rule-logs?conversationId=${chat.conversationId}`,
        headers: tenant.headers,
      })
    ).json().data[0];
    expect(log.rules.find((r: { name: string }) => r.name === 'Order status').reason).toMatch(
      /^stopped waiting for an answer \(the message matches "Talk to a person"\)/,
    );
    // Waiting for a person: the assistant's default answer stays quiet.
    expect(await chat.say('hello? anyone there?')).toEqual([]);
  });

  it('stops the question when the visitor cancels', async () => {
    const { tenant } = await shop();
    const chat = await startChat(t, tenant, { aiEnabled: true });
    expect(await chat.say('Where is my order?')).toEqual([ORDER_QUESTION]);
    expect(await chat.say('never mind')).toEqual([{ role: 'ai', content: CANCELLED_REPLY }]);
    expect(await storedVariables(tenant, chat.conversationId)).not.toHaveProperty(PENDING_RULE_VARIABLE);
    expect(await chat.say('Where is my order?')).toEqual([ORDER_QUESTION]);
    expect(await chat.say('4521')).toEqual([
      { role: 'ai', content: 'Could you tell me the email used for the order?' },
    ]);
  });

  it('drops the question when a teammate replies, and the assistant lets the teammate talk', async () => {
    const { tenant } = await shop();
    const chat = await startChat(t, tenant, { aiEnabled: true });
    expect(await chat.say('Where is my order?')).toEqual([ORDER_QUESTION]);
    const reply = await t.app.inject({
      method: 'POST',
      url: `${API}/conversations/${chat.conversationId}/messages`,
      headers: tenant.headers,
      payload: { role: 'operator', content: 'Hi, Olga here: we ship to Austria too.' },
    });
    expect(reply.statusCode).toBe(201);
    expect(await storedVariables(tenant, chat.conversationId)).not.toHaveProperty(PENDING_RULE_VARIABLE);
    expect(await chat.say('Great, thanks!')).toEqual([]);
    const log = (
      await t.app.inject({
        url: `${API}/rule-logs?conversationId=${chat.conversationId}`,
        headers: tenant.headers,
      })
    ).json().data[0];
    expect(log).toMatchObject({
      defaultAnswer: 'none',
      defaultAnswerSkipped: 'an operator wrote the latest reply',
    });
    // Rules still run: they are the tenant's explicit instructions.
    expect(await chat.say('Where is my order?')).toEqual([ORDER_QUESTION]);
  });
});
