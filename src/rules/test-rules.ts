import { z } from 'zod';
import { detectLanguage } from '../ai/language.ts';
import type { AppContext } from '../context.ts';
import { type CompiledRule, compareRules, compileRule } from './compile-rule.ts';
import { conversationStatusValues } from './conditions/conversation-status.ts';
import { createDryRunEffects } from './dry-run-effects.ts';
import { loadTenantRules } from './rules.repository.ts';
import { runTurn, type TurnOutcome } from './run-turn.ts';

export const testRulesSchema = z.object({
  message: z.string().min(1).max(10_000),
  variables: z
    .record(z.string().max(200), z.union([z.string(), z.number(), z.boolean()]).transform(String))
    .default({}),
  /** Only rules for this widget (and all-widget rules); absent: every enabled rule. */
  widgetId: z.string().uuid().optional(),
  /** Only this rule, evaluated even when disabled. */
  ruleId: z.string().optional(),
  /** true: CALL_APIs really go out (and are call-logged) and REPLY_AI asks the AI. Nothing else is stored. */
  execute: z.boolean().default(false),
  /** The message's language; absent: detected from the message, as for a visitor's message. */
  language: z.string().max(20).nullable().default(null),
  firstMessage: z.boolean().default(true),
  status: z.enum(conversationStatusValues).default('open'),
});
export type TestRulesInput = z.output<typeof testRulesSchema>;

export type TestRulesResult =
  | {
      ok: true;
      result: Pick<TurnOutcome, 'matches' | 'actions' | 'unknownVariables' | 'errors'> & {
        variables: Record<string, string>;
      };
    }
  | { ok: false; reason: 'rule_not_found' | 'widget_not_found' };

/** POST /rules/test: what the rules would do with a message — every evaluated rule and the actions that would run. */
export async function testRules(
  ctx: AppContext,
  tenantId: string,
  input: TestRulesInput,
): Promise<TestRulesResult> {
  if (input.widgetId) {
    const widget = await ctx.db
      .selectFrom('widgets')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', input.widgetId)
      .executeTakeFirst();
    if (!widget) return { ok: false, reason: 'widget_not_found' };
  }
  const stored = await loadTenantRules(ctx.db, tenantId);
  let rules: CompiledRule[];
  if (input.ruleId) {
    const rule = stored.find((candidate) => candidate.id === input.ruleId);
    if (!rule) return { ok: false, reason: 'rule_not_found' };
    rules = [{ ...compileRule(rule), enabled: true }];
  } else {
    rules = stored
      .filter(
        (rule) =>
          rule.enabled && (!input.widgetId || rule.widgetId === null || rule.widgetId === input.widgetId),
      )
      .sort(compareRules)
      .map(compileRule);
  }
  const turn = {
    tenantId,
    conversationId: null,
    widgetId: input.widgetId ?? null,
    message: input.message,
    language: input.language ?? detectLanguage(input.message),
    status: input.status,
    firstMessage: input.firstMessage,
    variables: { ...input.variables },
    history: [{ role: 'visitor' as const, content: input.message }],
  };
  const outcome = await runTurn(rules, turn, createDryRunEffects(ctx, tenantId, input.execute));
  return {
    ok: true,
    result: {
      matches: outcome.matches,
      actions: outcome.actions,
      unknownVariables: outcome.unknownVariables,
      errors: outcome.errors,
      variables: turn.variables,
    },
  };
}
