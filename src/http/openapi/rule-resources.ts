import { z } from 'zod';
import { actionSchema } from '../../rules/actions/action.schema.ts';
import { conditionSchema } from '../../rules/conditions/condition.schema.ts';
import type { Rule } from '../../rules/rule.schema.ts';
import type { RulesSettings } from '../../rules/rules-settings.ts';
import { dateTime, exactly, uuid } from './envelopes.ts';

/** SPEC §7: rules, the dry-run, the rule log and the rule settings. */

export const ruleResource = exactly<Rule>()(
  z.object({
    id: uuid(),
    name: z.string(),
    type: z.enum(['static', 'ai']),
    enabled: z.boolean(),
    priority: z.int().describe('Lower runs first (1 before 10); ties run oldest first'),
    widgetId: uuid().nullable().describe('null: every widget of the tenant'),
    match: z.enum(['all', 'any']),
    conditions: z.array(conditionSchema),
    // A registered component (`RuleAction`): actions nest through CALL_API branches.
    actions: z.array(actionSchema),
    stopProcessing: z.boolean(),
    description: z.string().nullable().describe('AI rules: when the rule applies, in words'),
    examples: z.array(z.string()).describe('AI rules: sample visitor messages that should match'),
    createdAt: dateTime(),
    updatedAt: dateTime(),
  }),
);

/** What POST and PATCH answer: the rule, plus inputs of its calls that nothing supplies. */
export const savedRuleResource = ruleResource.extend({
  warnings: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .optional()
    .describe(
      'Static rules: CALL_API inputs neither params nor an earlier action supplies; present only when there are any',
    ),
});

const ruleEvaluation = z.object({
  ruleId: z.string().nullable().describe('null for an unsaved rule given as `rule`'),
  name: z.string(),
  matched: z.boolean(),
  reason: z.string(),
});

/** One action taken (or that would be taken); its other keys depend on the action type. */
const actionLogEntry = z.looseObject({
  ruleId: z.string().nullable(),
  type: z.string().describe('An action type, FALLBACK_REPLY or PENDING_RULE'),
});

export const rulesTestResource = z.object({
  matches: z.array(ruleEvaluation).describe('Every evaluated rule, whether it matched and why'),
  actions: z
    .array(actionLogEntry)
    .describe('The actions that would run, with the resolved request of each CALL_API'),
  unknownVariables: z.array(z.string()),
  errors: z.array(z.string()),
  variables: z.record(z.string(), z.string()).describe('The session variables after the actions'),
});

export const ruleLogResource = z.object({
  id: uuid(),
  conversationId: uuid(),
  messageId: uuid().nullable(),
  rules: z.array(ruleEvaluation.extend({ ruleId: z.string() })),
  omittedNonMatching: z.int().optional().describe('Non-matching rules left out of `rules`'),
  actions: z.array(actionLogEntry),
  errors: z.array(z.string()),
  unknownVariables: z.array(z.string()),
  defaultAnswer: z.enum(['ai', 'none', 'ai-declined']).optional(),
  defaultAnswerSkipped: z.string().optional(),
  defaultAnswerHandover: z.object({ operatorId: uuid().nullable() }).optional(),
  createdAt: dateTime(),
});

export const rulesSettingsResource = exactly<RulesSettings>()(z.object({ fallbackReply: z.string() }));
