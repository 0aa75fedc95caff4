import { EmptyState, LoadState } from '../../components/notice.tsx';
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
}

export function DeliveryLog({ webhookId }: { webhookId: string }) {
  const deliveries = useApi<Delivery[]>(`/webhooks/${webhookId}/deliveries?limit=20`);
  if (!deliveries.data)
    return <LoadState loading={deliveries.loading} error={deliveries.error} onRetry={deliveries.reload} />;
  if (deliveries.data.length === 0) return <EmptyState title="No deliveries yet." />;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
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
              {d.responseStatus ?? ''}
              {d.error && <div className="small field-error">{d.error}</div>}
            </td>
            <td>{d.attempts}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
