import { type FormEvent, useEffect, useState } from 'react';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/field.tsx';
import { FormMessage, LoadState } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { SecretInput } from '../../components/secret-input.tsx';
import { api, post, put } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useUnsavedChanges } from '../../lib/unsaved-changes.ts';
import { useApi } from '../../lib/use-api.ts';

type Provider = 'embedded' | 'openai' | 'anthropic' | 'openai-compatible';

interface AiSettings {
  provider: Provider;
  model: string | null;
  baseUrl: string | null;
  apiKey: string | null;
  source: 'tenant' | 'installation';
  language: string;
  handoverToOperator: boolean;
  translationAvailable: boolean;
}

const providers: { value: Provider; label: string }[] = [
  { value: 'embedded', label: 'Embedded (offline, built in)' },
  { value: 'openai', label: 'OpenAI' },
  { value: 'anthropic', label: 'Anthropic' },
  { value: 'openai-compatible', label: 'OpenAI-compatible server (vLLM, Ollama, llama.cpp)' },
];

const known = (p: string) =>
  ['provider', 'model', 'baseUrl', 'apiKey', 'language', 'handoverToOperator'].includes(p);

/**
 * The form is mounted afresh with every settings answer (saved or reset), so the page keeps the
 * note saying what just happened: the form's own state would be gone with it.
 */
