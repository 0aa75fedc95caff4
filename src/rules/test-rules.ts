import { z } from 'zod';
import { detectLanguage } from '../ai/language.ts';
import { tenantAiLanguage } from '../ai/language-fallback.ts';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/time.ts';
import type { ErrorDetail } from '../errors.ts';
import { checkRuleReferences } from './check-rule-references.ts';
import { type CompiledRule, compareRules, compileRule, compileUncached } from './compile-rule.ts';
import { conversationStatusValues } from './conditions/conversation-status.ts';
import { createDryRunEffects } from './dry-run-effects.ts';
import { ruleInputSchema } from './rule.schema.ts';
import { loadTenantRules } from './rules.repository.ts';
import { runTurn, type TurnOutcome } from './run-turn.ts';

export const testRulesSchema = z
  .object({
    message: z.string().min(1).max(10_000),
    variables: z
      .record(z.string().max(200), z.union([z.string(), z.number(), z.boolean()]).transform(String))
      .default({}),
    /** Only rules for this widget (and all-widget rules); absent: every enabled rule. */
    widgetId: z.string().uuid().optional(),
    /** Only this rule, evaluated even when disabled. */
    ruleId: z.string().optional(),
    /** Only this unsaved rule (the body of POST /rules), validated as a create would be; nothing is stored. */
    rule: ruleInputSchema.optional(),
    /** true: CALL_APIs really go out (and are call-logged) and REPLY_AI asks the AI. Nothing else is stored. */
    execute: z.boolean().default(false),
    /** The message's language; absent: detected from the message, as for a visitor's message. */
    language: z.string().max(20).nullable().default(null),
    firstMessage: z.boolean().default(true),
    status: z.enum(conversationStatusValues).default('open'),
  })
  .refine((input) => !(input.ruleId && input.rule), {
    path: ['rule'],
    message: 'Give either ruleId (a stored rule) or rule (an unsaved one), not both',
  });
export type TestRulesInput = z.output<typeof testRulesSchema>;

export type TestRulesResult =
  | {
      ok: true;
      result: Pick<TurnOutcome, 'matches' | 'actions' | 'unknownVariables' | 'errors'> & {
        variables: Record<string, string>;
      };
    }
  | { ok: false; reason: 'rule_not_found' | 'widget_not_found' }
  | { ok: false; reason: 'invalid_rule'; details: ErrorDetail[] };

/** The unsaved rule's id while it is evaluated; the result shows `ruleId: null` for it. */
const DRAFT_ID = 'draft';

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
  let rules: CompiledRule[];
  if (input.rule) {
    const details = await checkRuleReferences(ctx.db, tenantId, input.rule);
    if (details.length > 0) {
      return {
        ok: false,
        reason: 'invalid_rule',
        details: details.map((d) => ({ ...d, path: d.path ? `rule.${d.path}` : 'rule' })),
      };
    }
    const now = nowIso();
    const draft = { ...input.rule, id: DRAFT_ID, createdAt: now, updatedAt: now };
    rules = [{ ...compileUncached(draft), enabled: true }];
  } else if (input.ruleId) {
    const stored = await loadTenantRules(ctx.db, tenantId);
    const rule = stored.find((candidate) => candidate.id === input.ruleId);
    if (!rule) return { ok: false, reason: 'rule_not_found' };
    rules = [{ ...compileRule(rule), enabled: true }];
  } else {
    const stored = await loadTenantRules(ctx.db, tenantId);
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
    // As in a conversation: too little text to tell ("ok", "4521") is the tenant's AI language.
    language: input.language ?? detectLanguage(input.message) ?? (await tenantAiLanguage(ctx.db, tenantId)),
    status: input.status,
    firstMessage: input.firstMessage,
    variables: { ...input.variables },
    history: [{ role: 'visitor' as const, content: input.message }],
  };
  const outcome = await runTurn(rules, turn, createDryRunEffects(ctx, tenantId, input.execute));
  return {
    ok: true,
    result: {
      matches: input.rule ? outcome.matches.map(undraft) : outcome.matches,
      actions: input.rule ? outcome.actions.map(undraft) : outcome.actions,
      unknownVariables: outcome.unknownVariables,
      errors: outcome.errors,
      variables: turn.variables,
    },
  };
}

function undraft<T extends { ruleId: string | null }>(entry: T): T {
  return entry.ruleId === DRAFT_ID ? { ...entry, ruleId: null } : entry;
}
