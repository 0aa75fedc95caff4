import { type FormEvent, useState } from 'react';
import { SelectField, TextArea } from '../../components/field.tsx';
import { FormMessage } from '../../components/notice.tsx';
import { api } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import { Link } from '../../lib/router.tsx';
import { useUnsavedChanges } from '../../lib/unsaved-changes.ts';
import type { Connection } from './connection-types.ts';

/** 201 of POST /connections/import/openapi. */
interface ImportResult {
  connection: { id: string; name: string };
  endpoints: { id: string; name: string }[];
  skipped: { method: string; path: string; reason: string }[];
  notes: string[];
}

/** Paste an OpenAPI 3 / Swagger 2 document (JSON or YAML) or its URL; endpoints are created from it. */
export function ImportOpenApi({ connections, onDone }: { connections: Connection[]; onDone: () => void }) {
  const [spec, setSpec] = useState('');
  const [connectionId, setConnectionId] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  // A pasted document not imported yet is work: leaving the page asks first.
  const unsaved = useUnsavedChanges(spec);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    setResult(null);
    try {
      const res = await api<ImportResult>('POST', '/connections/import/openapi', {
        spec: spec.trim(),
        ...(connectionId ? { connectionId } : {}),
      });
      setResult(res.data);
      unsaved.markSaved(spec);
      onDone();
    } catch (error) {
      setErrors(toFormErrors(error, (path) => path === 'spec' || path === 'connectionId'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-grid" onSubmit={submit} noValidate aria-label="Import OpenAPI">
      <h2>Import from OpenAPI</h2>
      <FormMessage error={errors.form} />
      <TextArea
        label="OpenAPI document or URL"
        className="code-input"
        rows={8}
        value={spec}
        onValue={setSpec}
        placeholder={'https://api.example.com/openapi.json\n— or paste the JSON / YAML here'}
        error={errors.fields.spec}
      />
      <SelectField
        label="Add the endpoints to"
        value={connectionId}
        onValue={setConnectionId}
        options={[
          { value: '', label: 'A new connection (from the document’s server URL)' },
          ...connections.map((c) => ({ value: c.id, label: c.name })),
        ]}
        error={errors.fields.connectionId}
      />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy || !spec.trim()}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
      {result && (
        <div className="notice notice-success" role="status">
          Imported {result.endpoints.length} endpoint{result.endpoints.length === 1 ? '' : 's'} into{' '}
          <Link to={`/connections/${result.connection.id}`}>{result.connection.name}</Link>.
          {result.skipped.length > 0 && (
            <details>
              <summary>
                {result.skipped.length} operation{result.skipped.length === 1 ? '' : 's'} skipped
              </summary>
              <ul className="small">
                {result.skipped.map((s) => (
                  <li key={`${s.method} ${s.path}`}>
                    {s.method} {s.path}: {s.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {result.notes.length > 0 && (
            <ul className="small">
              {result.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
