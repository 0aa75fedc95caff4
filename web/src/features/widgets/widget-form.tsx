import { type FormEvent, useState } from 'react';
import { CheckboxField, SelectField, TextArea, TextField } from '../../components/field.tsx';
import { FormMessage } from '../../components/notice.tsx';
import { SecretInput } from '../../components/secret-input.tsx';
import { patch, post } from '../../lib/api-client.ts';
import { errorAt, type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useUnsavedChanges } from '../../lib/unsaved-changes.ts';
import { useCreditBalance } from '../billing/credit-balance.tsx';
import type { Widget } from './widget-types.ts';

const known = (path: string) =>
  /^(name|aiEnabled|translationEnabled|primaryColor|position|allowedOrigins|isActive|identitySecret)(\.|$)/.test(
    path,
  );

/** Create (no `widget`) or edit a widget. */
export function WidgetForm({
  widget,
  onSaved,
  onCancel,
}: {
  widget?: Widget;
  onSaved: (w: Widget) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(widget?.name ?? '');
  const [aiEnabled, setAiEnabled] = useState(widget?.aiEnabled ?? true);
  const [translationEnabled, setTranslationEnabled] = useState(widget?.translationEnabled ?? false);
  const [primaryColor, setPrimaryColor] = useState(widget?.primaryColor ?? '#2563eb');
  const [position, setPosition] = useState<string>(widget?.position ?? 'bottom-right');
  const [origins, setOrigins] = useState((widget?.allowedOrigins ?? []).join('\n'));
  const [isActive, setIsActive] = useState(widget?.isActive ?? true);
  const [identitySecret, setIdentitySecret] = useState<string | undefined>(undefined);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const form = { name, aiEnabled, translationEnabled, primaryColor, position, origins, isActive };
  const unsaved = useUnsavedChanges({ ...form, identitySecret });
  const credits = useCreditBalance();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    const body = {
      name,
      aiEnabled,
      translationEnabled,
      primaryColor,
      position,
      isActive,
      allowedOrigins: origins
        .split(/[\s,]+/)
        .map((o) => o.trim())
        .filter(Boolean),
      ...(widget && identitySecret !== undefined ? { identitySecret: identitySecret || null } : {}),
    };
    try {
      const saved = widget
        ? await patch<Widget>(`/widgets/${widget.id}`, body)
        : await post<Widget>('/widgets', body);
      unsaved.markSaved(form);
      onSaved(saved);
    } catch (error) {
      setErrors(toFormErrors(error, known));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card form-grid"
      onSubmit={submit}
      noValidate
      aria-label={widget ? `Edit ${widget.name}` : 'New widget'}
    >
      <FormMessage error={errors.form} />
      <TextField
        label="Widget name"
        value={name}
        onValue={setName}
        error={errors.fields.name}
        placeholder="Main website chat"
      />
      <div className="row">
        <FieldColor value={primaryColor} onValue={setPrimaryColor} error={errors.fields.primaryColor} />
        <SelectField
          label="Position"
          value={position}
          onValue={setPosition}
          error={errors.fields.position}
          options={[
            { value: 'bottom-right', label: 'Bottom right' },
            { value: 'bottom-left', label: 'Bottom left' },
          ]}
        />
      </div>
      <CheckboxField
        label="AI answers when no rule matches"
        checked={aiEnabled}
        onValue={setAiEnabled}
        hint={
          aiEnabled && credits === 0
            ? 'No credits left: the AI does not answer until credits are added (see Billing). Rule replies still work.'
            : undefined
        }
      />
      <CheckboxField
        label="Translate messages (needs an LLM provider)"
        checked={translationEnabled}
        onValue={setTranslationEnabled}
      />
      <CheckboxField
        label="Active"
        checked={isActive}
        onValue={setIsActive}
        hint="Off: the chat is hidden for new visitors and no new conversations start; visitors already chatting keep their conversation."
      />
      <TextArea
        label="Allowed origins"
        rows={3}
        value={origins}
        onValue={setOrigins}
        placeholder="https://shop.example.com"
        hint="One per line. Only pages on these origins may open chats; leave empty to allow any site."
        error={errorAt(errors, 'allowedOrigins')}
      />
      {widget && (
        <SecretInput
          label="Identity secret (for Parley.identify userHash)"
          masked={widget.identitySecret}
          value={identitySecret}
          onValue={setIdentitySecret}
          error={errors.fields.identitySecret}
          hint="Replace and leave empty to remove it."
        />
      )}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {widget ? 'Save widget' : 'Create widget'}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function FieldColor({
  value,
  onValue,
  error,
}: {
  value: string;
  onValue: (v: string) => void;
  error?: string;
}) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor="widget-color">Colour</label>
      <div className="color-row">
        <input
          id="widget-color"
          type="color"
          value={/^#[0-9a-f]{6}$/i.test(value) ? value : '#2563eb'}
          onChange={(e) => onValue(e.target.value)}
        />
        <input aria-label="Colour hex value" value={value} onChange={(e) => onValue(e.target.value)} />
      </div>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
