import { type FormEvent, useState } from 'react';
import { SelectField, TextField } from '../../components/field.tsx';
import { FormMessage } from '../../components/notice.tsx';
import { post } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import type { Operator } from '../inbox/inbox-types.ts';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-rule.ts';

/**
 * Adds an operator; with a password they can sign in to the dashboard, without one they can only
 * be assigned conversations. `errors` live in the page, which clears them when another action works.
 */
export function AddOperatorForm({
  errors,
  onErrors,
  onAdded,
}: {
  errors: FormErrors;
  onErrors: (errors: FormErrors) => void;
  onAdded: (operator: Operator, withPassword: boolean) => void;
}) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('operator');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!name.trim()) fields.name = 'Name is required.';
    if (!email.trim()) fields.email = 'Email is required.';
    const weak = password ? passwordProblem(password) : null;
    if (weak) fields.password = weak;
    if (Object.keys(fields).length > 0) {
      onErrors({ form: 'Please correct the highlighted fields.', fields });
      return;
    }
    setBusy(true);
    onErrors(noErrors);
    try {
      const created = await post<Operator>('/operators', {
        name,
        email,
        role,
        ...(password ? { password } : {}),
      });
      setName('');
      setEmail('');
      setPassword('');
      onAdded(created, password !== '');
    } catch (error) {
      onErrors(toFormErrors(error, (p) => ['name', 'email', 'role', 'password'].includes(p)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card inline-form" onSubmit={create} noValidate aria-label="Add operator">
      <FormMessage error={errors.form} />
      <TextField label="Name" value={name} onValue={setName} error={errors.fields.name} />
      <TextField label="Email" type="email" value={email} onValue={setEmail} error={errors.fields.email} />
      <SelectField
        label="Role"
        value={role}
        onValue={setRole}
        options={[
          { value: 'operator', label: 'Operator (inbox only)' },
          { value: 'admin', label: 'Admin (settings too)' },
        ]}
        error={errors.fields.role}
      />
      <TextField
        label="Password (optional)"
        type="password"
        autoComplete="new-password"
        value={password}
        onValue={setPassword}
        error={errors.fields.password}
        hint={`Set a password (at least ${MIN_PASSWORD_LENGTH} characters) so they can sign in at /app; leave empty to add them without dashboard access.`}
      />
      <button type="submit" className="button-primary" disabled={busy}>
        Add operator
      </button>
    </form>
  );
}
