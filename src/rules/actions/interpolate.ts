import { interpolateText } from '../../connections/templating/interpolate-text.ts';
import type { RuleTurn, RunningRule } from './action.ts';
import { templateVariables } from './template-variables.ts';

/**
 * `{name}` placeholders in action text and params: built-ins such as `{language}`, session
 * variables, the params of the rule's earlier CALL_APIs, then the matching regex's groups
 * (`{match.1}`, `{match.orderId}`). Unknown names render empty and are returned.
 */
export function interpolate(template: string, turn: RuleTurn, rule: RunningRule) {
  return interpolateText(template, { ...templateVariables(turn), ...rule.locals, ...rule.captures });
}
