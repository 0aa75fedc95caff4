// Test support for the rules feature (not collected as tests; never imported by app code).
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { TestApp } from '../../test/helpers/test-app.ts';

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
    let query = t.ctx.db.selectFrom('message_jobs').select((eb) => eb.fn.countAll<number>().as('n'));
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
