import { type FormEvent, useRef, useState } from 'react';
import { CheckboxField, SelectField, TextField } from '../../components/field.tsx';
import { KeyValueEditor, type KeyValueRow, toRecord } from '../../components/key-value-editor.tsx';
import { FormMessage } from '../../components/notice.tsx';
import { ApiError, post } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import { describeDetail } from '../../lib/human-messages.ts';
import type { Endpoint } from '../endpoints/endpoint-types.ts';
import type { Operator } from '../inbox/inbox-types.ts';
import type { Widget } from '../widgets/widget-types.ts';
import type { RuleDraft } from './build-rule-body.ts';
import { describeAction, lookupNames } from './describe-action.ts';
import type { RuleDraftHandle } from './rule-form.tsx';

interface DryRun {
  /** `ruleId` is null for the unsaved rule sent inline. */
  matches: { ruleId: string | null; name: string; matched: boolean; reason: string }[];
  actions: {
    ruleId: string | null;
    type: string;
    request?: { method: string; url: string; headers?: Record<string, string>; body?: string };
    [k: string]: unknown;
  }[];
  unknownVariables?: string[];
  errors?: string[];
  variables?: Record<string, string>;
}

/** The panel's own fields; every other detail of a 400 is about the inline rule. */
const panelField = (path: string) => ['message', 'widgetId'].includes(path) || path.startsWith('variables.');
const RULE_PREFIX = /^(body\.)?rule\./;

/** Splits a 400 of POST /rules/test: details about `rule.*` belong to the rule editor above. */
function splitRuleErrors(error: ApiError): { rule: ApiError | null; rest: ApiError } {
  const ruleDetails = error.details.filter((d) => d.path && RULE_PREFIX.test(d.path));
  if (ruleDetails.length === 0) return { rule: null, rest: error };
  const restDetails = error.details.filter((d) => !ruleDetails.includes(d));
  const rule = new ApiError(
    error.status,
    error.code,
    'Please correct the highlighted fields.',
    ruleDetails.map((d) => ({ ...d, path: d.path?.replace(RULE_PREFIX, '') })),
  );
  return { rule, rest: new ApiError(error.status, error.code, error.message, restDetails) };
}

const problemsText = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([path, message]) => describeDetail(path, message))
    .join(' ');

/**
 * "Test rule(s)": a dry run of POST /rules/test — which rules match and why, and the actions that
 * would run. On a rule's page (`draft` given) the editor's current, unsaved draft is sent inline as
 * `rule` and evaluated alone: testing never saves or enables anything.
 */
export function RuleTestPanel({
  widgets,
  endpoints,
  operators,
  draft,
}: {
  widgets: Widget[];
  endpoints: Endpoint[];
  operators: Operator[];
  /** The rule editor of this page; absent on the rules list, which tests the stored rules. */
  draft?: () => RuleDraftHandle | null;
}) {
  const [message, setMessage] = useState('');
  const [variables, setVariables] = useState<KeyValueRow[]>([]);
  const [widgetId, setWidgetId] = useState('');
  const [execute, setExecute] = useState(false);
  const [result, setResult] = useState<DryRun | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  // Errors this panel put into the rule editor, taken away again on the next run.
  const markedRule = useRef(false);
  const single = draft !== undefined;
  const names = { endpoint: lookupNames(endpoints), operator: lookupNames(operators) };

  /** The inline rule to send, or null after saying what to fix. */
  const inlineRule = (): RuleDraft | null | undefined => {
    if (!draft) return undefined;
    const editor = draft();
    if (!editor) {
      setErrors({ form: 'The rule editor is not ready yet; try again in a moment.', fields: {} });
      return null;
    }
    if (markedRule.current) editor.showErrors(noErrors);
    const built = editor.build();
    markedRule.current = !built.ok;
    if (!built.ok) {
      setErrors({
        form: `Fix the rule above before testing it: ${problemsText(built.fields)}`,
        fields: {},
      });
      return null;
    }
    // A name is needed to store a rule, not to try one.
    return { ...built.body, name: built.body.name.trim() || 'Unnamed rule' };
  };

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setErrors(noErrors);
    setResult(null);
    const rule = inlineRule();
    if (rule === null) return;
    setBusy(true);
    try {
      setResult(
        await post<DryRun>('/rules/test', {
          message,
          variables: toRecord(variables),
          ...(widgetId ? { widgetId } : {}),
          ...(rule ? { rule } : {}),
          execute,
        }),
      );
    } catch (error) {
      const split = error instanceof ApiError ? splitRuleErrors(error) : null;
      if (split?.rule) {
        const ruleErrors = toFormErrors(split.rule);
        draft?.()?.showErrors(ruleErrors);
        markedRule.current = true;
        const rest = split.rest.details.length > 0 ? toFormErrors(split.rest, panelField) : noErrors;
        setErrors({
          form: [`Fix the rule above before testing it: ${problemsText(ruleErrors.fields)}`, rest.form]
            .filter(Boolean)
            .join(' '),
          fields: rest.fields,
        });
      } else {
        setErrors(toFormErrors(error, panelField));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-grid" onSubmit={run} noValidate aria-labelledby="rule-test-heading">
      <h2 id="rule-test-heading">{single ? 'Test this rule' : 'Test rules'}</h2>
      <p className="field-hint">
        {single
          ? 'A dry run of the rule as edited above: testing never saves it, and no API is called unless you tick “Really call the APIs”. It is tested even when disabled.'
          : 'A dry run of the saved, enabled rules: no conversation is touched, and no API is called unless you tick “Really call the APIs”.'}
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
              <li key={m.ruleId ?? 'draft'}>
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
                {describeAction(a, names)}
                {a.request && (
                  <div className="cell-url">
                    {a.request.method} {a.request.url}
                  </div>
                )}
                {Array.isArray(a.wouldMap) && a.wouldMap.length > 0 && (
                  <div className="small muted">
                    Not sent, so nothing mapped yet: would set {a.wouldMap.join(', ')} (tick “Really call the
                    APIs (execute)” to see the values)
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
