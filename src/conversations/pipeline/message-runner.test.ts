import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEnvironment,
  type TestEnvironment,
  usingPostgres,
} from '../../../test/helpers/test-app.ts';
import { type AppContext, createContext } from '../../context.ts';
import { createTenant } from '../../tenants/tenants.ts';
import { postVisitorMessage } from '../post-message.ts';
import { startConversation } from '../start-conversation.ts';
import { createWidget } from '../widgets/widgets.ts';
import type { MessageJob, MessageProcessor, ProcessorTools } from './message-processor.ts';
import { type MessageRunner, type RunnerOptions, startMessageRunner } from './message-runner.ts';

const fast: RunnerOptions = { pollMs: 20, leaseMs: 300, retryBaseMs: 10, stopTimeoutMs: 2000 };

interface Call {
  job: MessageJob;
  runner: string;
}

/** A processor that records every call and lets a test wait for a number of them. */
function recordingProcessor(
  body: (job: MessageJob, tools: ProcessorTools) => Promise<void> = async () => {},
) {
  const calls: Call[] = [];
  let finished = 0;
  const waiters: Array<() => void> = [];
  const active = new Map<string, number>();
  const overlaps: string[] = [];
  const make = (runner: string): MessageProcessor => ({
    async process(job, tools) {
      const n = (active.get(job.conversationId) ?? 0) + 1;
      active.set(job.conversationId, n);
      if (n > 1) overlaps.push(job.conversationId);
      try {
        calls.push({ job, runner });
        await body(job, tools);
      } finally {
        active.set(job.conversationId, (active.get(job.conversationId) ?? 1) - 1);
        finished++;
        for (const w of [...waiters]) w();
      }
    },
  });
  return {
    calls,
    /** Calls whose processing has returned or thrown. */
    finished: () => finished,
    overlaps,
    make,
    until(predicate: () => boolean) {
      return new Promise<void>((resolve) => {
        const check = () => {
          if (!predicate()) return;
          waiters.splice(waiters.indexOf(check), 1);
          resolve();
        };
        waiters.push(check);
        check();
      });
    },
  };
}

