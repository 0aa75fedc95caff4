/** The rules engine's surface for the rest of the app. */
export { type CompiledRule, compareRules, compileRule } from './compile-rule.ts';
export type { MessageFacts } from './conditions/condition.ts';
export { type Evaluation, evaluateRules } from './evaluate-rules.ts';
export { matchRule, type RuleMatch } from './match-rule.ts';
export { createRulesProcessor, processVisitorMessage } from './process-visitor-message.ts';
export { type Rule, type RuleInput, ruleInputSchema } from './rule.schema.ts';
export { ruleLogsRoutes } from './rule-logs.routes.ts';
export { createRule, getRule, listRules } from './rules.repository.ts';
export { rulesRoutes } from './rules.routes.ts';
export { DEFAULT_FALLBACK_REPLY, getRulesSettings } from './rules-settings.ts';
