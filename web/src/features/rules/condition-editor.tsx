import { CheckboxField, SelectField, TextField } from '../../components/field.tsx';
import { type Condition, type ConditionType, conditionTypes, newCondition, statuses } from './rule-types.ts';
import { VARIABLE_LIST_ID } from './variable-hints.tsx';

interface Props {
  condition: Condition;
  index: number;
  onChange: (c: Condition) => void;
  onRemove: () => void;
  errorFor: (field: string) => string | undefined;
}

/** One condition: the type picker and that type's fields. */
export function ConditionEditor({ condition, index, onChange, onRemove, errorFor }: Props) {
  const n = index + 1;
  const text = (
    field: string,
    label: string,
    props: { placeholder?: string; hint?: string; list?: string } = {},
  ) => (
    <TextField
      label={label}
      value={String(condition[field] ?? '')}
      onValue={(value) => onChange({ ...condition, [field]: value })}
      error={errorFor(field)}
      {...props}
    />
  );
  return (
    <div className="repeat-item builder-item" data-testid="condition">
      <div className="repeat-head">
        <SelectField
          label={`Condition ${n}`}
          value={condition.type}
          onValue={(type) => onChange(newCondition(type as ConditionType))}
          options={conditionTypes}
          error={errorFor('type')}
        />
        {condition.type === 'MESSAGE_MATCHES_REGEX' && (
          <>
            {text('pattern', 'Pattern', {
              placeholder: '\\b(price|cost|how much)\\b',
              hint: 'Captures are available as {match.1}, {match.2}…',
            })}
            {text('flags', 'Flags', { placeholder: 'i', hint: 'i, m, s' })}
          </>
        )}
        {condition.type === 'MESSAGE_CONTAINS' && (
          <>
            {text('value', 'Text')}
            <CheckboxField
              label="Case-sensitive"
              checked={condition.caseSensitive === true}
              onValue={(caseSensitive) => onChange({ ...condition, caseSensitive })}
            />
          </>
        )}
        {(condition.type === 'VARIABLE_EQUALS' ||
          condition.type === 'VARIABLE_IS_SET' ||
          condition.type === 'VARIABLE_NOT_SET') &&
          text('name', 'Variable', { list: VARIABLE_LIST_ID, placeholder: 'order_status' })}
        {condition.type === 'VARIABLE_EQUALS' && text('value', 'Value')}
        {condition.type === 'LANGUAGE_IS' && text('language', 'Language code', { placeholder: 'en' })}
        {condition.type === 'CONVERSATION_STATUS' && (
          <SelectField
            label="Status"
            value={String(condition.status ?? 'open')}
            onValue={(status) => onChange({ ...condition, status })}
            options={statuses.map((s) => ({ value: s, label: s }))}
          />
        )}
        <button
          type="button"
          className="button-icon repeat-remove"
          aria-label={`Remove condition ${n}`}
          onClick={onRemove}
        >
          ×
        </button>
      </div>
    </div>
  );
}
