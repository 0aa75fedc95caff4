import { type FormEvent, useEffect, useState } from 'react';
import { TextArea } from '../../components/field.tsx';
import { FormMessage } from '../../components/notice.tsx';
import { patch } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useApi } from '../../lib/use-api.ts';

/** What the visitor is told when an API call fails and no branch handles it (GET|PATCH /settings/rules). */
export function FallbackReplyForm() {
  const settings = useApi<{ fallbackReply: string }>('/settings/rules', { cached: true });
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (settings.data) setText(settings.data.fallbackReply);
  }, [settings.data]);
  if (!settings.data) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors(noErrors);
    setSaved(null);
    try {
      await patch('/settings/rules', { fallbackReply: text.trim() || null });
      setSaved('Saved.');
    } catch (error) {
      setErrors(toFormErrors(error, (p) => p === 'fallbackReply'));
    }
  };
  return (
    <form className="card form-grid" onSubmit={submit} noValidate aria-label="Fallback reply">
      <FormMessage error={errors.form} success={saved} />
      <TextArea
        label="Fallback reply when an API call fails"
        rows={2}
        value={text}
        onValue={setText}
        error={errors.fields.fallbackReply}
        hint="Leave empty to restore the default."
      />
      <div className="form-actions">
        <button type="submit" className="button-secondary">
          Save fallback reply
        </button>
      </div>
    </form>
  );
}
