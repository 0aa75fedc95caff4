import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import {
  createConnectionVia,
  createEndpointVia,
  json,
  startUpstream,
  type Upstream,
} from '../connections/testing/upstream.ts';
import { MAX_TOOL_STEPS } from './llm/llm-answer.ts';
import {
  API,
  balanceOf,
  createOrderEndpoint,
  createRule,
  serveOrders,
  startChat,
  type Tenant,
  tenantWithCredits,
} from './testing/ai-test-kit.ts';
import {
  classification,
  type ScriptedLlmServer,
  startScriptedLlmServer,
} from './testing/scripted-llm-server.ts';

const MARKER = 'RAW-BODY-ONLY-7f3a';

/** An OpenAI-compatible model scripted per test, over real HTTP on loopback, with real endpoints behind it. */
describe('LLM provider, end to end (scripted OpenAI-compatible server)', () => {
  let t: TestApp;
  let upstream: Upstream;
  let llm: ScriptedLlmServer;
  beforeAll(async () => {
    upstream = await startUpstream();
    llm = await startScriptedLlmServer();
    t = await createTestApp({
      PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port},${llm.allowEntry}`,
      PARLEY_OUTBOUND_TIMEOUT_MS: '15000',
    });
  });
  afterAll(async () => {
    await t.close();
    await upstream.close();
    await llm.close();
  });
  beforeEach(() => {
    serveOrders(upstream, MARKER);
    llm.requests.length = 0;
    llm.rawBodies.length = 0;
    llm.fallback = { text: 'OK' };
  });

  async function llmTenant(credits = 10_000): Promise<Tenant> {
    const tenant = await tenantWithCredits(t, credits);
    const res = await t.app.inject({
      method: 'PUT',
      url: `${API}/settings/ai`,
      headers: tenant.headers,
      payload: {
        provider: 'openai-compatible',
        model: 'scripted-model',
        baseUrl: llm.baseUrl,
        apiKey: 'sk-scripted-000000001',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    return tenant;
  }

  it('tool call → the upstream gets the model’s arguments → the tool result → the final reply', async () => {
    const tenant = await llmTenant();
    await createOrderEndpoint(t, tenant, upstream);
    const chat = await startChat(t, tenant);
    llm.script(
      { toolCalls: [{ name: 'order_status', arguments: { orderId: '4521', email: 'john@example.com' } }] },
      { text: 'Your order #4521 has shipped and should arrive by Thursday.' },
    );
    expect(await chat.say('Where is my order #4521? I am john@example.com')).toEqual([
      { role: 'ai', content: 'Your order #4521 has shipped and should arrive by Thursday.' },
    ]);
    expect(upstream.requestsTo('/orders/4521')).toHaveLength(1);

    const [first, second] = llm.requests;
    const tool = first.tools?.find((candidate) => candidate.function.name === 'order_status');
    expect(tool?.function.description).toContain('Returns the status and ETA of one order');
    expect(tool?.function.description).toContain('Always ask for both order number AND email address');
    expect(tool?.function.parameters).toMatchObject({
      type: 'object',
      properties: {
        orderId: { type: 'string', pattern: '^[0-9]{3,10}$' },
        email: { type: 'string', format: 'email' },
      },
      required: ['orderId', 'email'],
    });
    const toolMessage = second.messages.find((m) => m.role === 'tool');
    expect(String(toolMessage?.content)).toContain('"order_status":"shipped"');
    expect(llm.rawBodies[1]).not.toContain(MARKER);
    expect(await chat.variables()).toMatchObject({ order_status: 'shipped', delivery_eta: 'Thursday' });
  });

  it('a validation failure reaches the model only as its error message', async () => {
    const tenant = await llmTenant();
    await createOrderEndpoint(t, tenant, upstream);
    const chat = await startChat(t, tenant);
    llm.script(
      { toolCalls: [{ name: 'order_status', arguments: { orderId: '4521', email: 'mallory@example.com' } }] },
      { text: "Sorry, that email doesn't match our records." },
    );
    expect(await chat.say('order 4521, email mallory@example.com')).toEqual([
      { role: 'ai', content: "Sorry, that email doesn't match our records." },
    ]);
    expect(upstream.requestsTo('/orders/4521')).not.toHaveLength(0);
    const afterTool = llm.rawBodies[1];
    expect(afterTool).toContain("Email doesn't match. Please verify your details.");
    for (const secret of ['shipped', 'Thursday', 'john@example.com', MARKER])
      expect(afterTool).not.toContain(secret);
    expect(await chat.variables()).not.toHaveProperty('order_status');
  });

  it('chains calls in one turn: auth → token variable → protected call', async () => {
    const tenant = await llmTenant();
    upstream.handle = (req, res, recorded) => {
      if (recorded.url === '/auth' && req.method === 'POST')
        return json(res, 200, { data: { token: 'tok-123' } });
      if (recorded.url === '/me') {
        return req.headers.authorization === 'Bearer tok-123'
          ? json(res, 200, { data: { plan: 'Gold', secret: MARKER } })
          : json(res, 401, { error: 'unauthorised' });
      }
      return json(res, 404, {});
    };
    const connection = await createConnectionVia(t, tenant.headers, {
      name: 'Account API',
      baseUrl: upstream.origin,
    });
    await createEndpointVia(t, tenant.headers, connection.id, {
      name: 'Authenticate',
      method: 'POST',
      path: '/auth',
      description: 'Gets an access token; call it before Account plan',
      responseMapping: [{ from: 'data.token', to: 'api_token' }],
      aiCallable: true,
    });
    await createEndpointVia(t, tenant.headers, connection.id, {
      name: 'Account plan',
      method: 'GET',
      path: '/me',
      headers: { Authorization: 'Bearer {api_token}' },
      description: "Returns the visitor's subscription plan",
      fields: [{ name: 'api_token', type: 'string', required: true, description: 'Token from Authenticate' }],
      responseMapping: [{ from: 'data.plan', to: 'plan_name' }],
      aiCallable: true,
    });
    const chat = await startChat(t, tenant);
    llm.script(
      { toolCalls: [{ name: 'authenticate', arguments: {} }] },
      { toolCalls: [{ name: 'account_plan', arguments: {} }] },
      { text: 'You are on the Gold plan.' },
    );
    expect(await chat.say('Which plan am I on?')).toEqual([
      { role: 'ai', content: 'You are on the Gold plan.' },
    ]);
    expect(upstream.requestsTo('/me').at(-1)?.headers.authorization).toBe('Bearer tok-123');
    const plan = llm.requests[0].tools?.find((candidate) => candidate.function.name === 'account_plan');
    // The token comes from the chain, so the model is not asked to supply it.
    expect(plan?.function.parameters.required).toEqual([]);
    expect(String(llm.requests[2].messages.at(-1)?.content)).toContain('"plan_name":"Gold"');
    expect(llm.rawBodies.join('\n')).not.toContain(MARKER);
    expect(await chat.variables()).toMatchObject({ api_token: 'tok-123', plan_name: 'Gold' });
  });

  it('offers only the tenant’s own aiCallable endpoints, and bounds the tool rounds', async () => {
    const tenant = await llmTenant();
    const other = await llmTenant();
    await createOrderEndpoint(t, tenant, upstream);
    await createOrderEndpoint(t, tenant, upstream, { name: 'Internal refund', aiCallable: false });
    await createOrderEndpoint(t, other, upstream, { name: 'Other tenant lookup' });
    const chat = await startChat(t, tenant);
    llm.fallback = { toolCalls: [{ name: 'order_status', arguments: { orderId: '1', email: 'a@b.co' } }] };
    const replies = await chat.say('loop forever please');
    expect(llm.requests).toHaveLength(MAX_TOOL_STEPS);
    expect(llm.requests[0].tools?.map((candidate) => candidate.function.name)).toEqual(['order_status']);
    // No text after the last allowed step: the embedded answer speaks instead of silence.
    expect(replies).toHaveLength(1);
    expect(replies[0].role).toBe('ai');

    // A tool the model was not offered (a non-aiCallable endpoint) is never run.
    const calls = upstream.requests.length;
    llm.fallback = { text: 'OK' };
    llm.script(
      { toolCalls: [{ name: 'internal_refund', arguments: { orderId: '4521', email: 'john@example.com' } }] },
      { text: 'Done.' },
    );
    const afterUnknownTool = await chat.say('refund order 4521 please');
    expect(upstream.requests.length).toBe(calls);
    expect(afterUnknownTool).toHaveLength(1);
  });

  it('classifies AI rules with the model and writes REPLY_AI from the session variables only', async () => {
    const tenant = await llmTenant();
    const endpoint = await createOrderEndpoint(t, tenant, upstream);
    await createRule(t, tenant, {
      name: 'Order status',
      type: 'ai',
      description: 'When the visitor asks about their order status or delivery',
      actions: [
        { type: 'CALL_API', endpointId: endpoint.id },
        { type: 'REPLY_AI', instructions: 'Mention the delivery day.' },
      ],
    });
    const chat = await startChat(t, tenant);
    const before = await balanceOf(t, tenant);
    llm.script(classification([{ rule: 'R1', matched: true }]), {
      text: 'Your order has shipped and arrives Thursday.',
    });
    expect(await chat.say('Where is my order #4521? john@example.com')).toEqual([
      { role: 'ai', content: 'Your order has shipped and arrives Thursday.' },
    ]);
    expect(llm.requests).toHaveLength(2);
    expect(JSON.stringify(llm.requests[0].messages)).toContain(
      'R1. Order status: When the visitor asks about their order status or delivery',
    );
    const replySystem = String(llm.requests[1].messages[0].content);
    expect(replySystem).toContain('Never state');
    expect(replySystem).toContain('Mention the delivery day.');
    expect(replySystem).toContain('"order_status":"shipped"');
    expect(llm.rawBodies[1]).not.toContain(MARKER);
    // Two LLM calls of 18 tokens each (the scripted usage), at 1 credit per token.
    expect(await balanceOf(t, tenant)).toBe(before - 36);
  });

  it('a dry-run asks the model nothing and charges nothing unless execute is true', async () => {
    const tenant = await llmTenant();
    const endpoint = await createOrderEndpoint(t, tenant, upstream);
    const rule = await createRule(t, tenant, {
      name: 'Order status',
      type: 'ai',
      description: 'When the visitor asks about their order status or delivery',
      examples: ['Where is my order?'],
      actions: [{ type: 'CALL_API', endpointId: endpoint.id }, { type: 'REPLY_AI' }],
    });
    const before = await balanceOf(t, tenant);
    const upstreamCalls = upstream.requests.length;
    const dryRun = (execute: boolean) =>
      t.app.inject({
        method: 'POST',
        url: `${API}/rules/test`,
        headers: tenant.headers,
        payload: { message: 'Where is my order #4521?', execute },
      });

    const offline = await dryRun(false);
    expect(offline.statusCode, offline.body).toBe(200);
    expect(llm.requests).toHaveLength(0);
    expect(upstream.requests).toHaveLength(upstreamCalls);
    expect(await balanceOf(t, tenant)).toBe(before);
    const [decision] = offline.json().data.matches;
    expect(decision).toMatchObject({ ruleId: rule.id, matched: true });
    expect(decision.reason).toContain('decided offline by the embedded NLU, not the openai-compatible model');

    llm.script(classification([{ rule: 'R1', matched: true }]), { text: 'It has shipped.' });
    const executed = await dryRun(true);
    expect(executed.statusCode, executed.body).toBe(200);
    expect(llm.requests.length).toBeGreaterThanOrEqual(1);
    expect(executed.json().data.matches[0]).toMatchObject({ ruleId: rule.id, matched: true });
    expect(executed.json().data.matches[0].reason).not.toContain('embedded NLU');
  });

  it('falls back to the embedded reply when the model fails', async () => {
    const tenant = await llmTenant();
    const endpoint = await createOrderEndpoint(t, tenant, upstream);
    await createRule(t, tenant, {
      name: 'Order status',
      type: 'ai',
      description: 'When the visitor asks about their order status or delivery',
      actions: [{ type: 'CALL_API', endpointId: endpoint.id }, { type: 'REPLY_AI' }],
    });
    const chat = await startChat(t, tenant);
    const failure = { status: 500, body: { error: { message: 'overloaded' } } };
    llm.script(classification([{ rule: 'R1', matched: true }]), failure, failure);
    expect(await chat.say('Where is my order #4521? john@example.com')).toEqual([
      { role: 'ai', content: 'Here is what I found: order status: shipped, delivery eta: Thursday.' },
    ]);
  });

  it('stops at zero credits without calling the model', async () => {
    const tenant = await llmTenant(18);
    await createOrderEndpoint(t, tenant, upstream);
    const chat = await startChat(t, tenant);
    llm.script({ text: 'Hello from the model.' });
    expect(await chat.say('hi')).toEqual([{ role: 'ai', content: 'Hello from the model.' }]);
    expect(await balanceOf(t, tenant)).toBe(0);
    const before = llm.requests.length;
    expect(await chat.say('hi again')).toEqual([
      { role: 'system', content: expect.stringContaining('no AI credits left') },
    ]);
    expect(llm.requests.length).toBe(before);
  });

  it('at zero credits the model cannot decide AI rules: no match, one note even with AI answers off', async () => {
    const tenant = await llmTenant(0);
    await createRule(t, tenant, {
      name: 'Opening hours',
      type: 'ai',
      description: 'When the visitor asks about opening hours',
      actions: [{ type: 'REPLY_TEXT', text: 'We are open 9-5.' }],
    });
    const chat = await startChat(t, tenant, { aiEnabled: false });
    expect(await chat.say('What are your opening hours?')).toEqual([
      { role: 'system', content: expect.stringContaining('no AI credits left') },
    ]);
    expect(await chat.say('When do you open?')).toEqual([]);
    expect(llm.requests).toHaveLength(0);

    const dryRun = await t.app.inject({
      method: 'POST',
      url: `${API}/rules/test`,
      headers: tenant.headers,
      payload: { message: 'What are your opening hours?' },
    });
    expect(dryRun.json().data.matches[0]).toMatchObject({
      name: 'Opening hours',
      matched: false,
      reason: expect.stringMatching(/^no credits: /),
    });
    expect(dryRun.json().data.actions).toEqual([]);
    expect(llm.requests).toHaveLength(0);
  });
});
