import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { TextField } from '../../components/field.tsx';
import { EmptyState, FormMessage, LoadState } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { del, post } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import { formatTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Shown once, right after creation; leaving the page (or dismissing) forgets it for good. */
function NewKey({ created, onDismiss }: { created: ApiKey & { key: string }; onDismiss: () => void }) {
  return (
    <div className="notice notice-success new-secret" role="status">
      <p>
        <strong>Copy the key “{created.name}” now.</strong> It is shown only this once; Parley stores only its
        hash.
      </p>
      <div className="secret-row">
        <code className="secret-value" data-testid="new-api-key">
          {created.key}
        </code>
        <CopyButton text={created.key} label="Copy key" />
      </div>
      <button type="button" className="button-secondary" onClick={onDismiss}>
        I have copied it
      </button>
    </div>
  );
}

export function ApiKeysPage() {
  const keys = useApi<ApiKey[]>('/api-keys');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [created, setCreated] = useState<(ApiKey & { key: string }) | null>(null);
  const [listError, setListError] = useState<string | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setErrors(noErrors);
    try {
      const key = await post<ApiKey & { key: string }>('/api-keys', { name });
      setCreated(key);
      setName('');
      await keys.reload();
    } catch (error) {
      setErrors(toFormErrors(error, (path) => path === 'name'));
    }
  };

  const revoke = async (id: string) => {
    setListError(null);
    try {
      await del(`/api-keys/${id}`);
      if (created?.id === id) setCreated(null);
      await keys.reload();
    } catch (error) {
      setListError((error as Error).message);
    }
  };

  return (
    <Page title="API keys">
      <p className="lead">
        Keys let your own scripts use the Tenant API (<code>X-Api-Key</code> header). Treat a key like a
        password.
      </p>
      {created && <NewKey created={created} onDismiss={() => setCreated(null)} />}
      <form className="card inline-form" onSubmit={create} noValidate>
        <FormMessage error={errors.form} />
        <TextField
          label="Key name"
          placeholder="CRM sync"
          value={name}
          onValue={setName}
          error={errors.fields.name}
        />
        <button type="submit" className="button-primary">
          Create API key
        </button>
      </form>
      <FormMessage error={listError} />
      <LoadState loading={keys.loading && !keys.data} error={keys.error} onRetry={keys.reload} />
      {keys.data && keys.data.length === 0 && (
        <EmptyState title="No API keys yet.">
          Create one above to call the Tenant API from your systems.
        </EmptyState>
      )}
      {keys.data && keys.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>{formatTime(key.createdAt)}</td>
                  <td>{key.lastUsedAt ? formatTime(key.lastUsedAt) : 'Never'}</td>
                  <td className="cell-actions">
                    <ConfirmButton
                      label="Revoke"
                      accessibleLabel={`Revoke ${key.name}`}
                      onConfirm={() => revoke(key.id)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
