import { type FormEvent, useState } from 'react';
import { CheckboxField, SelectField, TextArea, TextField } from '../../components/field.tsx';
import { FormMessage } from '../../components/notice.tsx';
import { patch, post } from '../../lib/api-client.ts';
import { errorAt, type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useUnsavedChanges } from '../../lib/unsaved-changes.ts';
import type { Endpoint } from '../endpoints/endpoint-types.ts';
import type { Operator } from '../inbox/inbox-types.ts';
import type { Widget } from '../widgets/widget-types.ts';
import { ActionsBuilder } from './actions-builder.tsx';
import { type BuiltRule, buildRuleBody, type RuleDraft } from './build-rule-body.ts';
import { ConditionEditor } from './condition-editor.tsx';
import { type Action, type Condition, conditionsForType, newCondition, type Rule } from './rule-types.ts';
import { knownVariables, VariableDatalist } from './variable-hints.tsx';

/** What the test panel may do with the editor: read the draft as it stands, show errors in it. */
export interface RuleDraftHandle {
  /** The draft as a request body; when it cannot be built, the fields to fix are marked too. */
  build(): BuiltRule;
  showErrors(errors: FormErrors): void;
}

export const emptyRule = (priority: number): RuleDraft => ({
  name: '',
  type: 'static',
  enabled: true,
  priority,
  widgetId: null,
  match: 'all',
  conditions: [newCondition('MESSAGE_MATCHES_REGEX')],
  actions: [],
  stopProcessing: true,
  description: null,
  examples: [],
});

interface Props {
  rule?: Rule;
  initial: RuleDraft;
  endpoints: Endpoint[];
  connections: { id: string; name: string }[];
  operators: Operator[];
  widgets: Widget[];
  onSaved: (rule: Rule) => void;
  /** Lets the test panel test the unsaved draft (it never saves it). */
  exposeDraft?: (handle: RuleDraftHandle) => void;
}

/** The static / AI rule editor with condition and action builders. */
export function RuleForm({
  rule,
  initial,
  endpoints,
  connections,
  operators,
  widgets,
  onSaved,
  exposeDraft,
}: Props) {
  const [draft, setDraft] = useState<RuleDraft>(initial);
  const [examples, setExamples] = useState(initial.examples.join('\n'));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unsaved = useUnsavedChanges({ draft, examples });
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const variables = knownVariables(endpoints);

  const build = (): BuiltRule => {
    const built = buildRuleBody(draft, examples);
    if (!built.ok) setErrors({ form: 'Please correct the highlighted fields.', fields: built.fields });
    return built;
  };
  exposeDraft?.({
    build,
    showErrors: (next) => {
      setSaved(null);
      setErrors(next);
    },
  });

  const save = async (): Promise<void> => {
    setErrors(noErrors);
    setSaved(null);
    const built = build();
    if (!built.ok) return;
    try {
      const result = rule
        ? await patch<Rule>(`/rules/${rule.id}`, built.body)
        : await post<Rule>('/rules', built.body);
      unsaved.markSaved({ draft, examples });
      setSaved('Saved.');
      onSaved(result);
    } catch (error) {
      setErrors(toFormErrors(error));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await save();
    setBusy(false);
  };

  const setCondition = (i: number, c: Condition) =>
    set(
      'conditions',
      draft.conditions.map((x, j) => (j === i ? c : x)),
    );
  const context = {
    rule: draft,
    endpoints,
    connections,
    operators,
    errorAt: (path: string) => errors.fields[path],
  };

  return (
    <form className="card form-grid" onSubmit={submit} noValidate aria-label="Rule">
      <VariableDatalist names={variables} />
      <FormMessage error={errors.form} success={errors.form ? null : saved} />
      <div className="row">
        <TextField
          label="Rule name"
          value={draft.name}
          onValue={(v) => set('name', v)}
          error={errors.fields.name}
          placeholder="Real-time pricing"
        />
        <SelectField
          label="Rule type"
          value={draft.type}
          onValue={(v) => {
            const type = v as RuleDraft['type'];
            setDraft((d) => ({ ...d, type, conditions: conditionsForType(type, d.conditions) }));
          }}
          options={[
            { value: 'static', label: 'Static (conditions)' },
            { value: 'ai', label: 'AI (described in words)' },
          ]}
          error={errors.fields.type}
        />
        <TextField
          label="Priority"
          type="number"
          value={String(draft.priority)}
          onValue={(v) => set('priority', v === '' ? 0 : Number(v))}
          error={errors.fields.priority}
          hint="Lower runs first."
        />
        <SelectField
          label="Widget"
          value={draft.widgetId ?? ''}
          onValue={(v) => set('widgetId', v || null)}
          options={[
            { value: '', label: 'All widgets' },
            ...widgets.map((w) => ({ value: w.id, label: w.name })),
          ]}
          error={errors.fields.widgetId}
        />
      </div>
      <CheckboxField label="Enabled" checked={draft.enabled} onValue={(v) => set('enabled', v)} />
      <CheckboxField
        label="Stop processing: later rules don't run when this one matches"
        checked={draft.stopProcessing}
        onValue={(v) => set('stopProcessing', v)}
      />
      {draft.type === 'ai' && (
        <>
          <TextArea
            label="When does this rule apply?"
            rows={2}
            value={draft.description ?? ''}
            onValue={(v) => set('description', v)}
            error={errors.fields.description}
            placeholder="When the visitor asks about their order status or delivery"
          />
          <TextArea
            label="Example visitor messages (one per line)"
            rows={3}
            value={examples}
            onValue={setExamples}
            error={errorAt(errors, 'examples')}
            placeholder={'Where is my order?\nHas my package shipped?'}
          />
        </>
      )}
      <fieldset>
        <legend>Conditions</legend>
        {draft.type === 'ai' && (
          <p className="field-hint">Optional for AI rules: they narrow when the AI's decision counts.</p>
        )}
        <SelectField
          label="Match"
          value={draft.match}
          onValue={(v) => set('match', v as RuleDraft['match'])}
          options={[
            { value: 'all', label: 'All conditions' },
            { value: 'any', label: 'Any condition' },
          ]}
        />
        {draft.conditions.map((c, i) => (
          <ConditionEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions are edited in place
            key={i}
            condition={c}
            index={i}
            onChange={(next) => setCondition(i, next)}
            onRemove={() =>
              set(
                'conditions',
                draft.conditions.filter((_, j) => j !== i),
              )
            }
            errorFor={(field) =>
              errors.fields[`conditions.${i}.${field}`] ??
              (field === 'type' ? errors.fields[`conditions.${i}`] : undefined)
            }
          />
        ))}
        {errors.fields.conditions && <div className="field-error">{errors.fields.conditions}</div>}
        <button
          type="button"
          className="button-secondary"
          onClick={() => set('conditions', [...draft.conditions, newCondition('MESSAGE_CONTAINS')])}
        >
          Add condition
        </button>
      </fieldset>
      <fieldset>
        <legend>Actions</legend>
        <ActionsBuilder
          actions={draft.actions}
          onChange={(actions: Action[]) => set('actions', actions)}
          path="actions"
          context={context}
          depth={1}
          label="Action"
        />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {rule ? 'Save rule' : 'Create rule'}
        </button>
      </div>
    </form>
  );
}
