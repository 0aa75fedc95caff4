import { placeholdersIn } from '../endpoints/body-template.ts';
import type { Endpoint } from '../endpoints/endpoint-types.ts';
import type { Action, Condition } from './rule-types.ts';

/** What a rule's editor needs to know to say which `{placeholders}` an action can use. */
export interface RuleShape {
  type: 'static' | 'ai';
  conditions: readonly Condition[];
  actions: readonly Action[];
}

export interface VariablesInScope {
  /** Session variables that exist when the action runs: set or mapped by the actions before it. */
  variables: string[];
  /** `match.N` / `match.name` of the rule's regex conditions (CALL_API params, REPLY_TEXT, SET_VARIABLE). */
  captures: string[];
}

// Filled by the server itself, never asked for (src/connections/endpoint-template-issues.ts).
const BUILT_IN_VARIABLES = ['language'];

/**
 * The `{match.…}` names a regex gives (src/rules/conditions/message-matches-regex.ts): each
 * capturing group by number, named groups (`(?P<name>…)`, `(?<name>…)`) by name too. A scan rather
 * than re2js's own groupCount(): the engine would add ~150 kB to the dashboard for a hint.
 */
export function regexCaptures(pattern: string): string[] {
  const named: string[] = [];
  let groups = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') {
      inClass = true;
      // A `]` right after `[` or `[^` is a literal, not the end of the class.
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
      continue;
    }
    if (char !== '(') continue;
    if (pattern[i + 1] !== '?') {
      groups++;
      continue;
    }
    const name = /^\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(pattern.slice(i + 1));
    if (name) {
      groups++;
      named.push(name[1]);
    }
  }
  const numbered = Array.from({ length: groups }, (_, n) => `match.${n + 1}`);
  return [...numbered, ...named.map((name) => `match.${name}`)];
}

/**
 * What an AI rule collects from the visitor before calling the endpoint and keeps as session
 * variables (src/rules/actions/fill-endpoint-slots.ts): its fields, and path variables no field
 * declares, except those the action's params supply.
 */
function collectedFields(endpoint: Endpoint, params: Record<string, string> = {}): string[] {
  const declared = endpoint.fields.map((f) => f.name);
  const implicit = placeholdersIn(endpoint.path).filter(
    (name) =>
      !declared.includes(name) &&
      !Object.hasOwn(params, name) &&
      !BUILT_IN_VARIABLES.includes(name) &&
      !name.includes('.'),
  );
  return [...declared, ...implicit].filter(Boolean);
}

const mappedBy = (endpoint: Endpoint | undefined) =>
  endpoint ? endpoint.responseMapping.map((m) => m.to).filter(Boolean) : [];

/** A branch for this status may follow a successful call, after which the mapped variables are set. */
const mayFollowSuccess = (status: string) => /^2/.test(status.trim()) || status.trim() === 'default';

/** The session variables an action leaves behind for the actions after it. */
function produced(action: Action, rule: RuleShape, endpoints: readonly Endpoint[]): string[] {
  if (action.type === 'SET_VARIABLE') return action.name?.trim() ? [action.name.trim()] : [];
  if (action.type !== 'CALL_API') return [];
  const endpoint = endpoints.find((e) => e.id === action.endpointId);
  if (!endpoint) return [];
  const collected = rule.type === 'ai' ? collectedFields(endpoint, action.params) : [];
  // A later action of the same list runs only after a successful call (a failure replies the fallback and stops).
  return [...collected, ...mappedBy(endpoint)];
}

/**
 * The variables and captures that exist when the action at `path` (`actions.1`,
 * `actions.0.branches.1.actions.0`) runs. Only this rule is considered: what other rules set is
 * there only if they ran before, which the editor cannot know.
 */
export function variablesInScope(
  rule: RuleShape,
  path: string,
  endpoints: readonly Endpoint[],
): VariablesInScope {
  const names = new Set<string>();
  const add = (list: readonly string[]) => {
    for (const name of list) names.add(name);
  };
  const steps = path.split('.');
  let list: readonly Action[] = rule.actions;
  for (let at = 1; at < steps.length; at += 4) {
    const index = Number(steps[at]);
    for (const earlier of list.slice(0, index)) add(produced(earlier, rule, endpoints));
    // Deeper: `actions.i.branches.b.actions.j` — inside a branch of the CALL_API at `index`.
    if (steps[at + 1] !== 'branches') break;
    const call = list[index];
    const branch = call?.branches?.[Number(steps[at + 2])];
    if (!call || !branch) break;
    const endpoint = endpoints.find((e) => e.id === call.endpointId);
    // An AI rule collects the fields before the call, whatever its outcome.
    if (endpoint && rule.type === 'ai') add(collectedFields(endpoint, call.params));
    if (mayFollowSuccess(branch.status)) add(mappedBy(endpoint));
    list = branch.actions;
  }
  const captures = rule.conditions.flatMap((c) =>
    c.type === 'MESSAGE_MATCHES_REGEX' && typeof c.pattern === 'string' ? regexCaptures(c.pattern) : [],
  );
  return { variables: [...names].sort(), captures: [...new Set(captures)] };
}

/**
 * The inputs of a CALL_API that nothing supplies: required fields and path `{variables}` that are
 * neither in its params (with a value) nor among the variables set before it. A static rule cannot
 * ask for them, so the call would fail.
 */
export function unsuppliedInputs(action: Action, endpoint: Endpoint, available: readonly string[]): string[] {
  const given = Object.entries(action.params ?? {})
    .filter(([, value]) => value.trim() !== '')
    .map(([name]) => name);
  const required = endpoint.fields.filter((f) => f.required).map((f) => f.name);
  const inPath = placeholdersIn(endpoint.path).filter(
    (name) =>
      !BUILT_IN_VARIABLES.includes(name) &&
      !name.includes('.') &&
      !endpoint.fields.some((f) => f.name === name),
  );
  return [...new Set([...required, ...inPath])].filter(
    (name) => name && !given.includes(name) && !available.includes(name),
  );
}
