import { useEffect } from 'react';
import { LoadState } from '../../components/notice.tsx';
import { query } from '../../lib/api-client.ts';
import { callErrorText, formatTime } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { isAdmin, useSignedIn } from '../auth/session.tsx';
import type { CallLog } from '../call-logs/call-log-types.ts';
import type { Endpoint } from '../endpoints/endpoint-types.ts';
import { lookupNames } from '../rules/describe-action.ts';
import type { Operator } from './inbox-types.ts';
import { RuleLogList } from './rule-log-list.tsx';

function Variables({ variables }: { variables: Record<string, string> }) {
  const entries = Object.entries(variables);
  if (entries.length === 0) return <p className="muted small">No session variables yet.</p>;
  return (
    <dl className="variables">
      {entries.map(([name, value]) => (
        <div key={name} style={{ display: 'contents' }}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function CallLogList({ conversationId, version }: { conversationId: string; version: number }) {
  const logs = useApi<CallLog[]>(`/call-logs${query({ conversationId, limit: 20 })}`);
  const { reload } = logs;
  useEffect(() => {
    if (version > 0) void reload();
  }, [version, reload]);
  if (!logs.data) return <LoadState loading={logs.loading} error={logs.error} onRetry={logs.reload} />;
  if (logs.data.length === 0) return <p className="muted small">No API calls in this conversation.</p>;
  return (
    <ul className="log-list" aria-label="API calls">
      {logs.data.map((log) => (
        <li key={log.id}>
          <div>
            <span className={`badge ${log.ok ? 'badge-ok' : 'badge-error'}`}>{log.status ?? 'error'}</span>{' '}
            <strong>{log.method}</strong> <span className="cell-url">{log.url}</span>
          </div>
          <div className="muted small">
            {formatTime(log.createdAt)} · {log.durationMs} ms
            {log.error ? ` · ${callErrorText(log.error)}` : ''}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Variables, rule log and call log of one conversation; `version` bumps refetch the logs. */
export function ConversationSidePanel({
  conversationId,
  variables,
  version,
}: {
  conversationId: string;
  variables: Record<string, string>;
  version: number;
}) {
  // Endpoint names are settings (admins only); operators read "an API endpoint" instead.
  const admin = isAdmin(useSignedIn());
  const endpoints = useApi<Endpoint[]>(admin ? '/endpoints?limit=200' : null, { cached: true });
  const operators = useApi<Operator[]>('/operators', { cached: true });
  const names = {
    endpoint: lookupNames(endpoints.data, endpoints.meta?.total),
    operator: lookupNames(operators.data, operators.meta?.total),
  };
  return (
    <aside className="side-panel" aria-label="Conversation details">
      <section className="card">
        <h2>Session variables</h2>
        <Variables variables={variables} />
      </section>
      <section className="card">
        <h2>Rule log</h2>
        <RuleLogList conversationId={conversationId} version={version} names={names} />
      </section>
      <section className="card">
        <h2>API calls</h2>
        <CallLogList conversationId={conversationId} version={version} />
        <p className="small">
          <Link to={`/call-logs?conversationId=${conversationId}`}>Open in the call log</Link>
        </p>
      </section>
    </aside>
  );
}
