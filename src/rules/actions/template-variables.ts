import type { RuleTurn } from './action.ts';

export { BUILT_IN_VARIABLES } from '../../connections/endpoint-template-issues.ts';

/**
 * The variables `{placeholders}` in REPLY_TEXT, SET_VARIABLE, CALL_API params and endpoint
 * templates see: the built-ins, then the session's. `{language}` is the visitor message's detected
 * language, else the conversation's visitor language (SPEC §6's `"queryParams": {"lang":
 * "{language}"}`); a session variable of the same name, set by a rule, wins.
 * `declared`: an endpoint's field names. A field named like a built-in is the endpoint's own input
 * (say, an enum of the languages the API knows), filled like any field — never by the built-in.
 */
export function templateVariables(
  turn: Pick<RuleTurn, 'language' | 'variables'>,
  declared: readonly string[] = [],
): Record<string, string> {
  const builtIns: Record<string, string> = {};
  if (turn.language && !declared.includes('language')) builtIns.language = turn.language;
  return { ...builtIns, ...turn.variables };
}
