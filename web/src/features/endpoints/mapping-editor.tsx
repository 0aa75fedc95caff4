import type { FormErrors } from '../../lib/form-errors.ts';
import type { MappingRule } from './endpoint-types.ts';

/** Response path → session variable rows; a click in the test response adds one too. */
export function MappingEditor({
  mapping,
  onChange,
  errors,
}: {
  mapping: MappingRule[];
  onChange: (m: MappingRule[]) => void;
  errors: FormErrors;
}) {
  const set = (index: number, patch: Partial<MappingRule>) =>
    onChange(mapping.map((m, i) => (i === index ? { ...m, ...patch } : m)));
  return (
    <fieldset>
      <legend>Response mapping</legend>
      <p className="field-hint">
        Dot paths with [n] indexes (<code>data.items[0].name</code>). Tip: test the endpoint and click a value
        in the response to map it.
      </p>
      {mapping.map((rule, index) => {
        const error =
          errors.fields[`responseMapping.${index}.from`] ?? errors.fields[`responseMapping.${index}.to`];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
          <div className="kv-row" key={index} data-testid="mapping-row">
            <input
              aria-label={`Mapping ${index + 1} response path`}
              placeholder="data.status"
              value={rule.from}
              onChange={(e) => set(index, { from: e.target.value })}
              aria-invalid={errors.fields[`responseMapping.${index}.from`] ? true : undefined}
            />
            <input
              aria-label={`Mapping ${index + 1} variable`}
              placeholder="order_status"
              value={rule.to}
              onChange={(e) => set(index, { to: e.target.value })}
              aria-invalid={errors.fields[`responseMapping.${index}.to`] ? true : undefined}
            />
            <button
              type="button"
              className="button-icon"
              aria-label={`Remove mapping ${index + 1}`}
              onClick={() => onChange(mapping.filter((_, i) => i !== index))}
            >
              ×
            </button>
            {error && (
              <div className="field-error kv-error" role="alert">
                {error}
              </div>
            )}
          </div>
        );
      })}
      {mapping.length === 0 && <p className="muted small">Nothing mapped yet.</p>}
      <button
        type="button"
        className="button-secondary"
        onClick={() => onChange([...mapping, { from: '', to: '' }])}
      >
        Add mapping
      </button>
    </fieldset>
  );
}
