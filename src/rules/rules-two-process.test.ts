import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  callServer as call,
  type ServerProcess as Server,
  startServerProcess as startServer,
  stopServerProcess as stopServer,
} from '../../test/helpers/server-process.ts';
import { createTestEnvironment, type TestEnvironment } from '../../test/helpers/test-app.ts';
import { json, startUpstream, type Upstream } from '../connections/testing/upstream.ts';
import { type AppContext, createContext } from '../context.ts';

const CONVERSATIONS = 20;
const MESSAGES = 5;

let environment: TestEnvironment;
let upstream: Upstream;
let a: Server | undefined;
let b: Server | undefined;
let ctx: AppContext;

beforeAll(async () => {
  upstream = await startUpstream();
  upstream.handle = (req, res) => {
    setTimeout(() => json(res, 200, { echo: decodeURIComponent(req.url?.split('/')[2] ?? '') }), 20);
  };
  environment = await createTestEnvironment({ PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}` });
  a = await startServer(environment.env);
  // Started after A has migrated, so the two never race on the schema.
  b = await startServer(environment.env);
  ctx = await createContext(environment.config, { migrate: false });
}, 60_000);

afterAll(async () => {
  await Promise.all([stopServer(a), stopServer(b)]);
  await ctx?.close();
  await upstream.close();
  await environment.dispose();
});

it('two `parley start` processes on one database answer every visitor message exactly once, in order', async () => {
  if (!a || !b) throw new Error('servers not started');
  const servers = [a, b];
  const platform = { authorization: `Bearer ${environment.env.PARLEY_PLATFORM_TOKEN}` };
  const tenant = await call(a, 'POST', '/api/v1/platform/tenants', platform, { name: 'Two processes' });
  const headers = { 'x-api-key': tenant.apiKey.key };
  const api = '/api/v1/tenant-api';
  const widget = await call(a, 'POST', `${api}/widgets`, headers, { name: 'Shop', aiEnabled: false });
  const connection = await call(a, 'POST', `${api}/connections`, headers, {
    name: 'Echo',
    baseUrl: upstream.origin,
  });
  const endpoint = await call(b, 'POST', `${api}/connections/${connection.id}/endpoints`, headers, {
    name: 'Echo',
    path: '/echo/{text}',
    fields: [{ name: 'text', type: 'string', required: true }],
    responseMapping: [{ from: 'echo', to: 'echoed' }],
  });
  await call(b, 'POST', `${api}/rules`, headers, {
    name: 'Echo',
    conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '^(c\\d+-m\\d+)$' }],
    actions: [
      { type: 'CALL_API', endpointId: endpoint.id, params: { text: '{match.1}' } },
      { type: 'REPLY_TEXT', text: 'reply to {echoed}' },
    ],
  });

  const visitors = await Promise.all(
    Array.from({ length: CONVERSATIONS }, (_, c) =>
      call(servers[c % 2], 'POST', `/api/v1/widget/${widget.id}/conversations`, {}, {}),
    ),
  );
  // Messages of one conversation alternate between the two processes.
  await Promise.all(
    visitors.map(async (visitor, c) => {
      for (let m = 1; m <= MESSAGES; m++) {
        await call(
          servers[(c + m) % 2],
          'POST',
          `/api/v1/widget/conversations/${visitor.conversationId}/messages`,
          {
            authorization: `Bearer ${visitor.visitorToken}`,
          },
          { content: `c${c}-m${m}` },
        );
      }
    }),
  );

  // Wait for the shared queue to drain (the suite timeout catches a hang).
  for (;;) {
    const open = await ctx.db
      .selectFrom('message_jobs')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .execute();
    if (open.length === 0) break;
    await sleep(50);
  }
  const rows = await ctx.db
    .selectFrom('messages')
    .select(['conversation_id', 'seq', 'role', 'content'])
    .where('tenant_id', '=', tenant.id)
    .orderBy('conversation_id')
    .orderBy('seq')
    .execute();
  expect(rows.filter((row) => row.role === 'ai')).toHaveLength(CONVERSATIONS * MESSAGES);
  visitors.forEach((visitor, c) => {
    const own = rows.filter((row) => row.conversation_id === visitor.conversationId);
    const sent = own.filter((row) => row.role === 'visitor');
    const answered = own.filter((row) => row.role === 'ai');
    expect(sent.map((row) => row.content)).toEqual(
      Array.from({ length: MESSAGES }, (_, i) => `c${c}-m${i + 1}`),
    );
    expect(answered.map((row) => row.content)).toEqual(sent.map((row) => `reply to ${row.content}`));
    for (const [i, reply] of answered.entries())
      expect(Number(reply.seq)).toBeGreaterThan(Number(sent[i].seq));
  });
  const logs = await ctx.db
    .selectFrom('rule_logs')
    .select('job_id')
    .where('tenant_id', '=', tenant.id)
    .execute();
  expect(logs).toHaveLength(CONVERSATIONS * MESSAGES);
  expect(upstream.requests.filter((r) => r.url.startsWith('/echo/'))).toHaveLength(CONVERSATIONS * MESSAGES);
}, 120_000);
