import { type FormEvent, useEffect, useRef, useState } from 'react';
import { TextField } from '../../components/field.tsx';
import { EmptyState, FormMessage, LoadState } from '../../components/notice.tsx';
import { SecretInput } from '../../components/secret-input.tsx';
import { post } from '../../lib/api-client.ts';
import { errorAt, type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { authTypeLabel, type Connection } from './connection-types.ts';

interface ConnectionTemplate {
  id: string;
  name: string;
  description: string;
  baseUrlPlaceholder: string;
  inputs: { name: string; description: string; secret?: boolean }[];
  authType: string;
  endpoints: { key: string; name: string; method: string; path: string }[];
  rule: Record<string, unknown> | null;
}

interface Created {
  connection: Connection;
  endpoints: { id: string; name: string }[];
  rule: Record<string, unknown> | null;
  notes: string[];
}

function TemplateForm({
  template,
  onCancel,
  onCreated,
}: {
  template: ConnectionTemplate;
  onCancel: () => void;
  onCreated: () => void;
}) {
  const [name, setName] = useState(template.name);
  const [baseUrl, setBaseUrl] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [created, setCreated] = useState<Created | null>(null);
  const [ruleNotice, setRuleNotice] = useState<{ id?: string; error?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // The "Use template" button that opened this form is gone: its first field takes the focus.
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector('input')?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    try {
      const credentials = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
      setCreated(
        await post<Created>('/connections/from-template', {
          templateId: template.id,
          name,
          ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
          credentials,
        }),
      );
      onCreated();
    } catch (error) {
      setErrors(toFormErrors(error));
    } finally {
      setBusy(false);
    }
  };

  const createRule = async () => {
    if (!created?.rule) return;
    try {
      const rule = await post<{ id: string }>('/rules', created.rule);
      setRuleNotice({ id: rule.id });
    } catch (error) {
      setRuleNotice({ error: (error as Error).message });
    }
  };

  if (created) {
    return (
      <div className="notice notice-success" role="status">
        <p>
          Created <Link to={`/connections/${created.connection.id}`}>{created.connection.name}</Link> with{' '}
          {created.endpoints.length} endpoint{created.endpoints.length === 1 ? '' : 's'}.
        </p>
        {created.notes.length > 0 && (
          <ul className="small">
            {created.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        {created.rule && !ruleNotice?.id && (
          <button type="button" className="button-secondary" onClick={() => void createRule()}>
            Also create the suggested rule “{String(created.rule.name ?? '')}”
          </button>
        )}
        {ruleNotice?.id && (
          <p>
            Rule created: <Link to={`/rules/${ruleNotice.id}`}>open it</Link>.
          </p>
        )}
        {ruleNotice?.error && <p className="field-error">{ruleNotice.error}</p>}
      </div>
    );
  }

  return (
    <form
      ref={form}
      className="repeat-item form-grid"
      onSubmit={submit}
      noValidate
      aria-label={`Use template ${template.name}`}
    >
      <FormMessage error={errors.form} />
      <div className="row">
        <TextField label="Connection name" value={name} onValue={setName} error={errors.fields.name} />
        <TextField
          label="Base URL"
          value={baseUrl}
          onValue={setBaseUrl}
          error={errors.fields.baseUrl}
          placeholder={template.baseUrlPlaceholder}
        />
      </div>
      {template.inputs.map((input) =>
        input.secret ? (
          <SecretInput
            key={input.name}
            label={input.description || input.name}
            value={values[input.name]}
            onValue={(v) => setValues({ ...values, [input.name]: v ?? '' })}
            error={errorAt(errors, `credentials.${input.name}`) ?? errors.fields[input.name]}
          />
        ) : (
          <TextField
            key={input.name}
            label={input.description || input.name}
            value={values[input.name] ?? ''}
            onValue={(v) => setValues({ ...values, [input.name]: v })}
            error={errorAt(errors, `credentials.${input.name}`) ?? errors.fields[input.name]}
          />
        ),
      )}
      <p className="field-hint">
        Anything left empty becomes a placeholder you can fill in later on the connection.
      </p>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create connection'}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * Ready-made connections (GET /connection-templates): connection, endpoints and a suggested rule.
 * `onDone` runs after a connection was created (the page lists it).
 */
export function TemplatesPanel({ onDone }: { onDone: () => void }) {
  const templates = useApi<ConnectionTemplate[]>('/connection-templates');
  const [chosen, setChosen] = useState<string | null>(null);
  // After Cancel, focus goes back to the template's "Use template" button (it reappears).
  const cancelled = useRef<string | null>(null);
  const refocus = (id: string) => (button: HTMLButtonElement | null) => {
    if (button && cancelled.current === id) {
      cancelled.current = null;
      button.focus();
    }
  };
  return (
    <section className="card" aria-labelledby="templates-heading">
      <h2 id="templates-heading">Start from a template</h2>
      <LoadState
        loading={templates.loading && !templates.data}
        error={templates.error}
        onRetry={templates.reload}
      />
      {templates.data?.length === 0 && <EmptyState title="No templates available." />}
      <ul className="card-list">
        {templates.data?.map((t) => (
          <li key={t.id} className="repeat-item">
            <div className="card-header">
              <h3>{t.name}</h3>
              {chosen !== t.id && (
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={`Use template ${t.name}`}
                  ref={refocus(t.id)}
                  onClick={() => setChosen(t.id)}
                >
                  Use template
                </button>
              )}
            </div>
            <p className="small">{t.description}</p>
            <p className="muted small">
              {authTypeLabel(t.authType)} · {t.endpoints.map((e) => `${e.method} ${e.path}`).join(', ')}
            </p>
            {chosen === t.id && (
              <TemplateForm
                template={t}
                onCancel={() => {
                  cancelled.current = t.id;
                  setChosen(null);
                }}
                onCreated={onDone}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
