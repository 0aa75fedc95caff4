import { useState } from 'react';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { FormMessage, LoadState } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { del } from '../../lib/api-client.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { EndpointEditor } from './endpoint-editor.tsx';
import type { Endpoint } from './endpoint-types.ts';

/** `/endpoints/:id`, or `/connections/:id/endpoints/new` (id "new" with the connection's id). */
export function EndpointPage({ id, connectionId }: { id: string; connectionId?: string }) {
  const isNew = id === 'new';
  const endpoint = useApi<Endpoint>(isNew ? null : `/endpoints/${id}`);
  const all = useApi<Endpoint[]>('/endpoints?limit=200', { cached: true });
  const mappedElsewhere = (all.data ?? [])
    .filter((e) => e.id !== id)
    .flatMap((e) => e.responseMapping.map((m) => m.to));
  const [error, setError] = useState<string | null>(null);
  const owner = connectionId ?? endpoint.data?.connectionId;
  const back = owner ? (
    <Link to={`/connections/${owner}`}>← Connection</Link>
  ) : (
    <Link to="/connections">← API connections</Link>
  );

  if (isNew && connectionId) {
    return (
      <Page title="New endpoint">
        <p className="lead">{back}</p>
        <EndpointEditor
          connectionId={connectionId}
          mappedElsewhere={mappedElsewhere}
          onSaved={(e) => window.history.replaceState(null, '', `/app/endpoints/${e.id}`)}
        />
      </Page>
    );
  }
  if (!endpoint.data) {
    return (
      <Page title="Endpoint">
        <LoadState loading={endpoint.loading} error={endpoint.error} onRetry={endpoint.reload} />
      </Page>
    );
  }
  const remove = async () => {
    try {
      await del(`/endpoints/${id}`);
      navigate(`/connections/${endpoint.data?.connectionId}`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Page
      title={endpoint.data.name}
      actions={
        <>
          <Link className="button-secondary button-link" to={`/call-logs?endpointId=${id}`}>
            Call log
          </Link>
          <ConfirmButton label="Delete endpoint" onConfirm={remove} />
        </>
      }
    >
      <p className="lead">{back}</p>
      <FormMessage error={error} />
      <EndpointEditor
        endpoint={endpoint.data}
        connectionId={endpoint.data.connectionId}
        mappedElsewhere={mappedElsewhere}
        onSaved={() => undefined}
      />
    </Page>
  );
}
