import { interpolateText } from '../../connections/templating/interpolate-text.ts';
import type { RuleTurn, RunningRule } from './action.ts';

/**
 * `{name}` placeholders in action text and params: session variables, then the matching
 * regex's groups (`{match.1}`, `{match.orderId}`). Unknown names render empty and are returned.
 */
export function interpolate(template: string, turn: RuleTurn, rule: RunningRule) {
  return interpolateText(template, { ...turn.variables, ...rule.captures });
}
