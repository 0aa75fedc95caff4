import { CheckboxField, SelectField, TextField } from '../../components/field.tsx';
import type { FormErrors } from '../../lib/form-errors.ts';
import { type EndpointField, type FieldType, fieldTypes } from './endpoint-types.ts';
import { descriptionPlaceholder, patternPlaceholder } from './field-placeholders.ts';

/** Typed inputs the endpoint needs (the AI asks the visitor for the required ones). */
export function FieldsEditor({
  fields,
  onChange,
  errors,
  undeclared,
}: {
  fields: EndpointField[];
  onChange: (fields: EndpointField[]) => void;
  errors: FormErrors;
  /** {placeholders} the templates use that are neither fields nor mapped by another endpoint. */
  undeclared: string[];
}) {
  const set = (index: number, patch: Partial<EndpointField>) =>
    onChange(fields.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  const err = (index: number, key: string) => errors.fields[`fields.${index}.${key}`];
  return (
    <fieldset>
      <legend>Fields</legend>
      <p className="field-hint">
        Values the call needs, such as an order number. Rules pass them as params; the AI collects them from
        the visitor.
      </p>
      {fields.map((field, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
        <div key={index} className="repeat-item">
          <div className="repeat-head">
            <TextField
              label={`Field ${index + 1} name`}
              value={field.name}
              onValue={(name) => set(index, { name })}
              error={err(index, 'name')}
              placeholder="orderId"
            />
            <SelectField
              label="Type"
              value={field.type}
              onValue={(type) => set(index, { type: type as FieldType })}
              options={fieldTypes.map((t) => ({ value: t, label: t }))}
              error={err(index, 'type')}
            />
            <CheckboxField
              label="Required"
              checked={field.required}
              onValue={(required) => set(index, { required })}
            />
            <button
              type="button"
              className="button-icon repeat-remove"
              aria-label={`Remove field ${index + 1}`}
              onClick={() => onChange(fields.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </div>
          <div className="row">
            <TextField
              label="Description (the AI's question)"
              value={field.description}
              onValue={(description) => set(index, { description })}
              error={err(index, 'description')}
              placeholder={descriptionPlaceholder(field.type)}
            />
            <TextField
              label="Pattern (regex, optional)"
              value={field.pattern ?? ''}
              onValue={(pattern) => set(index, { pattern: pattern || undefined })}
              error={err(index, 'pattern')}
              placeholder={patternPlaceholder(field.type)}
            />
            {field.type === 'enum' && (
              <TextField
                label="Allowed values (comma-separated)"
                value={(field.enum ?? []).join(', ')}
                onValue={(text) =>
                  set(index, {
                    enum: text
                      .split(',')
                      .map((v) => v.trim())
                      .filter(Boolean),
                  })
                }
                error={err(index, 'enum')}
              />
            )}
          </div>
        </div>
      ))}
      {undeclared.length > 0 && (
        <p className="small">
          Used in the request but not declared:{' '}
          {undeclared.map((name) => (
            <button
              key={name}
              type="button"
              className="button-secondary"
              onClick={() => onChange([...fields, { name, type: 'string', required: true, description: '' }])}
            >
              Declare {name}
            </button>
          ))}
        </p>
      )}
      <button
        type="button"
        className="button-secondary"
        onClick={() => onChange([...fields, { name: '', type: 'string', required: true, description: '' }])}
      >
        Add field
      </button>
      {errors.fields.fields && <div className="field-error">{errors.fields.fields}</div>}
    </fieldset>
  );
}
