import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import {
  createConnectionVia,
  createEndpointVia,
  json,
  startUpstream,
  type Upstream,
} from '../connections/testing/upstream.ts';
import { createWidget, sendVisitorMessage, startVisitor } from '../conversations/conversation-test-kit.ts';
import { createRuleVia, drained } from './rules-test-kit.ts';

const CONVERSATIONS = 100;
const MESSAGES = 10;

let t: TestApp;
let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
  // A slow upstream (20 ms) so many conversations are in flight at once.
  upstream.handle = (req, res) => {
    setTimeout(() => json(res, 200, { echo: decodeURIComponent(req.url?.split('/')[2] ?? '') }), 20);
  };
  // The upstream shares this process with 1,000 sends on a synchronous SQLite driver: a generous
  // timeout keeps a starved event loop from turning into upstream timeouts (not what this tests).
  t = await createTestApp({
    PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}`,
    PARLEY_OUTBOUND_TIMEOUT_MS: '60000',
  });
});
afterAll(async () => {
  await t.close();
  await upstream.close();
});

it(`${CONVERSATIONS} conversations × ${MESSAGES} messages through CALL_API give exactly one reply per message, each after its own, in order`, async () => {
  const tenant = await t.createTenant();
  const widget = await createWidget(t, tenant.headers, { aiEnabled: false });
  const connection = await createConnectionVia(t, tenant.headers, { baseUrl: upstream.origin });
  const endpoint = await createEndpointVia(t, tenant.headers, connection.id, {
    path: '/echo/{text}',
    timeoutMs: 60_000,
    fields: [{ name: 'text', type: 'string', required: true }],
    responseMapping: [{ from: 'echo', to: 'echoed' }],
  });
  await createRuleVia(t, tenant.headers, {
    conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '^(c\\d+-m\\d+)$' }],
    actions: [
      { type: 'CALL_API', endpointId: endpoint.id, params: { text: '{match.1}' } },
      { type: 'REPLY_TEXT', text: 'reply to {echoed}' },
    ],
  });

  const visitors = await Promise.all(
    Array.from({ length: CONVERSATIONS }, () => startVisitor(t.app, widget.id)),
  );
  // Each conversation sends its messages one after another without waiting for replies; all conversations at once.
  await Promise.all(
    visitors.map(async (visitor, c) => {
      for (let m = 1; m <= MESSAGES; m++) await sendVisitorMessage(t.app, visitor, `c${c}-m${m}`);
    }),
  );
  await drained(t);

  const rows = await t.ctx.db
    .selectFrom('messages')
    .select(['conversation_id', 'seq', 'role', 'content', 'is_auto_reply'])
    .where('tenant_id', '=', tenant.id)
    .orderBy('conversation_id')
    .orderBy('seq')
    .execute();
  const replies = rows.filter((row) => row.role === 'ai');
  expect(replies).toHaveLength(CONVERSATIONS * MESSAGES);
  expect(replies.every((row) => row.is_auto_reply === 1)).toBe(true);
  visitors.forEach((visitor, c) => {
    const own = rows.filter((row) => row.conversation_id === visitor.conversationId);
    const sent = own.filter((row) => row.role === 'visitor');
    const answered = own.filter((row) => row.role === 'ai');
    expect(sent.map((row) => row.content)).toEqual(
      Array.from({ length: MESSAGES }, (_, i) => `c${c}-m${i + 1}`),
    );
    // In order, one each, and each reply stored after the message it answers.
    expect(answered.map((row) => row.content)).toEqual(sent.map((row) => `reply to ${row.content}`));
    for (const [i, reply] of answered.entries())
      expect(Number(reply.seq)).toBeGreaterThan(Number(sent[i].seq));
  });
  expect(upstream.requests.filter((r) => r.url.startsWith('/echo/'))).toHaveLength(CONVERSATIONS * MESSAGES);
}, 180_000);
