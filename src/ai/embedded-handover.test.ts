import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { openTenantSocket } from '../conversations/conversation-test-kit.ts';
import type { MessageProcessor } from '../conversations/pipeline/message-processor.ts';
import { createRulesProcessor } from '../rules/process-visitor-message.ts';
import { ruleLogsOf } from '../rules/rules-test-kit.ts';
import { HANDOVER_REPLY, NO_TOPICS_REPLY } from './embedded/embedded-default-answer.ts';
import { API, startChat, type Tenant, tenantWithCredits } from './testing/ai-test-kit.ts';

/**
 * The embedded default answer for a tenant without AI rules: it mentions a person only when the
 * tenant chose hand-over, and then the conversation really is handed over — also when the first
 * attempt at the message crashes part-way.
 */
describe('embedded default answer: no promise it does not keep', () => {
  let t: TestApp;
  /** Visitor message → where its first attempt crashes. */
  const crashes = new Map<string, 'before-reply' | 'after-reply'>();
  beforeAll(async () => {
    t = await createTestApp();
    const real = createRulesProcessor(t.ctx);
    const crashing: MessageProcessor = {
      async process(job, tools) {
        const row = await t.ctx.db
          .selectFrom('messages')
          .select('content')
          .where('id', '=', job.messageId)
          .executeTakeFirst();
        const mode = job.attempt === 1 && row ? crashes.get(row.content) : undefined;
        if (!mode) return real.process(job, tools);
        // Every reply after the crash fails too, so the pipeline's own fallback cannot carry on.
        let crashed = false;
        return real.process(job, {
          ...tools,
          async reply(content, options) {
            if (mode === 'before-reply' || crashed) throw new Error('simulated crash before the reply');
            await tools.reply(content, options);
            crashed = true;
            throw new Error('simulated crash after the reply was stored');
          },
        });
      },
    };
    t.ctx.pipeline.setProcessor(crashing);
  });
  afterAll(() => t.close());

  async function conversationOf(tenant: Tenant, conversationId: string) {
    const res = await t.app.inject({
      url: `${API}/conversations/${conversationId}`,
      headers: tenant.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data;
  }

  async function choosingHandover() {
    const tenant = await tenantWithCredits(t, 10);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${API}/settings/ai`,
      headers: tenant.headers,
      payload: { handoverToOperator: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    return tenant;
  }

  async function addOperator(tenant: Tenant): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/operators`,
      headers: tenant.headers,
      payload: { name: 'Anna', email: 'anna@shop.example' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().data.id;
  }

  it('without hand-over, says it cannot answer and promises no person: nobody was asked to reply', async () => {
    const tenant = await tenantWithCredits(t, 10);
    const chat = await startChat(t, tenant);
    expect(await chat.say('Do you ship to Austria?')).toEqual([{ role: 'ai', content: NO_TOPICS_REPLY }]);
    expect(NO_TOPICS_REPLY).not.toMatch(/team|colleague|person|operator|human|get back|reply here/i);
    expect(await conversationOf(tenant, chat.conversationId)).toMatchObject({
      status: 'open',
      assignedTo: null,
    });
  });

  it('with hand-over and no operator, the conversation waits as pending (conversation.updated) and the log says so', async () => {
    const tenant = await choosingHandover();
    const events = await openTenantSocket(t.app, tenant.apiKey.key);
    const chat = await startChat(t, tenant);
    expect(await chat.say('Do you ship to Austria?')).toEqual([{ role: 'ai', content: HANDOVER_REPLY }]);
    const [updated] = await events.log.waitFor(
      (frame) =>
        frame.type === 'conversation.updated' &&
        frame.data.id === chat.conversationId &&
        frame.data.status === 'pending',
    );
    events.socket.close();
    expect(updated.data.assignedTo).toBeNull();
    expect(await conversationOf(tenant, chat.conversationId)).toMatchObject({
      status: 'pending',
      assignedTo: null,
    });
    const [log] = await ruleLogsOf(t, tenant.headers, chat.conversationId);
    expect(log).toMatchObject({
      defaultAnswer: 'ai',
      defaultAnswerHandover: { operatorId: null },
      errors: ['AI hand-over: No operator is available'],
    });
    // A person is expected now: the assistant stays quiet.
    expect(await chat.say('hello?')).toEqual([]);
  });

  it.each(['before-reply', 'after-reply'] as const)(
    'a crash %s on the first attempt still ends with the reply once and the conversation handed over',
    async (mode) => {
      const tenant = await choosingHandover();
      const operatorId = await addOperator(tenant);
      const chat = await startChat(t, tenant);
      const message = `Can I pay by invoice? (${mode})`;
      crashes.set(message, mode);
      expect(await chat.say(message)).toEqual([{ role: 'ai', content: HANDOVER_REPLY }]);
      expect(await conversationOf(tenant, chat.conversationId)).toMatchObject({
        status: 'pending',
        assignedTo: operatorId,
      });
      const [log] = await ruleLogsOf(t, tenant.headers, chat.conversationId);
      expect(log).toMatchObject({ defaultAnswer: 'ai', defaultAnswerHandover: { operatorId } });
    },
  );
});
