// Test support for the rules feature (not collected as tests; never imported by app code).
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { TestApp } from '../../test/helpers/test-app.ts';
import { type AiHooks, defaultAiHooks, registerAiHooks } from './ai-hooks.ts';

export const API = '/api/v1/tenant-api';

export async function createRuleVia(
  t: TestApp,
  headers: Record<string, string>,
  body: Record<string, unknown>,
): Promise<{ id: string } & Record<string, any>> {
  const res = await t.app.inject({
    method: 'POST',
    url: `${API}/rules`,
    headers,
    payload: { name: 'A rule', ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data;
}

export interface StoredMessage {
  seq: number;
  role: string;
  content: string;
  is_auto_reply: number;
}

export async function messagesOf(t: TestApp, conversationId: string): Promise<StoredMessage[]> {
  return t.ctx.db
    .selectFrom('messages')
    .select(['seq', 'role', 'content', 'is_auto_reply'])
    .where('conversation_id', '=', conversationId)
    .orderBy('seq')
    .execute();
}

/**
 * Waits until every queued job of the given conversations (or of all) is done. Not a timing
 * assertion: it polls until the queue drains, and the suite timeout catches a hang.
 */
export async function drained(t: TestApp, conversationIds?: string[]): Promise<void> {
  for (;;) {
    let query = t.ctx.db
      .selectFrom('message_jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['pending', 'running']);
    if (conversationIds) query = query.where('conversation_id', 'in', conversationIds);
    const { n } = await query.executeTakeFirstOrThrow();
    if (Number(n) === 0) return;
    await sleep(20);
  }
}

export async function ruleLogsOf(t: TestApp, headers: Record<string, string>, conversationId: string) {
  const res = await t.app.inject({ url: `${API}/rule-logs?conversationId=${conversationId}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as Array<Record<string, any>>;
}

/**
 * Deterministic stand-in for the AI layer: AI rules match when the message mentions one of
 * their examples' first words, slots come from "#1234" or a bare number in the message, replies
 * are templates.
 * Returns the restore function.
 */
export function registerScriptedAi(overrides: Partial<AiHooks> = {}): () => void {
  return registerAiHooks({
    ...defaultAiHooks,
    async matchAiRules(_ctx, turn, rules) {
      return rules.map((rule) => {
        const keywords = rule.examples.map((example) => example.toLowerCase().split(' ')[0]);
        const matched = keywords.some((word) => turn.message.toLowerCase().includes(word));
        return {
          ruleId: rule.id,
          matched,
          score: matched ? 0.9 : 0.1,
          reason: matched ? 'keyword' : 'no keyword',
        };
      });
    },
    async fillSlots(_ctx, turn, endpoint) {
      const values: Record<string, string> = {};
      for (const field of endpoint.fields) {
        const found = /#?(\d{3,})/.exec(turn.message)?.[1];
        if (found) values[field.name] = found;
        else if (field.required)
          return { status: 'ask', question: `What is your ${field.description}?`, field: field.name, values };
      }
      return { status: 'complete', values };
    },
    async replyAi(_ctx, turn, action) {
      const template = action.instructions ?? 'OK.';
      return { text: template.replace(/\{(\w+)\}/g, (_m, name: string) => turn.variables[name] ?? '') };
    },
    ...overrides,
  });
}
