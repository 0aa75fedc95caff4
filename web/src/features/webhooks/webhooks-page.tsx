import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { EmptyState, FormMessage, LoadState } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { del, patch, post } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useApi } from '../../lib/use-api.ts';
import { DeliveryLog } from './delivery-log.tsx';
import { WebhookEditForm } from './webhook-edit-form.tsx';
import { eventTypes, isWebhookField, type WebhookDraft, WebhookFields } from './webhook-fields.tsx';

interface Webhook {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  description: string;
  disabledReason: string | null;
  createdAt: string;
}

/** A signing secret, shown once after creation or rotation. */
function SecretOnce({
  secret,
  onDismiss,
}: {
  secret: { url: string; value: string };
  onDismiss: () => void;
}) {
  return (
    <div className="notice notice-success new-secret" role="status">
      <p>
        <strong>Copy the signing secret for {secret.url} now.</strong> It is shown only this once.
      </p>
      <div className="secret-row">
        <code className="secret-value">{secret.value}</code>
        <CopyButton text={secret.value} label="Copy secret" />
      </div>
      <button type="button" className="button-secondary" onClick={onDismiss}>
        I have copied it
      </button>
    </div>
  );
}

export function WebhooksPage() {
  const webhooks = useApi<Webhook[]>('/webhooks');
  const [draft, setDraft] = useState<WebhookDraft>({ url: '', description: '', events: eventTypes });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [secret, setSecret] = useState<{ url: string; value: string } | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setErrors(noErrors);
    try {
      const created = await post<Webhook & { secret: string }>('/webhooks', draft);
      setSecret({ url: created.url, value: created.secret });
      setDraft({ url: '', description: '', events: eventTypes });
      await webhooks.reload();
    } catch (error) {
      setErrors(toFormErrors(error, isWebhookField));
    }
  };

  const act = async (fn: () => Promise<unknown>) => {
    setNotice(null);
    try {
      await fn();
      await webhooks.reload();
    } catch (error) {
      setNotice({ ok: false, text: (error as Error).message });
    }
  };

  const ping = (w: Webhook) =>
    act(async () => {
      const result = await post<{
        ok: boolean;
        responseStatus: number | null;
        durationMs: number;
        error: string | null;
      }>(`/webhooks/${w.id}/test`);
      const status = result.responseStatus ? ` (HTTP ${result.responseStatus}, ${result.durationMs} ms)` : '';
      setNotice({
        ok: result.ok,
        text: `Ping to ${w.url}: ${result.ok ? 'delivered' : 'failed'}${status}${result.error ? ` — ${result.error}` : ''}`,
      });
    });

  return (
    <Page title="Webhooks">
      <p className="lead">
        Parley POSTs signed events (Standard Webhooks) to your URL when conversations and messages change.
      </p>
      {secret && <SecretOnce secret={secret} onDismiss={() => setSecret(null)} />}
      <form className="card form-grid" onSubmit={create} noValidate aria-label="New webhook">
        <FormMessage error={errors.form} />
        <WebhookFields draft={draft} onDraft={setDraft} errors={errors} />
        <div className="form-actions">
          <button type="submit" className="button-primary">
            Create webhook
          </button>
        </div>
      </form>
      {notice && (
        <FormMessage error={notice.ok ? null : notice.text} success={notice.ok ? notice.text : null} />
      )}
      <LoadState
        loading={webhooks.loading && !webhooks.data}
        error={webhooks.error}
        onRetry={webhooks.reload}
      />
      {webhooks.data?.length === 0 && (
        <EmptyState title="No webhooks yet.">Add an endpoint URL above to receive events.</EmptyState>
      )}
      <ul className="card-list">
        {webhooks.data?.map((w) => (
          <li key={w.id} className="card">
            <div className="card-header">
              <h2 className="cell-url">{w.url}</h2>
              <span className={`badge ${w.enabled ? 'badge-ok' : 'badge-muted'}`}>
                {w.enabled ? 'Enabled' : 'Disabled'}
              </span>
            </div>
            {w.description && <p className="small">{w.description}</p>}
            {w.disabledReason && <p className="small field-error">{w.disabledReason}</p>}
            <p className="muted small">Events: {w.events.join(', ')}</p>
            {editing === w.id && (
              <WebhookEditForm
                webhook={w}
                onSaved={async () => {
                  setEditing(null);
                  setNotice({ ok: true, text: 'Webhook saved.' });
                  await webhooks.reload();
                }}
                onCancel={() => setEditing(null)}
              />
            )}
            <div className="form-actions">
              {editing !== w.id && (
                <button type="button" className="button-secondary" onClick={() => setEditing(w.id)}>
                  Edit
                </button>
              )}
              <button type="button" className="button-secondary" onClick={() => void ping(w)}>
                Send test ping
              </button>
              <button
                type="button"
                className="button-secondary"
                onClick={() => void act(() => patch(`/webhooks/${w.id}`, { enabled: !w.enabled }))}
              >
                {w.enabled ? 'Disable' : 'Enable'}
              </button>
              <button
                type="button"
                className="button-secondary"
                onClick={() =>
                  void act(async () => {
                    const rotated = await post<{ url: string; secret: string }>(
                      `/webhooks/${w.id}/rotate-secret`,
                    );
                    setSecret({ url: rotated.url, value: rotated.secret });
                  })
                }
              >
                Rotate secret
              </button>
              <button
                type="button"
                className="button-secondary"
                aria-expanded={open === w.id}
                onClick={() => setOpen(open === w.id ? null : w.id)}
              >
                Deliveries
              </button>
              <ConfirmButton label="Delete" onConfirm={() => act(() => del(`/webhooks/${w.id}`))} />
            </div>
            {open === w.id && <DeliveryLog webhookId={w.id} enabled={w.enabled} />}
          </li>
        ))}
      </ul>
    </Page>
  );
}
