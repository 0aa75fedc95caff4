import { useState } from 'react';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { FormMessage, LoadState } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { del } from '../../lib/api-client.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { ConnectionForm } from './connection-form.tsx';
import type { Connection } from './connection-types.ts';
import { EndpointList } from './endpoint-list.tsx';
import { TestConnectionButton } from './test-connection-button.tsx';

export function ConnectionPage({ id }: { id: string }) {
  const isNew = id === 'new';
  const connection = useApi<Connection>(isNew ? null : `/connections/${id}`);
  const [error, setError] = useState<string | null>(null);

  if (isNew) {
    return (
      <Page title="New connection">
        <p className="lead">
          <Link to="/connections">← API connections</Link>
        </p>
        <ConnectionForm onSaved={(c) => navigate(`/connections/${c.id}`, { replace: true })} />
      </Page>
    );
  }
  if (!connection.data) {
    return (
      <Page title="Connection">
        <LoadState loading={connection.loading} error={connection.error} onRetry={connection.reload} />
      </Page>
    );
  }
  const remove = async () => {
    try {
      await del(`/connections/${id}`);
      navigate('/connections');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Page
      title={connection.data.name}
      actions={
        <>
          <Link className="button-secondary button-link" to={`/call-logs?connectionId=${id}`}>
            Call log
          </Link>
          <ConfirmButton
            label="Delete connection"
            confirmLabel="Delete it and its endpoints"
            onConfirm={remove}
          />
        </>
      }
    >
      <p className="lead">
        <Link to="/connections">← API connections</Link>
      </p>
      <FormMessage error={error} />
      <ConnectionForm connection={connection.data} onSaved={(c) => connection.setData(() => c)} />
      <TestConnectionButton connectionId={id} />
      <EndpointList connectionId={id} />
    </Page>
  );
}
