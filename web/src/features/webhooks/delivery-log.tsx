import { useState } from 'react';
import { EmptyState, FormMessage, LoadState } from '../../components/notice.tsx';
import { post } from '../../lib/api-client.ts';
import { formatTime } from '../../lib/format.ts';
import { useRefreshWhileVisible } from '../../lib/refresh-while-visible.ts';
import { useTenantEvents } from '../../lib/tenant-events.ts';
import { useApi } from '../../lib/use-api.ts';

interface Delivery {
  id: string;
  eventType: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  responseStatus: number | null;
  createdAt: string;
  error: string | null;
  durationMs: number | null;
  nextAttemptAt: string | null;
}

// The log's own entries (the webhook was switched off) record something; they were never sent.
const LOG_ONLY_EVENTS = new Set(['webhook.disabled']);
// A retry is sent at once by the delivery worker; look again shortly to show how it went.
const RECHECK_AFTER_MS = 2000;
const retryLabel = { failed: 'Retry', pending: 'Send now', succeeded: 'Resend' } as const;
// Attempts and retries happen in the background without an event of their own: look this often.
const REFRESH_MS = 10_000;
// A busy tenant's events would otherwise spend the session's request budget (60 a minute) here.
const MIN_GAP_MS = 5_000;

/** A webhook's latest deliveries; any that was sent (or still waits) can be sent again at once. */
export function DeliveryLog({ webhookId, enabled }: { webhookId: string; enabled: boolean }) {
  const deliveries = useApi<Delivery[]>(`/webhooks/${webhookId}/deliveries?limit=20`);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  // Conversation and message events are what queue deliveries: each one is a reason to look.
  const poke = useRefreshWhileVisible(deliveries.refresh, REFRESH_MS, { minGapMs: MIN_GAP_MS });
  const live = useTenantEvents(poke);

  const refreshNow = async () => {
    setRefreshing(true);
    setNotice(null);
    try {
      await deliveries.refresh();
    } catch (error) {
      setNotice({ ok: false, text: (error as Error).message });
    } finally {
      setRefreshing(false);
    }
  };

  const retry = async (delivery: Delivery) => {
    setBusy(delivery.id);
    setNotice(null);
    try {
      await post(`/webhooks/${webhookId}/deliveries/${delivery.id}/retry`);
      setNotice({
        ok: true,
        text: enabled
          ? `Sending the ${delivery.eventType} event again…`
          : `The ${delivery.eventType} event is queued; it is sent once the webhook is enabled again.`,
      });
      await deliveries.reload();
      setTimeout(() => void deliveries.reload(), RECHECK_AFTER_MS);
    } catch (error) {
      setNotice({ ok: false, text: (error as Error).message });
    } finally {
      setBusy(null);
    }
  };

  if (!deliveries.data)
    return <LoadState loading={deliveries.loading} error={deliveries.error} onRetry={deliveries.reload} />;
  return (
    <>
      <div className="form-actions">
        {/* Not disabled while it works: the focus stays on the button for the next press. */}
        <button type="button" className="button-secondary" onClick={() => void refreshNow()}>
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
        {live === 'live' && (
          <span className="live live-live" title="New deliveries show up as they are queued.">
            ● Live
          </span>
        )}
      </div>
      {notice && (
        <FormMessage error={notice.ok ? null : notice.text} success={notice.ok ? notice.text : null} />
      )}
      {deliveries.data.length === 0 ? (
        <EmptyState title="No deliveries yet." />
      ) : (
        <DeliveryTable deliveries={deliveries.data} busy={busy} onRetry={(d) => void retry(d)} />
      )}
    </>
  );
}

/** One row per delivery: what was sent, how it went, and the button that sends it again. */
function DeliveryTable({
  deliveries,
  busy,
  onRetry,
}: {
  deliveries: Delivery[];
  busy: string | null;
  onRetry: (delivery: Delivery) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id}>
              <td>{formatTime(d.createdAt)}</td>
              <td>{d.eventType}</td>
              <td>
                <span
                  className={`badge ${d.status === 'succeeded' ? 'badge-ok' : d.status === 'failed' ? 'badge-error' : 'badge-pending'}`}
                >
                  {d.status}
                </span>{' '}
                {d.responseStatus !== null && `HTTP ${d.responseStatus}`}
                {d.durationMs !== null && <span className="muted small"> · {d.durationMs} ms</span>}
                {d.error && <div className="small field-error">{d.error}</div>}
                {d.nextAttemptAt && (
                  <div className="muted small">Next attempt {formatTime(d.nextAttemptAt)}</div>
                )}
              </td>
              <td>{d.attempts}</td>
              <td>
                {!LOG_ONLY_EVENTS.has(d.eventType) && (
                  <button
                    type="button"
                    className="button-secondary"
                    disabled={busy === d.id}
                    aria-label={`Retry ${d.eventType} from ${formatTime(d.createdAt)}`}
                    onClick={() => onRetry(d)}
                  >
                    {retryLabel[d.status]}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
