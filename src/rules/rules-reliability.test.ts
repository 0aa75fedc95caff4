import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import {
  createConnectionVia,
  createEndpointVia,
  json,
  startUpstream,
  type Upstream,
} from '../connections/testing/upstream.ts';
import { sendVisitorMessage, setUpConversation } from '../conversations/conversation-test-kit.ts';
import type { MessageProcessor } from '../conversations/pipeline/message-processor.ts';
import { defaultAiHooks, registerAiHooks } from './ai-hooks.ts';
import { createRulesProcessor } from './process-visitor-message.ts';
import { createRuleVia, drained, messagesOf, ruleLogsOf } from './rules-test-kit.ts';

/**
 * A crash is simulated by a processor that throws part-way on a job's first attempt; the queue
 * then retries the job (attempt 2), exactly as after a killed process whose lease ran out.
 */
describe('a crash mid-pipeline does not duplicate replies', () => {
  let t: TestApp;
  let upstream: Upstream;
  let restoreAi: () => void;
  /** Message content → where its first attempt crashes. */
  const crashes = new Map<string, 'after-variables' | 'after-finish'>();
  let crashed = 0;
  beforeAll(async () => {
    upstream = await startUpstream();
    upstream.handle = (_req, res) => json(res, 200, { status: 'shipped' });
    t = await createTestApp({ PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}` });
    restoreAi = registerAiHooks(defaultAiHooks);
    const real = createRulesProcessor(t.ctx);
    const crashing: MessageProcessor = {
      async process(job, tools) {
        const row = await t.ctx.db
          .selectFrom('messages')
          .select('content')
          .where('id', '=', job.messageId)
          .executeTakeFirst();
        const mode = job.attempt === 1 && row ? crashes.get(row.content) : undefined;
        if (mode) crashed++;
        if (mode === 'after-variables') {
          // Variables are written with the reply that follows them: crash right after that commit.
          return real.process(job, {
            ...tools,
            async reply(content, options) {
              const message = await tools.reply(content, options);
              if (options?.alongside) throw new Error('simulated crash after the variables were written');
              return message;
            },
          });
        }
        await real.process(job, tools);
        if (mode === 'after-finish') throw new Error('simulated crash before the job was marked done');
      },
    };
    t.ctx.pipeline.setProcessor(crashing);
  });
  afterAll(async () => {
    restoreAi();
    await t.close();
    await upstream.close();
  });

  it('a retry replays from the checkpoint: replies already posted are not posted again', async () => {
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    await createRuleVia(t, tenant.headers, {
      name: 'Two-part answer',
      conditions: [{ type: 'VARIABLE_NOT_SET', name: 'step' }],
      actions: [
        { type: 'REPLY_TEXT', text: 'one' },
        { type: 'SET_VARIABLE', name: 'step', value: '1' },
        { type: 'REPLY_TEXT', text: 'two {step}' },
      ],
    });
    crashes.set('hello', 'after-variables');
    const crashedBefore = crashed;
    const message = await sendVisitorMessage(t.app, visitor, 'hello');
    await drained(t, [visitor.conversationId]);
    expect(crashed - crashedBefore).toBe(1);
    const stored = await messagesOf(t, visitor.conversationId);
    expect(stored.map((m) => [m.role, m.content])).toEqual([
      ['visitor', 'hello'],
      ['ai', 'one'],
      ['ai', 'two 1'],
    ]);
    const logs = await ruleLogsOf(t, tenant.headers, visitor.conversationId);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ messageId: message.id, rules: [{ matched: true }] });
  });

  it('a retry of a run that had finished does nothing again (no second reply, no second call)', async () => {
    const { tenant, visitor } = await setUpConversation(t, { aiEnabled: false });
    const connection = await createConnectionVia(t, tenant.headers, { baseUrl: upstream.origin });
    const endpoint = await createEndpointVia(t, tenant.headers, connection.id, {
      path: '/orders/1',
      responseMapping: [{ from: 'status', to: 'order_status' }],
    });
    await createRuleVia(t, tenant.headers, {
      actions: [
        { type: 'CALL_API', endpointId: endpoint.id },
        { type: 'REPLY_TEXT', text: 'Order: {order_status}' },
      ],
    });
    const before = upstream.requests.length;
    crashes.set('status?', 'after-finish');
    const crashedBefore = crashed;
    await sendVisitorMessage(t.app, visitor, 'status?');
    await drained(t, [visitor.conversationId]);
    expect(crashed - crashedBefore).toBe(1);
    expect((await messagesOf(t, visitor.conversationId)).map((m) => m.content)).toEqual([
      'status?',
      'Order: shipped',
    ]);
    expect(upstream.requests.length - before).toBe(1);
    const jobs = await t.ctx.db
      .selectFrom('message_jobs')
      .select('id')
      .where('conversation_id', '=', visitor.conversationId)
      .execute();
    expect(jobs).toEqual([]);
    expect(await ruleLogsOf(t, tenant.headers, visitor.conversationId)).toHaveLength(1);
  });
});
