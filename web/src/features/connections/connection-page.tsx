import { useState } from 'react';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { FormMessage, LoadState } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { del } from '../../lib/api-client.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { Endpoint } from '../endpoints/endpoint-types.ts';
import type { Rule } from '../rules/rule-types.ts';
import { rulesCalling, turnedOffWarning } from '../rules/rules-calling.ts';
import { ConnectionForm } from './connection-form.tsx';
import type { Connection } from './connection-types.ts';
import { EndpointList } from './endpoint-list.tsx';
import { TestConnectionButton } from './test-connection-button.tsx';

export function ConnectionPage({ id }: { id: string }) {
  const isNew = id === 'new';
  const connection = useApi<Connection>(isNew ? null : `/connections/${id}`);
  const endpoints = useApi<Endpoint[]>(isNew ? null : `/connections/${id}/endpoints?limit=200`);
  const rules = useApi<Rule[]>(isNew ? null : '/rules?limit=500', { cached: true });
  const [error, setError] = useState<string | null>(null);

  if (isNew) {
    return (
      <Page title="New connection">
        <p className="lead">
          <Link to="/connections">← API connections</Link>
        </p>
        <ConnectionForm onSaved={(c) => navigate(`/connections/${c.id}`, { replace: true, force: true })} />
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
  // Deleting the endpoints turns off the rules that call them (server side): say which, first.
  const warning =
    endpoints.data && rules.data
      ? turnedOffWarning(
          rulesCalling(
            rules.data,
            endpoints.data.map((e) => e.id),
          ),
        )
      : 'Any enabled rule that calls one of its endpoints will be turned off.';
  const remove = async () => {
    try {
      await del(`/connections/${id}`);
      navigate('/connections', { force: true });
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
            warning={warning}
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
      <EndpointList connectionId={id} endpoints={endpoints} />
    </Page>
  );
}
