import type { Endpoint } from '../endpoints/endpoint-types.ts';

/** Variables a rule can use: what endpoints map, what their fields collect, and regex captures. */
export function knownVariables(endpoints: readonly Endpoint[]): string[] {
  const names = new Set<string>();
  for (const e of endpoints) {
    for (const m of e.responseMapping) names.add(m.to);
    for (const f of e.fields) names.add(f.name);
  }
  return [...names].sort();
}

export const VARIABLE_LIST_ID = 'rule-variable-names';

/** A datalist for variable-name inputs plus the chips shown under text templates. */
export function VariableDatalist({ names }: { names: string[] }) {
  return (
    <datalist id={VARIABLE_LIST_ID}>
      {names.map((n) => (
        <option key={n} value={n} />
      ))}
    </datalist>
  );
}

export function VariableHints({ names, extra = [] }: { names: string[]; extra?: string[] }) {
  const all = [...extra, ...names];
  if (all.length === 0) return null;
  return (
    <div className="hints">
      <span className="muted">Variables:</span>
      {all.map((n) => (
        <code key={n}>{`{${n}}`}</code>
      ))}
    </div>
  );
}
