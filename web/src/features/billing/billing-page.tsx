import { useEffect } from 'react';
import { EmptyState, LoadState } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { formatNumber, formatTime } from '../../lib/format.ts';
import { useRefreshWhileVisible } from '../../lib/refresh-while-visible.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { BALANCE_REFRESH_MS, useBalance } from './credit-balance.tsx';
import { AddCreditsCommand } from './no-credits-notice.tsx';

interface AiUsage {
  id: string;
  conversationId: string | null;
  kind: string;
  provider: string;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  credits: number;
  createdAt: string;
}

function Usage() {
  const usage = useApi<AiUsage[]>('/ai-usage?limit=50');
  // Operators may see the balance but not the AI usage (a settings route).
  const forbidden = usage.error instanceof ApiError && usage.error.status === 403;
  // New usage comes with each AI reply, like the balance the sidebar refreshes.
  useRefreshWhileVisible(() => (forbidden ? undefined : usage.refresh()), BALANCE_REFRESH_MS);
  if (forbidden) return null;
  return (
    <section aria-labelledby="usage-heading">
      <h2 id="usage-heading">AI usage</h2>
      <LoadState loading={usage.loading && !usage.data} error={usage.error} onRetry={usage.reload} />
      {usage.data?.length === 0 && (
        <EmptyState title="No AI usage yet.">
          Each AI reply and translation is listed here with its cost.
        </EmptyState>
      )}
      {usage.data && usage.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Kind</th>
                <th scope="col">Model</th>
                <th scope="col">Tokens in / out</th>
                <th scope="col">Credits</th>
                <th scope="col">Conversation</th>
              </tr>
            </thead>
            <tbody>
              {usage.data.map((u) => (
                <tr key={u.id}>
                  <td>{formatTime(u.createdAt)}</td>
                  <td>{u.kind}</td>
                  <td>
                    {u.provider}
                    {u.model ? ` · ${u.model}` : ''}
                  </td>
                  <td>
                    {formatNumber(u.inputTokens)} / {formatNumber(u.outputTokens)}
                  </td>
                  <td>{formatNumber(u.credits)}</td>
                  <td>{u.conversationId ? <Link to={`/inbox/${u.conversationId}`}>open</Link> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function BillingPage() {
  const balance = useBalance();
  const { refresh } = balance;
  // The sidebar keeps the balance current; opening Billing asks the server at once all the same.
  useEffect(() => {
    refresh().catch(() => undefined);
  }, [refresh]);
  const b = balance.data;
  return (
    <Page title="Billing">
      <LoadState loading={balance.loading && !b} error={balance.error} onRetry={balance.reload} />
      {b && (
        <div className="stats">
          <div className="card">
            <div className="muted small">Plan</div>
            <div className="stat">{b.plan}</div>
          </div>
          <div className="card">
            <div className="muted small">Credit balance</div>
            <div className="stat" data-testid="credit-balance">
              {formatNumber(b.creditBalance)}
            </div>
            {b.creditBalance <= 0 && (
              <>
                <p className="small field-error">
                  AI replies are paused until credits are added; rule replies keep working.
                </p>
                <p className="small muted">
                  Whoever runs this Parley installation adds them: <AddCreditsCommand />
                </p>
              </>
            )}
          </div>
          <div className="card">
            <div className="muted small">Credits added in total</div>
            <div className="stat">{formatNumber(b.totalCreditsAdded)}</div>
          </div>
        </div>
      )}
      <Usage />
    </Page>
  );
}
