import { type FormEvent, useEffect, useRef, useState } from 'react';
import { TextField } from '../../components/field.tsx';
import { patch } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import type { Operator } from '../inbox/inbox-types.ts';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-rule.ts';

/** Sets or replaces an operator's dashboard password (PATCH /operators/{id}); it ends their sessions. */
export function SetPasswordForm({
  operator,
  isSelf,
  onDone,
  onCancel,
}: {
  operator: Operator;
  isSelf: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  // Opening the form puts the cursor in the password field; closing it (done or cancelled) gives
  // the focus it took back to what opened it, the row's "Set password" button, if still there.
  useEffect(() => {
    const opener = document.activeElement;
    form.current?.querySelector('input')?.focus();
    return () => {
      const lost = (document.activeElement ?? document.body) === document.body;
      if (lost && opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const weak = passwordProblem(password);
    if (weak) {
      setErrors({ form: null, fields: { password: weak } });
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      await patch(`/operators/${operator.id}`, { password });
      onDone();
    } catch (error) {
      setErrors(toFormErrors(error, (p) => p === 'password'));
      setBusy(false);
    }
  };

  return (
    <form
      ref={form}
      className="inline-form"
      onSubmit={submit}
      noValidate
      aria-label={`Password of ${operator.name}`}
    >
      {errors.form && (
        <div className="notice notice-error" role="alert">
          {errors.form}
        </div>
      )}
      <TextField
        label={`New password for ${operator.name}`}
        type="password"
        autoComplete="new-password"
        value={password}
        onValue={setPassword}
        error={errors.fields.password}
        hint={
          isSelf
            ? `At least ${MIN_PASSWORD_LENGTH} characters. This signs you out everywhere, this tab too: sign in again with the new password.`
            : `At least ${MIN_PASSWORD_LENGTH} characters. They sign in at /app with their email; any session they have ends.`
        }
      />
      <button type="submit" className="button-primary" disabled={busy}>
        Set password
      </button>
      <button type="button" className="button-secondary" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
