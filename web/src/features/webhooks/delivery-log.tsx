import { useState } from 'react';
import { EmptyState, FormMessage, LoadState } from '../../components/notice.tsx';
import { post } from '../../lib/api-client.ts';
import { formatTime } from '../../lib/format.ts';
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

/** A webhook's latest deliveries; any that was sent (or still waits) can be sent again at once. */
export function DeliveryLog({ webhookId, enabled }: { webhookId: string; enabled: boolean }) {
  const deliveries = useApi<Delivery[]>(`/webhooks/${webhookId}/deliveries?limit=20`);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

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
  if (deliveries.data.length === 0) return <EmptyState title="No deliveries yet." />;
  return (
    <>
      {notice && (
        <FormMessage error={notice.ok ? null : notice.text} success={notice.ok ? notice.text : null} />
      )}
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
          {deliveries.data.map((d) => (
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
                    onClick={() => void retry(d)}
                  >
                    {retryLabel[d.status]}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
