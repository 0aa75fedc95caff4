import type { Endpoint } from '../endpoints/endpoint-types.ts';

/**
 * Names a session variable may have, for the variable-name pickers (conditions, SET_VARIABLE):
 * what endpoints map and what AI rules collect. Which of them exist at a given action is
 * `variablesInScope` (rule-variables.ts).
 */
export function knownVariables(endpoints: readonly Endpoint[]): string[] {
  const names = new Set<string>();
  for (const e of endpoints) {
    for (const m of e.responseMapping) names.add(m.to);
    for (const f of e.fields) names.add(f.name);
  }
  return [...names].filter(Boolean).sort();
}

export const VARIABLE_LIST_ID = 'rule-variable-names';

/** A datalist for variable-name inputs. */
export function VariableDatalist({ names }: { names: string[] }) {
  return (
    <datalist id={VARIABLE_LIST_ID}>
      {names.map((n) => (
        <option key={n} value={n} />
      ))}
    </datalist>
  );
}

/** The `{placeholders}` a text can use at this point of the rule, shown under it. */
export function VariableHints({ names, captures = [] }: { names: string[]; captures?: string[] }) {
  const all = [...captures, ...names];
  if (all.length === 0) {
    return (
      <p className="field-hint">
        No variables here yet: a Call API action before this one (its response mapping) or Set variable
        provides them.
      </p>
    );
  }
  return (
    <div className="hints" data-testid="variable-hints">
      <span className="muted">Variables:</span>
      {all.map((n) => (
        <code key={n}>{`{${n}}`}</code>
      ))}
    </div>
  );
}
