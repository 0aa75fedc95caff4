import { useState } from 'react';
import { EmptyState, FormMessage, LoadState } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { patch } from '../../lib/api-client.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { Connection } from '../connections/connection-types.ts';
import { endpointName } from '../endpoints/endpoint-label.ts';
import type { Endpoint } from '../endpoints/endpoint-types.ts';
import type { Operator } from '../inbox/inbox-types.ts';
import type { Widget } from '../widgets/widget-types.ts';
import { lookupNames } from './describe-action.ts';
import { FallbackReplyForm } from './fallback-reply-form.tsx';
import { priorityChanges } from './reorder.ts';
import { RuleList } from './rule-list.tsx';
import { RuleTestPanel } from './rule-test-panel.tsx';
import type { Rule } from './rule-types.ts';

export function RulesPage() {
  const rules = useApi<Rule[]>('/rules?limit=500');
  const endpoints = useApi<Endpoint[]>('/endpoints?limit=200', { cached: true });
  const connections = useApi<Connection[]>('/connections?limit=100', { cached: true });
  const widgets = useApi<Widget[]>('/widgets', { cached: true });
  const operators = useApi<Operator[]>('/operators', { cached: true });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const names = {
    // "Shop API › Order status": endpoints of the same name on two connections stay apart.
    endpoint: lookupNames(
      endpoints.data?.map((e) => ({ id: e.id, name: endpointName(e, connections.data) })),
      endpoints.meta?.total,
    ),
    operator: lookupNames(operators.data, operators.meta?.total),
  };

  const reorder = async (ordered: Rule[]) => {
    const changes = priorityChanges(ordered);
    const byId = new Map(changes.map((c) => [c.id, c.priority]));
    rules.setData(() => ordered.map((r) => ({ ...r, priority: byId.get(r.id) ?? r.priority })));
    setBusy(true);
    setError(null);
    try {
      for (const change of changes) await patch(`/rules/${change.id}`, { priority: change.priority });
    } catch (err) {
      setError(`Could not save the new order: ${(err as Error).message}`);
    } finally {
      setBusy(false);
      await rules.reload();
    }
  };

  const toggle = async (rule: Rule, enabled: boolean) => {
    setError(null);
    rules.setData((list) => list?.map((r) => (r.id === rule.id ? { ...r, enabled } : r)));
    try {
      await patch(`/rules/${rule.id}`, { enabled });
    } catch (err) {
      setError((err as Error).message);
      await rules.reload();
    }
  };

  return (
    <Page
      title="Rules"
      actions={
        <Link className="button-primary button-link" to="/rules/new">
          New rule
        </Link>
      }
    >
      <p className="lead">
        Rules run on every visitor message, lowest priority number first; a matching rule that stops
        processing ends the evaluation. Drag rules to reorder them.
      </p>
      <FormMessage error={error} />
      <LoadState loading={rules.loading && !rules.data} error={rules.error} onRetry={rules.reload} />
      {rules.data?.length === 0 && (
        <EmptyState title="No rules yet.">
          A rule reacts to visitor messages — for example, look up an order and reply with its status.
        </EmptyState>
      )}
      {rules.data && rules.data.length > 0 && (
        <RuleList rules={rules.data} onReorder={reorder} onToggle={toggle} names={names} busy={busy} />
      )}
      <RuleTestPanel
        widgets={widgets.data ?? []}
        endpoints={endpoints.data ?? []}
        operators={operators.data ?? []}
      />
      <FallbackReplyForm />
    </Page>
  );
}
