import { CheckboxField, TextField } from '../../components/field.tsx';
import { errorAt, type FormErrors } from '../../lib/form-errors.ts';

export const eventTypes = ['conversation.created', 'conversation.updated', 'message.created', 'call.failed'];

export interface WebhookDraft {
  url: string;
  description: string;
  events: string[];
}

/** A webhook's editable settings, shared by the "New webhook" form and each webhook's Edit form. */
export function WebhookFields({
  draft,
  onDraft,
  errors,
}: {
  draft: WebhookDraft;
  onDraft: (draft: WebhookDraft) => void;
  errors: FormErrors;
}) {
  const { events } = draft;
  return (
    <>
      <div className="row">
        <TextField
          label="Endpoint URL"
          value={draft.url}
          onValue={(url) => onDraft({ ...draft, url })}
          error={errors.fields.url}
          placeholder="https://crm.example.com/parley-events"
        />
        <TextField
          label="Description"
          value={draft.description}
          onValue={(description) => onDraft({ ...draft, description })}
          error={errors.fields.description}
        />
      </div>
      <fieldset>
        <legend>Events</legend>
        {eventTypes.map((type) => (
          <CheckboxField
            key={type}
            label={type}
            checked={events.includes(type)}
            onValue={(on) =>
              onDraft({ ...draft, events: on ? [...events, type] : events.filter((e) => e !== type) })
            }
          />
        ))}
        {errorAt(errors, 'events') && <div className="field-error">{errorAt(errors, 'events')}</div>}
      </fieldset>
    </>
  );
}

/** Which server errors belong to the webhook fields (the rest show above the form). */
export const isWebhookField = (path: string) => /^(url|events|description)(\.|$)/.test(path);
