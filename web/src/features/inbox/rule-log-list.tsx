import { useEffect } from 'react';
import { LoadState } from '../../components/notice.tsx';
import { query } from '../../lib/api-client.ts';
import { formatTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { type ActionNames, describeAction } from '../rules/describe-action.ts';
import { type DefaultAnswerLog, describeDefaultAnswer } from './default-answer.ts';

/** What the rules did with one visitor message (GET /rule-logs). */
interface RuleLog extends DefaultAnswerLog {
  id: string;
  createdAt: string;
  messageId: string | null;
  rules: { ruleId: string; name: string; matched: boolean; reason: string }[];
  actions: { ruleId: string; type: string; [detail: string]: unknown }[];
  errors: string[];
  unknownVariables: string[];
}

export function RuleLogList({
  conversationId,
  version,
  names,
}: {
  conversationId: string;
  version: number;
  names: ActionNames;
}) {
  const logs = useApi<RuleLog[]>(`/rule-logs${query({ conversationId, limit: 20 })}`);
  const { reload } = logs;
  useEffect(() => {
    if (version > 0) void reload();
  }, [version, reload]);

  if (!logs.data) return <LoadState loading={logs.loading} error={logs.error} onRetry={logs.reload} />;
  if (logs.data.length === 0) return <p className="muted small">No rules have run in this conversation.</p>;
  return (
    <ul className="log-list" aria-label="Rule log">
      {logs.data.map((entry) => {
        const matched = entry.rules.filter((r) => r.matched);
        return (
          <li key={entry.id}>
            <div className="muted small">{formatTime(entry.createdAt)}</div>
            {matched.length > 0 ? (
              matched.map((r) => (
                <div key={r.ruleId}>
                  <span className="badge badge-ok">matched</span> <strong>{r.name}</strong>{' '}
                  <span className="small muted">{r.reason}</span>
                </div>
              ))
            ) : (
              <div className="small">
                {entry.rules.length} rule{entry.rules.length === 1 ? '' : 's'} checked, none matched.
              </div>
            )}
            {describeDefaultAnswer(entry, names.operator).map((line) => (
              <div key={line} className="small">
                {line}
              </div>
            ))}
            {entry.actions.length > 0 && (
              <ol className="small">
                {entry.actions.map((a, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: log entries are fixed once written
                  <li key={i}>{describeAction(a, names)}</li>
                ))}
              </ol>
            )}
            {entry.errors.map((e) => (
              <div key={e} className="small field-error">
                {e}
              </div>
            ))}
            {entry.unknownVariables.length > 0 && (
              <div className="small muted">Unknown variables: {entry.unknownVariables.join(', ')}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
