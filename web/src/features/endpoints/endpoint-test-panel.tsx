import { useRef, useState } from 'react';
import { JsonTree } from '../../components/json-tree.tsx';
import { isUnnamed, KeyValueEditor, type KeyValueRow, toRecord } from '../../components/key-value-editor.tsx';
import { FormMessage } from '../../components/notice.tsx';
import { post } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import type { EndpointField, EndpointTestResult } from './endpoint-types.ts';
import { sampleValuePlaceholder } from './field-placeholders.ts';

interface Props {
  /** Saves pending changes first; returns the endpoint id to test, or null when saving failed. */
  prepare: () => Promise<string | null>;
  /** Variable names the endpoint uses (fields and {placeholders}), offered as sample rows. */
  variableNames: string[];
  /** The declared fields, for sample values that fit their type. */
  fields: EndpointField[];
  /** Adds a mapping for a clicked leaf of the response. */
  onMap: (path: string) => void;
  mappedPaths: string[];
}

const LEGEND = 'Sample variables';

const validationText = (e: string | { message?: string }) =>
  typeof e === 'string' ? e : (e.message ?? JSON.stringify(e));

function Headers({ headers }: { headers: Record<string, string> }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return null;
  return (
    <dl className="variables">
      {entries.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "Test endpoint": a real call with sample variables; shows request, status, timing, body, mapped values. */
export function EndpointTestPanel({ prepare, variableNames, fields, onMap, mappedPaths }: Props) {
  const [rows, setRows] = useState<KeyValueRow[]>(() => variableNames.map((key) => ({ key, value: '' })));
  const [result, setResult] = useState<EndpointTestResult | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const missingRows = variableNames.filter((name) => !rows.some((r) => r.key === name));
  const section = useRef<HTMLElement>(null);
  // Said after a refused run until every row with a value has a name.
  const [refusedUnnamed, setRefusedUnnamed] = useState(false);
  const unnamedProblem =
    refusedUnnamed && rows.some(isUnnamed)
      ? 'Name every sample variable that has a value, or remove its row.'
      : null;

  const run = async () => {
    // A value without a name would be left out, and the call fail for a variable that seems given.
    const unnamed = rows.findIndex(isUnnamed);
    setRefusedUnnamed(unnamed >= 0);
    if (unnamed >= 0) {
      section.current?.querySelector<HTMLElement>(`[aria-label="${LEGEND} name ${unnamed + 1}"]`)?.focus();
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      const id = await prepare();
      if (!id) {
        setErrors({
          form: 'The endpoint could not be saved: correct the highlighted fields above first.',
          fields: {},
        });
        return;
      }
      setResult(await post<EndpointTestResult>(`/endpoints/${id}/test`, { variables: toRecord(rows) }));
    } catch (error) {
      setErrors(toFormErrors(error, (path) => path.startsWith('variables.')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="test-heading" ref={section}>
      <h2 id="test-heading">Test endpoint</h2>
      <KeyValueEditor
        legend={LEGEND}
        rows={rows}
        onChange={setRows}
        keyPlaceholder="Variable name"
        valuePlaceholder="4521"
        valuePlaceholderFor={(key) =>
          sampleValuePlaceholder(
            key,
            fields.find((f) => f.name === key),
          )
        }
        errorFor={(key) => errors.fields[`variables.${key}`]}
      />
      {missingRows.length > 0 && (
        <p className="small">
          Also used:{' '}
          {missingRows.map((name, i) => (
            <span key={name}>
              {i > 0 && ', '}
              <button
                type="button"
                className="link-button"
                onClick={() => setRows([...rows, { key: name, value: '' }])}
              >
                {name}
              </button>
            </span>
          ))}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button-primary" onClick={run} disabled={busy}>
          {busy ? 'Calling…' : 'Test endpoint'}
        </button>
        <span className="muted small">Unsaved changes are saved first.</span>
      </div>
      <FormMessage error={unnamedProblem ?? errors.form} />
      {result && (
        <div className="test-output" aria-live="polite" data-testid="endpoint-test-result">
          <p>
            <span className={`badge ${result.ok ? 'badge-ok' : 'badge-error'}`}>
              {result.response ? `HTTP ${result.response.status}` : (result.error?.code ?? 'failed')}
            </span>{' '}
            <span className="muted">{result.durationMs} ms</span>
          </p>
          {result.error && <div className="notice notice-error">{result.error.message}</div>}
          {/* A missing value fails the call with the same list as `missing`: say it once. */}
          {result.missing.length > 0 && result.error?.code !== 'MISSING_VARIABLES' && (
            <div className="notice notice-error">Missing variables: {result.missing.join(', ')}</div>
          )}
          {!result.validation.passed && (
            <div className="notice notice-error">
              Validation failed: {result.validation.errors.map(validationText).join(' ')}
            </div>
          )}
          <div className="two-col">
            <div>
              <h3>Request</h3>
              {result.request ? (
                <>
                  <p className="cell-url">
                    {result.request.method} {result.request.url}
                  </p>
                  <Headers headers={result.request.headers} />
                  {result.request.body && <pre className="code-block">{result.request.body}</pre>}
                </>
              ) : (
                <p className="muted">Not sent.</p>
              )}
              <h3>Mapped values</h3>
              {Object.keys(result.mapped).length > 0 ? (
                <dl className="variables" data-testid="mapped-values">
                  {Object.entries(result.mapped).map(([k, v]) => (
                    <div key={k} style={{ display: 'contents' }}>
                      <dt>{k}</dt>
                      <dd>{v}</dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <p className="muted small">None yet — click a value in the response to map it.</p>
              )}
              {result.unmapped.length > 0 && (
                <p className="small field-error">Not in this response: {result.unmapped.join(', ')}</p>
              )}
            </div>
            <div>
              <h3>Response body</h3>
              {result.response ? (
                <JsonTree value={result.response.body} onPick={onMap} picked={mappedPaths} />
              ) : (
                <p className="muted">No response.</p>
              )}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
