import { useRef, useState } from 'react';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { FormMessage, LoadState } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { del } from '../../lib/api-client.ts';
import { Link, navigate, replaceUrl } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { Connection } from '../connections/connection-types.ts';
import type { Endpoint } from '../endpoints/endpoint-types.ts';
import type { Operator } from '../inbox/inbox-types.ts';
import type { Widget } from '../widgets/widget-types.ts';
import { emptyRule, type RuleDraftHandle, RuleForm } from './rule-form.tsx';
import { RuleTestPanel } from './rule-test-panel.tsx';
import type { Rule } from './rule-types.ts';

export function RulePage({ id }: { id: string }) {
  const isNew = id === 'new';
  const rule = useApi<Rule>(isNew ? null : `/rules/${id}`);
  const rules = useApi<Rule[]>(isNew ? '/rules?limit=500' : null);
  const endpoints = useApi<Endpoint[]>('/endpoints?limit=200', { cached: true });
  const connections = useApi<Connection[]>('/connections?limit=100', { cached: true });
  const operators = useApi<Operator[]>('/operators', { cached: true });
  const widgets = useApi<Widget[]>('/widgets', { cached: true });
  const [savedRule, setSavedRule] = useState<Rule | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editor = useRef<RuleDraftHandle | null>(null);

  const current = savedRule ?? rule.data;
  const ready =
    (isNew ? rules.data : rule.data) && endpoints.data && connections.data && operators.data && widgets.data;
  const loading = [rule, rules, endpoints, connections, operators, widgets].find((l) => l.error) ?? rule;
  if (!ready) {
    return (
      <Page title={isNew ? 'New rule' : 'Rule'}>
        <LoadState loading error={loading.error} onRetry={loading.reload} />
      </Page>
    );
  }
  const nextPriority = Math.max(0, ...(rules.data ?? []).map((r) => r.priority)) + 10;
  const initial = rule.data ?? emptyRule(nextPriority);
  const remove = async () => {
    try {
      await del(`/rules/${current?.id}`);
      navigate('/rules', { force: true });
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <Page
      title={current?.name || 'New rule'}
      actions={current && <ConfirmButton label="Delete rule" onConfirm={remove} />}
    >
      <p className="lead">
        <Link to="/rules">← Rules</Link>
      </p>
      <FormMessage error={error} />
      <RuleForm
        rule={current ?? undefined}
        initial={initial}
        endpoints={endpoints.data ?? []}
        connections={connections.data ?? []}
        operators={operators.data ?? []}
        widgets={widgets.data ?? []}
        exposeDraft={(handle) => {
          editor.current = handle;
        }}
        onSaved={(saved) => {
          setSavedRule(saved);
          // Keep the editor mounted (and its state) while the address becomes the rule's own.
          if (isNew) replaceUrl(`/rules/${saved.id}`);
        }}
      />
      <RuleTestPanel
        widgets={widgets.data ?? []}
        endpoints={endpoints.data ?? []}
        operators={operators.data ?? []}
        draft={() => editor.current}
      />
    </Page>
  );
}