describe('message-processing runner', () => {
  let environment: TestEnvironment;
  let ctx: AppContext;
  let second: AppContext;
  let tenantId: string;
  let widgetId: string;
  const runners: MessageRunner[] = [];

  beforeAll(async () => {
    environment = await createTestEnvironment();
    ctx = await createContext(environment.config);
    // PostgreSQL: a second context = a second "process" with its own pool. SQLite: one connection per
    // process, so the second runner shares it (the claim statement is the same either way).
    second = usingPostgres ? await createContext(environment.config) : ctx;
    tenantId = (await createTenant(ctx.db, 'Runner tenant')).id;
    widgetId = (await createWidget(ctx, tenantId, { name: 'w' })).id;
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    if (second !== ctx) await second.close();
    await ctx.close();
    await environment.dispose();
  });

  function start(on: AppContext, processor: MessageProcessor, options: RunnerOptions = {}) {
    on.pipeline.setProcessor(processor);
    const runner = startMessageRunner(on, { ...fast, ...options });
    runners.push(runner);
    return runner;
  }

  async function newConversation() {
    return (await startConversation(ctx, { id: widgetId, tenantId }, {})).conversation.id;
  }

  async function send(conversationId: string, content: string) {
    const message = await postVisitorMessage(ctx, { tenantId, conversationId, content });
    if (!message) throw new Error('conversation missing');
    return message;
  }

  /** The runner deletes a job just after its processor returns: give it a moment before looking. */
  async function settled(conversationId?: string) {
    for (let i = 0; i < 250; i++) {
      let query = ctx.db
        .selectFrom('message_jobs')
        .select('id')
        .where('status', 'in', ['pending', 'running']);
      if (conversationId) query = query.where('conversation_id', '=', conversationId);
      if ((await query.execute()).length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function transcript(conversationId: string) {
    return ctx.db
      .selectFrom('messages')
      .select(['role', 'content', 'seq'])
      .where('conversation_id', '=', conversationId)
      .orderBy('seq')
      .execute();
  }

  it('runs one job per visitor message, in order per conversation, conversations concurrently', async () => {
    // Two conversations meet halfway: each job of A waits until some job of B has started and vice
    // versa, which can only finish if different conversations really run at the same time.
    let startedA = false;
    let startedB = false;
    const [a, b] = [await newConversation(), await newConversation()];
    const recorder = recordingProcessor(async (job, tools) => {
      if (job.conversationId === a) startedA = true;
      if (job.conversationId === b) startedB = true;
      if (job.seq === 1) await recorder.until(() => startedA && startedB);
      await tools.reply(`re ${job.seq}`);
    });
    start(ctx, recorder.make('one'));
    const perConversation = 10;
    const conversations = [a, b, await newConversation(), await newConversation()];
    const sent = await Promise.all(
      conversations.map(async (id) => {
        const ids: string[] = [];
        for (let i = 1; i <= perConversation; i++) ids.push((await send(id, `m${i}`)).id);
        return ids;
      }),
    );
    await recorder.until(() => recorder.finished() >= conversations.length * perConversation);

    expect(recorder.overlaps).toEqual([]);
    const processed = recorder.calls.map((c) => c.job.messageId);
    expect(new Set(processed).size).toBe(processed.length);
    expect(new Set(processed)).toEqual(new Set(sent.flat()));
    conversations.forEach((id, i) => {
      const order = recorder.calls.filter((c) => c.job.conversationId === id).map((c) => c.job.messageId);
      expect(order).toEqual(sent[i]);
    });
    for (const id of conversations) {
      const rows = await transcript(id);
      // Each reply follows its own message: exactly one reply per visitor message.
      expect(rows.filter((r) => r.role === 'ai').map((r) => r.content)).toEqual(
        rows.filter((r) => r.role === 'visitor').map((r) => `re ${r.seq}`),
      );
    }
    await settled();
    const left = await ctx.db
      .selectFrom('message_jobs')
      .select('id')
      .where('status', '!=', 'failed')
      .execute();
    expect(left).toEqual([]);
  });

  it('picks up jobs queued while no runner was running, and retries a crashed runner’s job after its lease', async () => {
    const conversation = await newConversation();
    const first = await send(conversation, 'first');
    const then = await send(conversation, 'then');
    // Simulate a process killed while running the first job: running, lease already expired.
    await ctx.db
      .updateTable('message_jobs')
      .set({
        status: 'running',
        locked_by: 'dead-runner',
        locked_until: '2000-01-01T00:00:00.000+00:00',
        attempts: 1,
      })
      .where('message_id', '=', first.id)
      .execute();
    const recorder = recordingProcessor();
    start(ctx, recorder.make('restarted'));
    await recorder.until(() => recorder.finished() >= 2);
    expect(recorder.calls.map((c) => [c.job.messageId, c.job.attempt])).toEqual([
      [first.id, 2],
      [then.id, 1],
    ]);
  });

  it('retries a job whose processor threw, without repeating replies it already posted', async () => {
    const conversation = await newConversation();
    const recorder = recordingProcessor(async (job, tools) => {
      await tools.reply('Looking that up…');
      if (job.attempt === 1) throw new Error('upstream hiccup');
      await tools.reply('Found it.');
    });
    start(ctx, recorder.make('one'));
    await send(conversation, 'where is my order?');
    await recorder.until(() => recorder.finished() >= 2);
    expect(recorder.calls.map((c) => c.job.attempt)).toEqual([1, 2]);
    const rows = await transcript(conversation);
    expect(rows.map((r) => `${r.role}:${r.content}`)).toEqual([
      'visitor:where is my order?',
      'ai:Looking that up…',
      'ai:Found it.',
    ]);
    await settled(conversation);
    const job = await ctx.db
      .selectFrom('message_jobs')
      .select('id')
      .where('conversation_id', '=', conversation)
      .execute();
    expect(job).toEqual([]);
  });

  it('a job cut off by stop() stores nothing it would say then; the restarted runner posts the real answer', async () => {
    const conversation = await newConversation();
    let calls = 0;
    const recorder = recordingProcessor(async (_job, tools) => {
      await tools.reply('Looking that up…');
      calls++;
      // The lookup: slow the first time (the shutdown cuts it off), quick after the restart.
      const found = await new Promise<boolean>((resolve) => {
        if (calls > 1) return resolve(true);
        tools.signal.addEventListener('abort', () => resolve(false), { once: true });
      });
      if (!found) await tools.setVariables({ order_status: '' }).catch(() => undefined);
      await tools.reply(found ? 'Your order shipped.' : 'Sorry, I could not look that up.');
    });
    const first = start(ctx, recorder.make('stopping'), { stopTimeoutMs: 50 });
    await send(conversation, 'where is my order?');
    while (calls === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await first.stop();
    start(ctx, recorder.make('restarted'));
    await recorder.until(() => recorder.finished() >= 2);
    await settled(conversation);
    const rows = await transcript(conversation);
    expect(rows.map((r) => `${r.role}:${r.content}`)).toEqual([
      'visitor:where is my order?',
      'ai:Looking that up…',
      'ai:Your order shipped.',
    ]);
  });

  it('gives up on a job after maxAttempts and lets the conversation move on', async () => {
    const conversation = await newConversation();
    const recorder = recordingProcessor(async (job) => {
      if (job.seq === 1) throw new Error('always fails');
    });
    start(ctx, recorder.make('one'), { maxAttempts: 2 });
    const poison = await send(conversation, 'poison');
    const next = await send(conversation, 'next');
    await recorder.until(() => recorder.finished() >= 3);
    expect(recorder.calls.map((c) => [c.job.messageId, c.job.attempt])).toEqual([
      [poison.id, 1],
      [poison.id, 2],
      [next.id, 1],
    ]);
    const failed = await ctx.db
      .selectFrom('message_jobs')
      .select(['status', 'last_error'])
      .where('message_id', '=', poison.id)
      .executeTakeFirstOrThrow();
    expect(failed.status).toBe('failed');
    expect(failed.last_error).toContain('always fails');
  });

  it('two runners over one database process each job exactly once, in order per conversation', async () => {
    const recorder = recordingProcessor(async (job, tools) => {
      await tools.reply(`re ${job.seq}`);
    });
    start(ctx, recorder.make('A'));
    start(second, recorder.make('B'));
    const conversations = await Promise.all(Array.from({ length: 8 }, () => newConversation()));
    const perConversation = 8;
    const sent = await Promise.all(
      conversations.map(async (id) => {
        const ids: string[] = [];
        for (let i = 1; i <= perConversation; i++) ids.push((await send(id, `m${i}`)).id);
        return ids;
      }),
    );
    await recorder.until(() => recorder.finished() >= conversations.length * perConversation);
    const processed = recorder.calls.map((c) => c.job.messageId);
    expect(processed.length).toBe(conversations.length * perConversation);
    expect(new Set(processed)).toEqual(new Set(sent.flat()));
    expect(recorder.overlaps).toEqual([]);
    conversations.forEach((id, i) => {
      expect(recorder.calls.filter((c) => c.job.conversationId === id).map((c) => c.job.messageId)).toEqual(
        sent[i],
      );
    });
    for (const id of conversations) {
      const rows = await transcript(id);
      expect(rows.filter((r) => r.role === 'ai').length).toBe(perConversation);
    }
  });
});
