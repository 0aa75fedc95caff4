import { SelectField, TextField } from '../../components/field.tsx';
import type { FormErrors } from '../../lib/form-errors.ts';
import { type EndpointValidation, validationTypes } from './endpoint-types.ts';

const typeLabels: Record<EndpointValidation['type'], string> = {
  equals: 'equals',
  equals_ignore_case: 'equals (ignore case)',
  contains: 'contains',
  not_empty: 'is not empty',
};

/** Checks on the response before anything from it is used, e.g. the email given matches the order's. */
export function ValidationsEditor({
  validations,
  onChange,
  errors,
}: {
  validations: EndpointValidation[];
  onChange: (v: EndpointValidation[]) => void;
  errors: FormErrors;
}) {
  const set = (index: number, patch: Partial<EndpointValidation>) =>
    onChange(validations.map((v, i) => (i === index ? { ...v, ...patch } : v)));
  const err = (index: number, key: string) => errors.fields[`validations.${index}.${key}`];
  return (
    <fieldset>
      <legend>Validations</legend>
      <p className="field-hint">
        On failure only the error message reaches the visitor and the AI — never the response data.
      </p>
      {validations.map((v, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
        <div key={index} className="repeat-item">
          <div className="repeat-head">
            <TextField
              label="Response path"
              value={v.compareWith}
              onValue={(compareWith) => set(index, { compareWith })}
              error={err(index, 'compareWith')}
              placeholder="billing.email"
            />
            <SelectField
              label="Check"
              value={v.type}
              onValue={(type) => set(index, { type: type as EndpointValidation['type'] })}
              options={validationTypes.map((t) => ({ value: t, label: typeLabels[t] }))}
              error={err(index, 'type')}
            />
            {v.type !== 'not_empty' && (
              <TextField
                label="Input variable"
                value={v.input}
                onValue={(input) => set(index, { input })}
                error={err(index, 'input')}
                placeholder="email"
              />
            )}
            <button
              type="button"
              className="button-icon repeat-remove"
              aria-label={`Remove validation ${index + 1}`}
              onClick={() => onChange(validations.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </div>
          <TextField
            label="Error message for the visitor"
            value={v.errorMessage}
            onValue={(errorMessage) => set(index, { errorMessage })}
            error={err(index, 'errorMessage')}
          />
        </div>
      ))}
      <button
        type="button"
        className="button-secondary"
        onClick={() =>
          onChange([
            ...validations,
            {
              input: '',
              compareWith: '',
              type: 'equals_ignore_case',
              errorMessage: "Sorry, we couldn't verify those details.",
            },
          ])
        }
      >
        Add validation
      </button>
    </fieldset>
  );
}
