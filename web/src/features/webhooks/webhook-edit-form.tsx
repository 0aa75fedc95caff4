import { type FormEvent, useState } from 'react';
import { FormMessage } from '../../components/notice.tsx';
import { patch } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useUnsavedChanges } from '../../lib/unsaved-changes.ts';
import { isWebhookField, type WebhookDraft, WebhookFields } from './webhook-fields.tsx';

/**
 * Changes a webhook's URL, description and events in place. The signing secret, the delivery log
 * and anything still pending stay; pending deliveries go to the new URL.
 */
export function WebhookEditForm({
  webhook,
  onSaved,
  onCancel,
}: {
  webhook: WebhookDraft & { id: string };
  onSaved: () => Promise<void>;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<WebhookDraft>({
    url: webhook.url,
    description: webhook.description,
    events: webhook.events,
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const unsaved = useUnsavedChanges(draft);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    try {
      await patch(`/webhooks/${webhook.id}`, draft);
      unsaved.markSaved(draft);
      await onSaved();
    } catch (error) {
      setErrors(toFormErrors(error, isWebhookField));
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    unsaved.markSaved(draft);
    onCancel();
  };

  return (
    <form className="form-grid" onSubmit={save} noValidate aria-label={`Edit webhook ${webhook.url}`}>
      <FormMessage error={errors.form} />
      <WebhookFields draft={draft} onDraft={setDraft} errors={errors} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          Save changes
        </button>
        <button type="button" className="button-secondary" onClick={cancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
