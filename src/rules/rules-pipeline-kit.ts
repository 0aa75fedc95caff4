// Test support for the pipeline tests (not collected as tests; never imported by app code).
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import {
  createConnectionVia,
  createEndpointVia,
  startUpstream,
  type Upstream,
} from '../connections/testing/upstream.ts';
import { defaultAiHooks, registerAiHooks } from './ai-hooks.ts';
import { createRuleVia, messagesOf } from './rules-test-kit.ts';

export interface RulesApp {
  t: TestApp;
  upstream: Upstream;
  close(): Promise<void>;
}

/**
 * An app whose outbound calls may reach a local upstream (1.5 s timeout), with the AI layer
 * replaced by the inert defaults: these tests describe the engine; a test that needs AI scripts it.
 */
export async function startRulesApp(): Promise<RulesApp> {
  const upstream = await startUpstream();
  const t = await createTestApp({
    PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}`,
    PARLEY_OUTBOUND_TIMEOUT_MS: '1500',
  });
  const restoreAi = registerAiHooks(defaultAiHooks);
  return {
    t,
    upstream,
    async close() {
      restoreAi();
      await t.close();
      await upstream.close();
    },
  };
}

/**
 * Seed 000's Real-Time Pricing recipe as the seed writes it: api-key connection, a price endpoint
 * that declares no fields (`{productId}` comes from the CALL_API action's params), regex rule.
 */
export async function pricingSetup({ t, upstream }: RulesApp, headers: Record<string, string>) {
  const connection = await createConnectionVia(t, headers, {
    name: 'Pricing API',
    baseUrl: upstream.origin,
    auth: { type: 'api_key', key: 'pk_live_secret_123' },
  });
  const endpoint = await createEndpointVia(t, headers, connection.id, {
    name: 'Pricing',
    method: 'GET',
    path: '/products/{productId}/price',
    responseMapping: [
      { from: 'price', to: 'current_price' },
      { from: 'currency', to: 'price_currency' },
    ],
  });
  const rule = await createRuleVia(t, headers, {
    name: 'Real-time pricing',
    type: 'static',
    priority: 10,
    conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '\\b(price|cost|how much)\\b', flags: 'i' }],
    actions: [
      { type: 'CALL_API', endpointId: endpoint.id, params: { productId: '42' } },
      { type: 'REPLY_TEXT', text: 'The current price is {current_price} {price_currency}.' },
    ],
    stopProcessing: true,
  });
  return { connection, endpoint, rule };
}

/** Everything but the visitor's messages, as [role, content, isAutoReply]. */
export async function repliesOf(t: TestApp, conversationId: string) {
  return (await messagesOf(t, conversationId))
    .filter((m) => m.role !== 'visitor')
    .map((m) => [m.role, m.content, m.is_auto_reply]);
}
