import { type FormEvent, useState } from 'react';
import { SelectField, TextArea } from '../../components/field.tsx';
import { FormMessage } from '../../components/notice.tsx';
import { api } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import { Link } from '../../lib/router.tsx';
import type { Connection } from './connection-types.ts';

/** The import answer: tolerant of the exact shape, it needs the connection and what was created. */
interface ImportResult {
  connection?: { id: string; name: string };
  connectionId?: string;
  endpoints?: { id: string; name: string }[];
  created?: number;
  skipped?: unknown[];
  warnings?: string[];
}

/** Paste an OpenAPI 3 / Swagger 2 document (JSON or YAML) or its URL; endpoints are created from it. */
export function ImportOpenApi({ connections, onDone }: { connections: Connection[]; onDone: () => void }) {
  const [spec, setSpec] = useState('');
  const [connectionId, setConnectionId] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);

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
      onDone();
    } catch (error) {
      setErrors(toFormErrors(error, (path) => path === 'spec' || path === 'connectionId'));
    } finally {
      setBusy(false);
    }
  };

  const targetId = result?.connection?.id ?? result?.connectionId ?? connectionId;
  const count = result?.endpoints?.length ?? result?.created;
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
          Imported{count !== undefined ? ` ${count} endpoint${count === 1 ? '' : 's'}` : ''}.{' '}
          {targetId && <Link to={`/connections/${targetId}`}>Open the connection</Link>}
          {result.warnings?.length ? <div className="small">{result.warnings.join(' ')}</div> : null}
        </div>
      )}
    </form>
  );
}
