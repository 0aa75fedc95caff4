import { type FormEvent, useState } from 'react';
import { TextField } from '../../components/field.tsx';
import { KeyValueEditor, type KeyValueRow, toRecord, toRows } from '../../components/key-value-editor.tsx';
import { FormMessage } from '../../components/notice.tsx';
import { patch, post } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useUnsavedChanges } from '../../lib/unsaved-changes.ts';
import { type AuthDraft, AuthFields, authBody } from './auth-fields.tsx';
import { type AuthType, type Connection, secretField } from './connection-types.ts';

const known = (path: string) => /^(name|baseUrl|auth|headers)(\.|$)/.test(path);

function draftOf(connection?: Connection): AuthDraft {
  const draft: AuthDraft = {};
  if (!connection) return draft;
  const secret = secretField[connection.auth.type];
  for (const [key, value] of Object.entries(connection.auth)) {
    if (key !== 'type' && key !== secret && (typeof value === 'string' || typeof value === 'number'))
      draft[key] = String(value);
  }
  return draft;
}

/** Create or edit a connection: name, base URL, auth (secrets only replaced, never shown), headers. */
export function ConnectionForm({
  connection,
  onSaved,
}: {
  connection?: Connection;
  onSaved: (c: Connection) => void;
}) {
  const [name, setName] = useState(connection?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(connection?.baseUrl ?? '');
  const [type, setType] = useState<AuthType>(connection?.auth.type ?? 'none');
  const [draft, setDraft] = useState<AuthDraft>(() => draftOf(connection));
  // What was typed into each auth type's secret field: trying another type and coming back keeps it.
  const [typedSecrets, setTypedSecrets] = useState<Partial<Record<AuthType, string>>>({});
  const secret = typedSecrets[type];
  const setSecret = (value: string | undefined) => setTypedSecrets((typed) => ({ ...typed, [type]: value }));
  const [headers, setHeaders] = useState<KeyValueRow[]>(() => toRows(connection?.headers));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = { name, baseUrl, type, draft, headers };
  const unsaved = useUnsavedChanges({ ...form, secret });

  const storedSecretName = connection ? secretField[connection.auth.type] : null;
  const maskedSecret =
    connection && connection.auth.type === type && storedSecretName
      ? String(connection.auth[storedSecretName] ?? '') || null
      : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    setSaved(null);
    // A new secret field (new connection, or a changed auth type) must be sent even if empty.
    const typedSecret = secret ?? (maskedSecret ? undefined : '');
    const body = { name, baseUrl, auth: authBody(type, draft, typedSecret), headers: toRecord(headers) };
    try {
      const result = connection
        ? await patch<Connection>(`/connections/${connection.id}`, body)
        : await post<Connection>('/connections', body);
      setTypedSecrets({});
      unsaved.markSaved(form);
      setSaved('Saved.');
      onSaved(result);
    } catch (error) {
      setErrors(toFormErrors(error, known));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-grid" onSubmit={submit} noValidate aria-label="Connection settings">
      <FormMessage error={errors.form} success={saved} />
      <div className="row">
        <TextField
          label="Name"
          value={name}
          onValue={setName}
          error={errors.fields.name}
          placeholder="Order Management API"
        />
        <TextField
          label="Base URL"
          value={baseUrl}
          onValue={setBaseUrl}
          error={errors.fields.baseUrl}
          placeholder="https://api.shop.com/v2"
          inputMode="url"
        />
      </div>
      <AuthFields
        type={type}
        onType={setType}
        draft={draft}
        onDraft={setDraft}
        secret={secret}
        onSecret={setSecret}
        maskedSecret={maskedSecret}
        errors={errors}
      />
      <KeyValueEditor
        legend="Headers"
        hint="Sent with every call of this connection."
        rows={headers}
        onChange={setHeaders}
        keyPlaceholder="Accept-Language"
        valuePlaceholder="en"
        errorFor={(key) => errors.fields[`headers.${key}`]}
        error={errors.fields.headers}
      />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {connection ? 'Save connection' : 'Create connection'}
        </button>
      </div>
    </form>
  );
}
