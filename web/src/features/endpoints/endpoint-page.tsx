import { useState } from 'react';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { FormMessage, LoadState } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { del } from '../../lib/api-client.ts';
import { Link, navigate, replaceUrl } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { Rule } from '../rules/rule-types.ts';
import { rulesCalling, turnedOffWarning } from '../rules/rules-calling.ts';
import { EndpointEditor } from './endpoint-editor.tsx';
import type { Endpoint } from './endpoint-types.ts';

/** `/endpoints/:id`, or `/connections/:id/endpoints/new` (id "new" with the connection's id). */
export function EndpointPage({ id, connectionId }: { id: string; connectionId?: string }) {
  const isNew = id === 'new';
  const endpoint = useApi<Endpoint>(isNew ? null : `/endpoints/${id}`);
  const all = useApi<Endpoint[]>('/endpoints?limit=200', { cached: true });
  const rules = useApi<Rule[]>('/rules?limit=500', { cached: true });
  // The endpoint as last saved here: a new one has its name (and delete button) after its first save.
  const [saved, setSaved] = useState<Endpoint | null>(null);
  const current = saved ?? endpoint.data;
  const mappedElsewhere = (all.data ?? [])
    .filter((e) => e.id !== current?.id)
    .flatMap((e) => e.responseMapping.map((m) => m.to));
  const [error, setError] = useState<string | null>(null);
  const owner = connectionId ?? endpoint.data?.connectionId;
  const back = owner ? (
    <Link to={`/connections/${owner}`}>← Connection</Link>
  ) : (
    <Link to="/connections">← API connections</Link>
  );

  if (!(isNew && connectionId) && !endpoint.data) {
    return (
      <Page title="Endpoint">
        <LoadState loading={endpoint.loading} error={endpoint.error} onRetry={endpoint.reload} />
      </Page>
    );
  }
  const remove = async () => {
    try {
      await del(`/endpoints/${current?.id}`);
      navigate(`/connections/${current?.connectionId}`, { force: true });
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Page
      title={current?.name || 'New endpoint'}
      actions={
        current && (
          <>
            <Link className="button-secondary button-link" to={`/call-logs?endpointId=${current.id}`}>
              Call log
            </Link>
            <ConfirmButton
              label="Delete endpoint"
              warning={
                rules.data
                  ? turnedOffWarning(rulesCalling(rules.data, [current.id]))
                  : 'Any enabled rule that calls it will be turned off.'
              }
              onConfirm={remove}
            />
          </>
        )
      }
    >
      <p className="lead">{back}</p>
      <FormMessage error={error} />
      <EndpointEditor
        endpoint={endpoint.data}
        connectionId={owner ?? ''}
        mappedElsewhere={mappedElsewhere}
        onSaved={(e) => {
          setSaved(e);
          // Keep the editor mounted (and its state) while the address becomes the endpoint's own.
          if (isNew) replaceUrl(`/endpoints/${e.id}`);
        }}
      />
    </Page>
  );
}
