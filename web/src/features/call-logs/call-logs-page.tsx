import { useState } from 'react';
import { SelectField, TextField } from '../../components/field.tsx';
import { EmptyState, LoadState } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { query } from '../../lib/api-client.ts';
import { callErrorText, formatTime } from '../../lib/format.ts';
import { Link, navigate, useSearchParams } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { isAdmin, useSignedIn } from '../auth/session.tsx';
import type { Connection } from '../connections/connection-types.ts';
import type { Endpoint } from '../endpoints/endpoint-types.ts';
import type { CallLog } from './call-log-types.ts';

const PAGE = 50;

/** Every outbound call, newest first, filtered by connection, endpoint or conversation (kept in the URL). */
export function CallLogsPage() {
  const admin = isAdmin(useSignedIn());
  const params = useSearchParams();
  const connectionId = params.get('connectionId') ?? '';
  const endpointId = params.get('endpointId') ?? '';
  const conversationId = params.get('conversationId') ?? '';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const [conversationInput, setConversationInput] = useState(conversationId);

  const logs = useApi<CallLog[]>(
    `/call-logs${query({ connectionId, endpointId, conversationId, limit: PAGE, offset })}`,
  );
  // Operators may read the log but not the connection settings: they see each call's request
  // (method and URL) without the Endpoint column, which would stay blank for them.
  const connections = useApi<Connection[]>(admin ? '/connections?limit=100' : null, { cached: true });
  const endpoints = useApi<Endpoint[]>(admin ? '/endpoints?limit=200' : null, { cached: true });
  const connectionName = (id: string | null) => connections.data?.find((c) => c.id === id)?.name;
  const endpointName = (id: string | null) => endpoints.data?.find((e) => e.id === id)?.name;

  const setFilter = (changes: Record<string, string>) => {
    const next = { connectionId, endpointId, conversationId, ...changes };
    navigate(`/call-logs${query(next)}`, { replace: true });
  };

  const total = logs.meta?.total ?? 0;
  const shownEndpoints = (endpoints.data ?? []).filter(
    (e) => !connectionId || e.connectionId === connectionId,
  );
  return (
    <Page title="Call log" wide>
      <p className="lead">
        Every call Parley made to your APIs — from rules, the AI and test buttons. Secrets are redacted.
      </p>
      <form
        className="filters"
        aria-label="Filter calls"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ conversationId: conversationInput.trim() });
        }}
      >
        {admin && (
          <SelectField
            label="Connection"
            value={connectionId}
            onValue={(v) => setFilter({ connectionId: v, endpointId: '' })}
            options={[
              { value: '', label: 'All connections' },
              ...(connections.data ?? []).map((c) => ({ value: c.id, label: c.name })),
            ]}
          />
        )}
        {admin && (
          <SelectField
            label="Endpoint"
            value={endpointId}
            onValue={(v) => setFilter({ endpointId: v })}
            options={[
              { value: '', label: 'All endpoints' },
              ...shownEndpoints.map((e) => ({ value: e.id, label: e.name })),
            ]}
          />
        )}
        <TextField
          label="Conversation ID"
          value={conversationInput}
          onValue={setConversationInput}
          placeholder="any"
        />
        <button type="submit" className="button-secondary">
          Apply
        </button>
      </form>
      <LoadState loading={logs.loading && !logs.data} error={logs.error} onRetry={logs.reload} />
      {logs.data?.length === 0 && (
        <EmptyState title="No calls match.">
          Calls appear here when rules, the AI or a test button call an endpoint.
        </EmptyState>
      )}
      {logs.data && logs.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                {admin && <th scope="col">Endpoint</th>}
                <th scope="col">Request</th>
                <th scope="col">Status</th>
                <th scope="col">Duration</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {logs.data.map((log) => (
                <tr key={log.id}>
                  <td>{formatTime(log.createdAt)}</td>
                  {admin && (
                    <td>
                      {endpointName(log.endpointId) ?? (log.endpointId ? '' : withoutEndpoint(log.source))}
                      <div className="muted small">{connectionName(log.connectionId)}</div>
                    </td>
                  )}
                  <td className="cell-url">
                    {log.method} {log.url}
                    {log.error && <div className="field-error">{callErrorText(log.error)}</div>}
                  </td>
                  <td>
                    <span className={`badge ${log.ok ? 'badge-ok' : 'badge-error'}`}>
                      {log.status ?? 'error'}
                    </span>
                  </td>
                  <td>{log.durationMs} ms</td>
                  <td>
                    {log.source}
                    {log.conversationId && (
                      <div className="small">
                        <Link to={`/inbox/${log.conversationId}`}>conversation</Link>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > PAGE && (
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            className="button-secondary"
            disabled={offset === 0}
            onClick={() =>
              navigate(
                `/call-logs${query({ connectionId, endpointId, conversationId, offset: Math.max(0, offset - PAGE) || undefined })}`,
              )
            }
          >
            Newer
          </button>
          <span className="muted small">
            {offset + 1}–{Math.min(offset + PAGE, total)} of {total}
          </span>
          <button
            type="button"
            className="button-secondary"
            disabled={offset + PAGE >= total}
            onClick={() =>
              navigate(
                `/call-logs${query({ connectionId, endpointId, conversationId, offset: offset + PAGE })}`,
              )
            }
          >
            Older
          </button>
        </nav>
      )}
    </Page>
  );
}

/** What a call that belongs to no endpoint was. */
function withoutEndpoint(source: string): string {
  if (source === 'llm') return 'AI model';
  if (source === 'import') return 'OpenAPI import';
  return 'Connection test';
}
