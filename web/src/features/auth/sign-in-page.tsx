import { type FormEvent, useRef, useState } from 'react';
import { SelectField, TextField } from '../../components/field.tsx';
import { FormMessage } from '../../components/notice.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useTitle } from '../../lib/router.tsx';
import { useSession } from './session.tsx';

/** The 409 of an email that belongs to several workspaces lists them as details `"<id> <name>"`. */
function workspacesOf(error: unknown): { id: string; name: string }[] {
  if (!(error instanceof ApiError) || error.status !== 409) return [];
  return error.details
    .filter((d) => d.path === 'tenantId')
    .map((d) => {
      const [id, ...name] = d.message.split(' ');
      return { id, name: name.join(' ') || id };
    });
}

/**
 * What is missing before asking the server, in words for a sign-in form: its own rule for an empty
 * email reads "Use at least 3 characters." Anything typed goes to the server, which judges it.
 */
export function missingSignInFields(email: string, password: string): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!email.trim()) fields.email = 'Enter your email address.';
  if (!password) fields.password = 'Enter your password.';
  return fields;
}

export function SignInPage() {
  useTitle('Sign in');
  const { signIn, expired } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [tenantId, setTenantId] = useState('');
  const [workspaces, setWorkspaces] = useState<{ id: string; name: string }[]>([]);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = missingSignInFields(email, password);
    if (Object.keys(missing).length > 0) {
      setErrors({ form: null, fields: missing });
      form.current
        ?.querySelector<HTMLInputElement>(missing.email ? '[type=email]' : '[type=password]')
        ?.focus();
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      await signIn({ email, password, ...(tenantId ? { tenantId } : {}) });
    } catch (error) {
      const choices = workspacesOf(error);
      if (choices.length > 0) {
        setWorkspaces(choices);
        setTenantId(choices[0].id);
        setErrors({ form: 'This email belongs to several workspaces: choose one.', fields: {} });
      } else {
        setErrors(toFormErrors(error, (path) => ['email', 'password', 'tenantId'].includes(path)));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form ref={form} className="card sign-in-card" onSubmit={submit} noValidate>
        <h1>Sign in to Parley</h1>
        {expired && !errors.form && <FormMessage error="Your session has ended. Please sign in again." />}
        <FormMessage error={errors.form} />
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onValue={setEmail}
          error={errors.fields.email}
          required
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={errors.fields.password}
          required
        />
        {workspaces.length > 0 && (
          <SelectField
            label="Workspace"
            value={tenantId}
            onValue={setTenantId}
            options={workspaces.map((w) => ({ value: w.id, label: w.name }))}
            error={errors.fields.tenantId}
          />
        )}
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <div className="muted small">
          First time? Create a workspace and its admin on the server:
          <code className="code-line">
            npx parley tenant create --name "Acme" --admin-email you@example.com --admin-password '…'
          </code>
        </div>
      </form>
    </main>
  );
}
