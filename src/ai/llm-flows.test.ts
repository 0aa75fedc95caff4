import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { UNAVAILABLE } from '../connections/call-error.ts';
import { loadTenantEndpoints } from '../connections/endpoints.repository.ts';
import {
  createConnectionVia,
  createEndpointVia,
  json,
  startUpstream,
  type Upstream,
} from '../connections/testing/upstream.ts';
import { parleyAiHooks } from './ai-hooks.ts';
import { type AiLogger, setAiLogger } from './ai-logger.ts';
import { endpointToolRunner } from './hooks/endpoint-tool-runner.ts';
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
  const warnings: Array<{ obj: Record<string, unknown>; message: string }> = [];
  const logger: AiLogger = { warn: (obj, message) => warnings.push({ obj, message }) };
  beforeEach(() => {
    serveOrders(upstream, MARKER);
    llm.requests.length = 0;
    llm.rawBodies.length = 0;
    llm.fallback = { text: 'OK' };
    warnings.length = 0;
    setAiLogger(t.ctx, logger);
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

  it("a failed tool call removes the endpoint's mapped variables an earlier call left", async () => {
    const tenant = await llmTenant();
    await createOrderEndpoint(t, tenant, upstream);
    const chat = await startChat(t, tenant);
    llm.script(
      { toolCalls: [{ name: 'order_status', arguments: { orderId: '4521', email: 'john@example.com' } }] },
      { text: 'Order #4521 has shipped.' },
      { toolCalls: [{ name: 'order_status', arguments: { orderId: '9999', email: 'john@example.com' } }] },
      { text: "I couldn't find order #9999." },
    );
    await chat.say('Where is order #4521? I am john@example.com');
    expect(await chat.variables()).toMatchObject({ order_status: 'shipped', delivery_eta: 'Thursday' });
    await chat.say('And order #9999?');
    expect(upstream.requestsTo('/orders/9999')).toHaveLength(1);
    const variables = await chat.variables();
    expect(variables).not.toHaveProperty('order_status');
    expect(variables).not.toHaveProperty('delivery_eta');
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
    // The shop owner sees it: the rule log names the failure.
    const log = (
      await t.app.inject({
        url: `${API}/rule-logs?conversationId=${chat.conversationId}`,
        headers: tenant.headers,
      })
    ).json().data[0];
    expect(log.errors).toEqual([
      expect.stringMatching(
        /^Order status: REPLY_AI: the openai-compatible model scripted-model failed \(HTTP 500/,
      ),
    ]);
    // …and the call log lists each model request beside the endpoint call, the failed ones too.
    const calls = await t.app.inject({
      url: `${API}/call-logs?conversationId=${chat.conversationId}`,
      headers: tenant.headers,
    });
    const modelCalls = calls.json().data.filter((call: { source: string }) => call.source === 'llm');
    expect(modelCalls.map((call: { status: number; ok: boolean }) => [call.status, call.ok])).toEqual([
      [500, false],
      [500, false],
      [200, true],
    ]);
    expect(modelCalls[0]).toMatchObject({
      method: 'POST',
      url: `${llm.baseUrl}/chat/completions`,
      connectionId: null,
      endpointId: null,
      error: 'HTTP 500',
    });
    expect(calls.body).not.toContain('sk-scripted-000000001');
    const stranger = await tenantWithCredits(t, 0);
    const theirs = await t.app.inject({ url: `${API}/call-logs`, headers: stranger.headers });
    expect(theirs.json().data).toEqual([]);

    // The default answer's failure too.
    llm.fallback = failure;
    await chat.say('tell me something nice');
    const next = (
      await t.app.inject({
        url: `${API}/rule-logs?conversationId=${chat.conversationId}`,
        headers: tenant.headers,
      })
    ).json().data[0];
    expect(next.errors).toEqual([
      expect.stringMatching(/^AI answer: the openai-compatible model scripted-model failed/),
    ]);
  });

  it('a failed model never shows the visitor the instructions written for it', async () => {
    const tenant = await llmTenant();
    const endpoint = await createOrderEndpoint(t, tenant, upstream);
    const instructions =
      'Be warm. Offer the code SAVE50 only if they complain. Their order is {order_status}.';
    await createRule(t, tenant, {
      name: 'Order status',
      type: 'ai',
      description: 'When the visitor asks about their order status or delivery',
      actions: [
        { type: 'CALL_API', endpointId: endpoint.id },
        { type: 'REPLY_AI', instructions },
      ],
    });
    const chat = await startChat(t, tenant);
    const failure = { status: 401, body: { error: { message: 'invalid api key' } } };
    llm.script(classification([{ rule: 'R1', matched: true }]), failure, failure);
    const replies = await chat.say('Where is my order #4521? john@example.com');
    expect(replies).toEqual([
      { role: 'ai', content: 'Here is what I found: order status: shipped, delivery eta: Thursday.' },
    ]);
    expect(JSON.stringify(replies)).not.toContain('SAVE50');
  });

  it('never shows the model credentials: a chained login token stays out of prompts and tool results (seed 002)', async () => {
    const tenant = await llmTenant();
    upstream.handle = (req, res, recorded) => {
      if (recorded.url === '/login' && req.method === 'POST')
        return json(res, 200, { token: 'tok-9f8e7d6c5b', user: 'Jo' });
      if (recorded.url === '/me')
        return req.headers.authorization === 'Bearer tok-9f8e7d6c5b'
          ? json(res, 200, { plan: 'Gold', echo: 'sk-live-stored-0123456789' })
          : json(res, 401, {});
      return json(res, 404, {});
    };
    const connection = await createConnectionVia(t, tenant.headers, {
      name: 'Account API',
      baseUrl: upstream.origin,
      auth: { type: 'api_key', key: 'sk-live-stored-0123456789', headerName: 'X-Api-Key' },
    });
    await createEndpointVia(t, tenant.headers, connection.id, {
      name: 'Login',
      method: 'POST',
      path: '/login',
      description: 'Logs the visitor in; call it before Account plan',
      responseMapping: [
        { from: 'token', to: 'session_token' },
        { from: 'user', to: 'user_name' },
      ],
      aiCallable: true,
    });
    await createEndpointVia(t, tenant.headers, connection.id, {
      name: 'Account plan',
      method: 'GET',
      path: '/me',
      headers: { Authorization: 'Bearer {session_token}' },
      description: "Returns the visitor's plan",
      // An upstream that echoes the connection's API key under an innocent name.
      responseMapping: [
        { from: 'plan', to: 'plan_name' },
        { from: 'echo', to: 'reference' },
      ],
      aiCallable: true,
    });
    const chat = await startChat(t, tenant);
    llm.script(
      { toolCalls: [{ name: 'login', arguments: {} }] },
      { toolCalls: [{ name: 'account_plan', arguments: {} }] },
      { text: 'You are on the Gold plan.' },
    );
    expect(await chat.say('Which plan am I on?')).toEqual([
      { role: 'ai', content: 'You are on the Gold plan.' },
    ]);
    expect(upstream.requestsTo('/me').at(-1)?.headers.authorization).toBe('Bearer tok-9f8e7d6c5b');
    expect(await chat.variables()).toMatchObject({
      session_token: 'tok-9f8e7d6c5b',
      reference: 'sk-live-stored-0123456789',
    });
    // The tool result names the saved credential but never shows it.
    expect(llm.rawBodies[1]).toContain('user_name');
    expect(llm.rawBodies[1]).toContain('session_token');

    llm.script({ text: 'Anything else?' });
    await chat.say('thanks');
    const system = String(llm.requests.at(-1)?.messages[0].content);
    expect(system).toContain('"plan_name":"Gold"');
    expect(system).not.toContain('session_token');
    expect(system).not.toContain('"reference"');
    for (const body of llm.rawBodies) {
      expect(body).not.toContain('tok-9f8e7d6c5b');
      expect(body).not.toContain('sk-live-stored-0123456789');
    }
  });

  it('REPLY_AI gives the model no credential variables either', async () => {
    const tenant = await llmTenant();
    const endpoint = await createOrderEndpoint(t, tenant, upstream);
    await createRule(t, tenant, {
      name: 'Order status',
      type: 'ai',
      description: 'When the visitor asks about their order status or delivery',
      actions: [
        { type: 'SET_VARIABLE', name: 'accessToken', value: 'tok-5566778899' },
        { type: 'CALL_API', endpointId: endpoint.id },
        { type: 'REPLY_AI' },
      ],
    });
    const chat = await startChat(t, tenant);
    llm.script(classification([{ rule: 'R1', matched: true }]), { text: 'It has shipped.' });
    await chat.say('Where is my order #4521? john@example.com');
    const replySystem = String(llm.requests[1].messages[0].content);
    expect(replySystem).toContain('"order_status":"shipped"');
    expect(replySystem).not.toContain('accessToken');
    expect(llm.rawBodies.join('\n')).not.toContain('tok-5566778899');
  });

  it('offers a path variable no field declares as a tool parameter (seed 000: GET /products/{productId}/price)', async () => {
    const tenant = await llmTenant();
    upstream.handle = (_req, res, recorded) =>
      recorded.url === '/products/42/price'
        ? json(res, 200, { price: { amount: 19.9, currency: 'EUR' } })
        : json(res, 404, {});
    const connection = await createConnectionVia(t, tenant.headers, {
      name: 'Shop',
      baseUrl: upstream.origin,
    });
    await createEndpointVia(t, tenant.headers, connection.id, {
      name: 'Product price',
      method: 'GET',
      path: '/products/{productId}/price',
      description: 'Returns the current price of a product',
      responseMapping: [
        { from: 'price.amount', to: 'current_price' },
        { from: 'price.currency', to: 'price_currency' },
      ],
      aiCallable: true,
    });
    const chat = await startChat(t, tenant);
    llm.script(
      { toolCalls: [{ name: 'product_price', arguments: { productId: '42' } }] },
      { text: 'Product 42 costs 19.9 EUR.' },
    );
    expect(await chat.say('How much is product 42?')).toEqual([
      { role: 'ai', content: 'Product 42 costs 19.9 EUR.' },
    ]);
    const tool = llm.requests[0].tools?.find((candidate) => candidate.function.name === 'product_price');
    expect(tool?.function.parameters).toMatchObject({
      properties: { productId: { type: 'string' } },
      required: ['productId'],
    });
    expect(upstream.requestsTo('/products/42/price')).toHaveLength(1);
    expect(String(llm.requests[1].messages.at(-1)?.content)).toContain('"current_price":"19.9"');
  });

  it('an LLM failure is logged (provider, model, tenant; no key, no visitor text) and returned for the rule log', async () => {
    const tenant = await llmTenant();
    const turn = {
      tenantId: tenant.id,
      conversationId: null,
      widgetId: null,
      message: 'my secret wish is a pony',
      language: 'en',
      variables: {},
      history: [],
    };
    llm.fallback = { status: 500, body: { error: { message: 'overloaded' } } };
    const answer = await parleyAiHooks.answerDefault(t.ctx, turn);
    expect(answer.text).toMatch(/^Thanks for your message/);
    expect(answer).toMatchObject({
      error: expect.stringMatching(
        /openai-compatible model scripted-model failed \(HTTP 500 from the provider — overloaded\); the embedded AI answered instead/,
      ),
    });
    expect(warnings).toEqual([
      {
        obj: {
          tenantId: tenant.id,
          conversationId: null,
          provider: 'openai-compatible',
          model: 'scripted-model',
          purpose: 'answer',
          error: 'HTTP 500 from the provider',
        },
        message: 'AI answer failed: the embedded AI answered instead',
      },
    ]);

    warnings.length = 0;
    llm.fallback = { status: 429, body: { error: { message: 'slow down, my secret wish is a pony' } } };
    const reply = await parleyAiHooks.replyAi(
      t.ctx,
      { ...turn, variables: { order_status: 'shipped' } },
      {
        mappedVariables: ['order_status'],
      },
    );
    expect(reply).toMatchObject({
      text: 'Here is what I found: order status: shipped.',
      error: expect.stringContaining('HTTP 429 from the provider'),
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0].obj).toMatchObject({ purpose: 'reply', error: 'HTTP 429 from the provider' });
    const logged = JSON.stringify(warnings);
    expect(logged).not.toContain('pony');
    expect(logged).not.toContain('sk-scripted-000000001');

    // Classifying AI rules: the embedded NLU decides instead, and the failure is logged too.
    warnings.length = 0;
    const decisions = await parleyAiHooks.matchAiRules(t.ctx, turn, [
      {
        id: 'r1',
        name: 'Order status',
        description: 'When the visitor asks about their order',
        examples: [],
      },
    ]);
    expect(decisions[0].reason).toMatch(/^LLM unavailable \(HTTP 429 from the provider/);
    expect(warnings[0].obj).toMatchObject({ purpose: 'classify', error: 'HTTP 429 from the provider' });

    // A long Retry-After is not slept through while the visitor waits: no retry, the embedded
    // reply at once, and the rule log says how long the provider asked to wait.
    llm.requests.length = 0;
    llm.fallback = { status: 429, body: { error: { message: 'quota' } }, headers: { 'retry-after': '45' } };
    const limited = await parleyAiHooks.replyAi(
      t.ctx,
      { ...turn, variables: { order_status: 'shipped' } },
      { mappedVariables: ['order_status'] },
    );
    expect(limited).toMatchObject({
      text: 'Here is what I found: order status: shipped.',
      error: expect.stringContaining('HTTP 429 from the provider — the provider asks to wait 45 s'),
    });
    expect(llm.requests).toHaveLength(1);
    // A short one is waited out, once.
    llm.requests.length = 0;
    llm.fallback = {
      status: 429,
      body: { error: { message: 'quota' } },
      headers: { 'retry-after-ms': '20' },
    };
    await parleyAiHooks.replyAi(t.ctx, turn, { mappedVariables: [] });
    expect(llm.requests).toHaveLength(2);

    // A garbled answer (not a chat completion) counts as a failure too.
    warnings.length = 0;
    llm.fallback = { status: 200, raw: '<html>gateway</html>' };
    const garbled = await parleyAiHooks.answerDefault(t.ctx, turn);
    expect(garbled.text).toMatch(/^Thanks for your message/);
    expect(warnings[0].obj.error).toMatch(/^HTTP 200 from the provider/);
    expect(garbled.error).toContain(
      'HTTP 200 from the provider, but its answer is not JSON (check that baseUrl is the API root',
    );
    // JSON of another API (a wrong provider type or path) says so, not "invalid JSON".
    llm.fallback = { status: 200, body: { hello: 'world' } };
    const otherShape = await parleyAiHooks.answerDefault(t.ctx, turn);
    expect(otherShape.error).toContain(
      'HTTP 200 from the provider, but its answer is not in the shape this provider type expects',
    );
  });

  it('a tool call that fails inside Parley tells the model only that the tool is unavailable, and is logged', async () => {
    const tenant = await llmTenant();
    await createOrderEndpoint(t, tenant, upstream);
    const [endpoint] = await loadTenantEndpoints(t.ctx, tenant.id);
    const db = new Proxy(t.ctx.db, {
      get: (target, key) =>
        key === 'selectFrom'
          ? () => {
              throw new Error('database is down');
            }
          : Reflect.get(target, key),
    });
    const broken = { ...t.ctx, db };
    setAiLogger(broken, logger);
    const run = endpointToolRunner(broken, {
      tenantId: tenant.id,
      conversationId: null,
      widgetId: null,
      message: 'order 4521',
      language: 'en',
      variables: {},
      history: [],
    });
    expect(await run(endpoint, { orderId: '4521', email: 'john@example.com' })).toEqual({
      ok: false,
      error: UNAVAILABLE,
    });
    expect(warnings).toEqual([
      {
        obj: expect.objectContaining({
          tenantId: tenant.id,
          purpose: 'tool',
          error: 'Error: database is down',
        }),
        message: 'AI tool call failed: the model was told the tool is unavailable',
      },
    ]);
  });

  it('a model that looks up the order but writes no reply: the visitor gets what the lookup found, paid once', async () => {
    const tenant = await llmTenant();
    await createOrderEndpoint(t, tenant, upstream);
    const chat = await startChat(t, tenant);
    const before = await balanceOf(t, tenant);
    llm.script(
      { toolCalls: [{ name: 'order_status', arguments: { orderId: '4521', email: 'john@example.com' } }] },
      { text: '' },
    );
    expect(await chat.say('Where is order 4521? john@example.com')).toEqual([
      { role: 'ai', content: 'Here is what I found: order status: shipped, delivery eta: Thursday.' },
    ]);
    // Two model calls of 18 tokens; no extra credit for the listed sentence.
    expect(await balanceOf(t, tenant)).toBe(before - 36);
    const log = await t.app.inject({
      url: `${API}/rule-logs?conversationId=${chat.conversationId}`,
      headers: tenant.headers,
    });
    expect(log.json().data[0].errors).toEqual([
      expect.stringContaining(
        'the model wrote no reply (after 1 tool calls)); what its tool calls found was listed instead',
      ),
    ]);
  });

  it('a model that answers with no text is surfaced too', async () => {
    const tenant = await llmTenant();
    llm.fallback = { text: '' };
    const answer = await parleyAiHooks.answerDefault(t.ctx, {
      tenantId: tenant.id,
      conversationId: null,
      widgetId: null,
      message: 'hi',
      language: 'en',
      variables: {},
      history: [],
    });
    expect(answer).toMatchObject({
      error: expect.stringContaining('the model wrote no reply (after 0 tool calls)'),
    });
    expect(warnings[0].obj).toMatchObject({
      purpose: 'answer',
      error: 'the model wrote no reply (after 0 tool calls)',
    });

    // REPLY_AI: the listed sentence replaces the empty answer, and the turn is paid once.
    const before = await balanceOf(t, tenant);
    const reply = await parleyAiHooks.replyAi(
      t.ctx,
      {
        tenantId: tenant.id,
        conversationId: null,
        widgetId: null,
        message: 'hi',
        language: 'en',
        variables: { order_status: 'shipped' },
        history: [],
      },
      { mappedVariables: ['order_status'] },
    );
    expect(reply).toMatchObject({ text: 'Here is what I found: order status: shipped.', credits: 18 });
    expect(await balanceOf(t, tenant)).toBe(before - 18);
  });

  it('a short English line keeps the visitor’s stated language: the model is not told to reply in Spanish', async () => {
    const tenant = await llmTenant();
    const chat = await startChat(t, tenant, {}, { language: 'en' });
    llm.script({ text: 'Why did the parcel blush? It saw the package.' });
    await chat.say('make me laugh');
    expect(String(llm.requests.at(-1)?.messages[0].content)).toContain('Reply in English (en)');
  });

  it('stops at zero credits without calling the model', async () => {
    const tenant = await llmTenant(18);
    await createOrderEndpoint(t, tenant, upstream);
    const chat = await startChat(t, tenant);
    llm.script({ text: 'Hello from the model.' });
    expect(await chat.say('hi')).toEqual([{ role: 'ai', content: 'Hello from the model.' }]);
    expect(await balanceOf(t, tenant)).toBe(0);
    const before = llm.requests.length;
    expect(await chat.say('hi again')).toEqual([]);
    expect(llm.requests.length).toBe(before);
    const log = await t.app.inject({
      url: `${API}/rule-logs?conversationId=${chat.conversationId}`,
      headers: tenant.headers,
    });
    expect(log.json().data[0].errors).toEqual([expect.stringContaining('no AI credits left')]);
  });

  it('a call that costs more than is left debits what is left, and its usage row says so', async () => {
    const tenant = await llmTenant(10);
    const chat = await startChat(t, tenant);
    llm.script({ text: 'Hello from the model.' });
    expect(await chat.say('hi')).toEqual([{ role: 'ai', content: 'Hello from the model.' }]);
    expect(await balanceOf(t, tenant)).toBe(0);
    const usage = await t.app.inject({ url: `${API}/ai-usage`, headers: tenant.headers });
    // 18 tokens used, but only the 10 credits left were taken.
    expect(usage.json().data).toEqual([
      expect.objectContaining({ kind: 'answer', inputTokens: 11, outputTokens: 7, credits: 10 }),
    ]);
  });

  it('at zero credits the model cannot decide AI rules: no match and no note, even with AI answers off', async () => {
    const tenant = await llmTenant(0);
    await createRule(t, tenant, {
      name: 'Opening hours',
      type: 'ai',
      description: 'When the visitor asks about opening hours',
      actions: [{ type: 'REPLY_TEXT', text: 'We are open 9-5.' }],
    });
    const chat = await startChat(t, tenant, { aiEnabled: false });
    expect(await chat.say('What are your opening hours?')).toEqual([]);
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