function AiSettingsForm({
  settings,
  onSaved,
  notice,
  onNotice,
}: {
  settings: AiSettings;
  onSaved: (s: AiSettings, notice: string) => void;
  notice: string | null;
  onNotice: (notice: string | null) => void;
}) {
  const [provider, setProvider] = useState<Provider>(settings.provider);
  const [model, setModel] = useState(settings.model ?? '');
  const [baseUrl, setBaseUrl] = useState(settings.baseUrl ?? '');
  const [apiKey, setApiKey] = useState<string | undefined>(undefined);
  const [language, setLanguage] = useState(settings.language);
  const [handover, setHandover] = useState(settings.handoverToOperator);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [test, setTest] = useState<{ ok: boolean; message: string; durationMs: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const unsaved = useUnsavedChanges({ provider, model, baseUrl, apiKey, language, handover });
  const hosted = provider !== 'embedded';
  // The test runs against the saved provider, so it is offered only while that is what is shown.
  const changed =
    provider !== settings.provider ||
    (hosted &&
      (model !== (settings.model ?? '') || baseUrl !== (settings.baseUrl ?? '') || apiKey !== undefined));
  // A key stored for the installation's provider is not the tenant's to keep or replace.
  const maskedKey = settings.source === 'tenant' && settings.provider === provider ? settings.apiKey : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    onNotice(null);
    setTest(null);
    try {
      const body = {
        provider,
        language,
        handoverToOperator: handover,
        ...(hosted ? { model: model.trim() || null, baseUrl: baseUrl.trim() || null } : {}),
        ...(hosted && apiKey !== undefined ? { apiKey: apiKey.trim() || null } : {}),
      };
      const saved = await put<AiSettings>('/settings/ai', body);
      setApiKey(undefined);
      unsaved.markSaved({ provider, model, baseUrl, language, handover });
      onSaved(saved, 'Saved.');
    } catch (error) {
      setErrors(toFormErrors(error, known));
    } finally {
      setBusy(false);
    }
  };

  const runTest = async () => {
    setTest(null);
    setErrors(noErrors);
    onNotice(null);
    try {
      setTest(await post('/settings/ai/test'));
    } catch (error) {
      setErrors(toFormErrors(error));
    }
  };

  const reset = async () => {
    setErrors(noErrors);
    onNotice(null);
    try {
      const result = await api<AiSettings>('DELETE', '/settings/ai');
      // The form starts again from the installation's settings: what was typed here is dropped.
      unsaved.markSaved();
      onSaved(result.data, 'Now using the installation’s AI provider.');
    } catch (error) {
      setErrors(toFormErrors(error));
    }
  };

  return (
    <form className="card form-grid" onSubmit={submit} noValidate aria-label="AI settings">
      <FormMessage error={errors.form} success={errors.form ? null : notice} />
      <p className="muted small">
        Currently using{' '}
        {settings.source === 'tenant'
          ? 'this workspace’s own settings'
          : 'the installation’s default provider'}
        .
        {settings.translationAvailable ? ' Translation is available.' : ' Translation needs an LLM provider.'}
      </p>
      <SelectField
        label="Provider"
        value={provider}
        onValue={(v) => {
          setProvider(v as Provider);
          // A result (or its error) was about the provider before: it says nothing about this one.
          setTest(null);
          setErrors(noErrors);
        }}
        options={providers}
        error={errors.fields.provider}
      />
      {hosted && (
        <>
          <div className="row">
            <TextField
              label="Model"
              value={model}
              onValue={setModel}
              error={errors.fields.model}
              placeholder={
                provider === 'openai'
                  ? 'gpt-4o-mini'
                  : provider === 'anthropic'
                    ? 'claude-3-5-haiku-latest'
                    : 'llama3.1'
              }
            />
            <TextField
              label="Base URL"
              value={baseUrl}
              onValue={setBaseUrl}
              error={errors.fields.baseUrl}
              placeholder={provider === 'openai-compatible' ? 'http://llm.internal:8000/v1' : 'Default'}
              hint={
                provider === 'openai-compatible'
                  ? 'Required for your own server.'
                  : 'Optional (a proxy or gateway).'
              }
            />
          </div>
          <SecretInput
            label="API key"
            masked={maskedKey}
            value={apiKey}
            onValue={setApiKey}
            error={errors.fields.apiKey}
            hint="Stored encrypted."
          />
        </>
      )}
      <div className="row">
        <TextField
          label="Operators' language"
          value={language}
          onValue={setLanguage}
          error={errors.fields.language}
          hint="ISO code such as en: visitor messages are translated into it."
        />
      </div>
      <CheckboxField
        label="Hand the conversation to an operator when the AI cannot answer"
        checked={handover}
        onValue={setHandover}
        error={errors.fields.handoverToOperator}
      />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          Save AI settings
        </button>
        <button type="button" className="button-secondary" onClick={runTest} disabled={changed}>
          Test provider
        </button>
        {settings.source === 'tenant' && (
          <ConfirmButton
            label="Use the installation default"
            confirmLabel="Yes, use the default"
            className="button-secondary"
            warning={`This deletes this workspace’s provider settings${settings.apiKey ? ', including the stored API key' : ''}; the language and hand-over settings stay.`}
            onConfirm={reset}
          />
        )}
      </div>
      {changed && (
        <p className="field-hint">
          Test provider checks the saved settings: save first to test this provider.
        </p>
      )}
      {test && (
        <div className={`notice ${test.ok ? 'notice-success' : 'notice-error'}`} role="status">
          {test.message} <span className="muted small">{test.durationMs} ms</span>
        </div>
      )}
    </form>
  );
}

export function AiSettingsPage() {
  const settings = useApi<AiSettings>('/settings/ai');
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (settings.data) setVersion((v) => v + 1);
  }, [settings.data]);
  return (
    <Page title="AI settings">
      <p className="lead">
        The AI answers when no rule does (if the widget has AI on), and runs AI rules. The embedded provider
        works offline; an LLM provider adds free-form answers, tools from your endpoints and translation.
      </p>
      <LoadState
        loading={settings.loading && !settings.data}
        error={settings.error}
        onRetry={settings.reload}
      />
      {settings.data && (
        <AiSettingsForm
          key={version}
          settings={settings.data}
          notice={notice}
          onNotice={setNotice}
          onSaved={(saved, message) => {
            settings.setData(() => saved);
            setNotice(message);
          }}
        />
      )}
    </Page>
  );
}
