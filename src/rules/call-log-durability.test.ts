import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestEnvironment } from '../../test/helpers/test-app.ts';
import { json, startUpstream } from '../connections/testing/upstream.ts';
import { sendVisitorMessage, setUpConversation } from '../conversations/conversation-test-kit.ts';
import type { Db } from '../db/database.ts';
import { defaultAiHooks, registerAiHooks } from './ai-hooks.ts';
import { pricingSetup, type RulesApp, startRulesApp } from './rules-pipeline-kit.ts';

const FALLBACK = 'Sorry, the price list is not answering. Please try again shortly.';

/** The stored rows themselves: the call-log route would flush what the process still holds. */
async function stored(db: Db, conversationId: string) {
  const replies = await db
    .selectFrom('messages')
    .select('content')
    .where('conversation_id', '=', conversationId)
    .where('role', '=', 'ai')
    .execute();
  const calls = await db
    .selectFrom('call_logs')
    .select(['status', 'ok'])
    .where('conversation_id', '=', conversationId)
    .execute();
  return { replies: replies.map((r) => r.content), calls: calls.map((c) => [c.status, Boolean(c.ok)]) };
}

// SPEC §11: an upstream fault gives the visitor a fallback reply *and* a call-log entry — also when
// the process stops (or is killed) right after the reply.
describe('call-log entries of the calls a reply reports on', () => {
  let app: RulesApp;
  beforeAll(async () => {
    app = await startRulesApp();
  });
  afterAll(() => app.close());

  it('are stored before the reply, so a crash just after it cannot lose them', async () => {
    const { t, upstream } = app;
    upstream.handle = (_req, res) => json(res, 500, { error: 'boom' });
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/tenant-api/settings/rules',
      headers: tenant.headers,
      payload: { fallbackReply: FALLBACK },
    });
    await pricingSetup(app, tenant.headers);
    await sendVisitorMessage(t.app, visitor, 'How much is it?');
    let seen = await stored(t.ctx.db, visitor.conversationId);
    while (seen.replies.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen = await stored(t.ctx.db, visitor.conversationId);
    }
    // Read in the same instant the reply became visible.
    expect(seen).toEqual({ replies: [FALLBACK], calls: [[500, false]] });
  });
});

describe('a message job still running when the server shuts down', () => {
  it('keeps its reply and its call-log entry', async () => {
    const upstream = await startUpstream();
    const environment = await createTestEnvironment({
      PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}`,
      PARLEY_OUTBOUND_TIMEOUT_MS: '1500',
    });
    const restoreAi = registerAiHooks(defaultAiHooks);
    try {
      const first = await createTestApp({}, { environment });
      let answer = () => {};
      upstream.handle = (_req, res) => {
        answer = () => json(res, 503, { error: 'maintenance' });
      };
      const { tenant, visitor } = await setUpConversation(first, { aiEnabled: false });
      await pricingSetup({ t: first, upstream, close: async () => {} }, tenant.headers);
      await sendVisitorMessage(first.app, visitor, 'How much is it?');
      while (upstream.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      // Shutdown starts while the call is in flight; the job drains, then the process is gone.
      const closing = first.close();
      setTimeout(() => answer(), 100);
      await closing;

      const second = await createTestApp({}, { environment });
      const after = await stored(second.ctx.db, visitor.conversationId);
      await second.close();
      expect(after.replies).toHaveLength(1);
      expect(after.calls).toEqual([[503, false]]);
    } finally {
      restoreAi();
      await upstream.close();
      await environment.dispose();
    }
  });
});
