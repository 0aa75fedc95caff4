import { type FormEvent, useState } from 'react';
import { CheckboxField, SelectField, TextField } from '../../components/field.tsx';
import { KeyValueEditor, type KeyValueRow, toRecord } from '../../components/key-value-editor.tsx';
import { FormMessage } from '../../components/notice.tsx';
import { post } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import type { Endpoint } from '../endpoints/endpoint-types.ts';
import type { Widget } from '../widgets/widget-types.ts';
import { describeAction } from './describe-action.ts';

interface DryRun {
  matches: { ruleId: string; name: string; matched: boolean; reason: string }[];
  actions: {
    ruleId: string;
    type: string;
    request?: { method: string; url: string; headers?: Record<string, string>; body?: string };
    [k: string]: unknown;
  }[];
  unknownVariables?: string[];
  errors?: string[];
  variables?: Record<string, string>;
}

/** "Test rule": a dry-run of POST /rules/test — which rules match and why, and the actions that would run. */
export function RuleTestPanel({
  ruleId,
  widgets,
  endpoints,
  beforeRun,
}: {
  ruleId?: string;
  widgets: Widget[];
  endpoints: Endpoint[];
  /** Saves the rule being edited first: its id to test, or false to stop (the form shows why). */
  beforeRun?: () => Promise<string | false>;
}) {
  const [message, setMessage] = useState('');
  const [variables, setVariables] = useState<KeyValueRow[]>([]);
  const [widgetId, setWidgetId] = useState('');
  const [execute, setExecute] = useState(false);
  const [result, setResult] = useState<DryRun | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  // On a rule's own page (it passes beforeRun) only that rule is tested.
  const single = ruleId !== undefined || beforeRun !== undefined;
  const endpointName = (id: string) => endpoints.find((e) => e.id === id)?.name;

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    try {
      const testedId = beforeRun ? await beforeRun() : ruleId;
      if (testedId === false) return;
      setResult(
        await post<DryRun>('/rules/test', {
          message,
          variables: toRecord(variables),
          ...(widgetId ? { widgetId } : {}),
          ...(testedId ? { ruleId: testedId } : {}),
          execute,
        }),
      );
    } catch (error) {
      setErrors(
        toFormErrors(error, (p) => ['message', 'widgetId'].includes(p) || p.startsWith('variables.')),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-grid" onSubmit={run} noValidate aria-labelledby="rule-test-heading">
      <h2 id="rule-test-heading">{single ? 'Test this rule' : 'Test rules'}</h2>
      <p className="field-hint">
        A dry run: nothing is stored and no API is called
        {single ? '; this rule is tested even when disabled' : ''}.
      </p>
      <FormMessage error={errors.form} />
      <TextField
        label="Visitor message"
        value={message}
        onValue={setMessage}
        error={errors.fields.message}
        placeholder="How much is product 42?"
      />
      <div className="row">
        <SelectField
          label="Widget"
          value={widgetId}
          onValue={setWidgetId}
          options={[
            { value: '', label: 'Any widget' },
            ...widgets.map((w) => ({ value: w.id, label: w.name })),
          ]}
          error={errors.fields.widgetId}
        />
        <CheckboxField label="Really call the APIs (execute)" checked={execute} onValue={setExecute} />
      </div>
      <KeyValueEditor
        legend="Session variables"
        rows={variables}
        onChange={setVariables}
        errorFor={(key) => errors.fields[`variables.${key}`]}
      />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy || !message.trim()}>
          {busy ? 'Testing…' : single ? 'Test rule' : 'Test rules'}
        </button>
      </div>
      {result && (
        <div aria-live="polite" data-testid="rule-test-result">
          <h3>Rules</h3>
          {result.matches.length === 0 && <p className="muted">No enabled rules were evaluated.</p>}
          <ul className="result-list">
            {result.matches.map((m) => (
              <li key={m.ruleId}>
                <span className={`badge ${m.matched ? 'badge-ok' : 'badge-muted'}`}>
                  {m.matched ? 'matches' : 'no match'}
                </span>{' '}
                <strong>{m.name}</strong> <span className="small muted">{m.reason}</span>
              </li>
            ))}
          </ul>
          <h3>Actions that would run</h3>
          {result.actions.length === 0 && <p className="muted">None.</p>}
          <ol className="result-list">
            {result.actions.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed result list
              <li key={i}>
                {describeAction(a, endpointName)}
                {a.request && (
                  <div className="cell-url">
                    {a.request.method} {a.request.url}
                  </div>
                )}
              </li>
            ))}
          </ol>
          {result.unknownVariables && result.unknownVariables.length > 0 && (
            <p className="small field-error">Unknown variables: {result.unknownVariables.join(', ')}</p>
          )}
          {result.errors?.map((e) => (
            <p key={e} className="small field-error">
              {e}
            </p>
          ))}
        </div>
      )}
    </form>
  );
}
