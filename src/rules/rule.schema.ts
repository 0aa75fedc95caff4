import { z } from 'zod';
import { lowerCaseUuid } from '../db/ids.ts';
import { type Action, actionSchema, walkActions } from './actions/action.schema.ts';
import { type Condition, conditionSchema } from './conditions/condition.schema.ts';

/** Version of the stored rule document (`rules.config`); bump it with an upgrade step in rule-document.ts. */
export const RULE_DOCUMENT_VERSION = 1;

export const MAX_ACTIONS_PER_RULE = 50;
export const MAX_BRANCH_DEPTH = 3;

/** Every key of a rule without defaults: the shape PATCH makes optional. */
const ruleShape = {
  name: z.string().trim().min(1).max(200),
  type: z.enum(['static', 'ai']),
  enabled: z.boolean(),
  /** Lower runs first (1 before 10); ties run oldest first. */
  priority: z.number().int().min(-1_000_000).max(1_000_000),
  /** null: every widget of the tenant. */
  widgetId: z.uuid().overwrite(lowerCaseUuid).nullable(),
  match: z.enum(['all', 'any']),
  conditions: z.array(conditionSchema).max(50),
  actions: z.array(actionSchema).max(MAX_ACTIONS_PER_RULE),
  stopProcessing: z.boolean(),
  /** AI rules: when the rule applies, in words ("When the visitor asks about their order status"). */
  description: z.string().trim().max(2000).nullable(),
  /** AI rules: sample visitor messages that should match. */
  examples: z.array(z.string().trim().min(1).max(500)).max(50),
};

export interface RuleBody {
  name: string;
  type: 'static' | 'ai';
  enabled: boolean;
  priority: number;
  widgetId: string | null;
  match: 'all' | 'any';
  conditions: Condition[];
  actions: Action[];
  stopProcessing: boolean;
  description: string | null;
  examples: string[];
}

/** Checks that need the whole rule; shared by POST and by PATCH after merging. */
export function refineRule(rule: RuleBody, ctx: z.RefinementCtx): void {
  if (rule.type === 'ai' && !rule.description) {
    ctx.addIssue({
      code: 'custom',
      path: ['description'],
      message:
        'An AI rule needs a description saying when it applies (e.g. "When the visitor asks about an order")',
    });
  }
  let count = 0;
  for (const { depth } of walkActions(rule.actions)) {
    count++;
    if (depth > MAX_BRANCH_DEPTH) {
      ctx.addIssue({
        code: 'custom',
        path: ['actions'],
        message: `Branches nest at most ${MAX_BRANCH_DEPTH} levels deep`,
      });
      return;
    }
  }
  if (count > MAX_ACTIONS_PER_RULE) {
    ctx.addIssue({
      code: 'custom',
      path: ['actions'],
      message: `A rule holds at most ${MAX_ACTIONS_PER_RULE} actions, branches included`,
    });
  }
}

export const ruleInputSchema = z
  .object({
    ...ruleShape,
    type: ruleShape.type.default('static'),
    enabled: ruleShape.enabled.default(true),
    priority: ruleShape.priority.default(100),
    widgetId: ruleShape.widgetId.default(null),
    match: ruleShape.match.default('all'),
    conditions: ruleShape.conditions.default([]),
    actions: ruleShape.actions.default([]),
    stopProcessing: ruleShape.stopProcessing.default(false),
    description: ruleShape.description.optional().transform((d) => d || null),
    examples: ruleShape.examples.default([]),
  })
  .superRefine((rule, ctx) => refineRule(rule, ctx));

/** PATCH: omitted keys keep their stored value; the merged rule is then checked as a whole. */
export const rulePatchSchema = z.object(ruleShape).partial();

export type RuleInput = z.input<typeof ruleInputSchema>;
export type RulePatch = z.output<typeof rulePatchSchema>;

/** A rule as the API shows it. */
export interface Rule extends RuleBody {
  id: string;
  createdAt: string;
  updatedAt: string;
}
