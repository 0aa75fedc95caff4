import { type FormEvent, useEffect, useRef, useState } from 'react';
import { CheckboxField, SelectField, TextArea, TextField } from '../../components/field.tsx';
import { KeyValueEditor } from '../../components/key-value-editor.tsx';
import { FormMessage } from '../../components/notice.tsx';
import { patch, post } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import { variableNameFor } from '../../lib/json-path.ts';
import { useUnsavedChanges } from '../../lib/unsaved-changes.ts';
import { checkBodyTemplate, placeholdersIn } from './body-template.ts';
import { draftFromEndpoint, type EndpointDraft, endpointBody, withMethod } from './endpoint-draft.ts';
import { EndpointTestPanel } from './endpoint-test-panel.tsx';
import { type Endpoint, type HttpMethod, httpMethods } from './endpoint-types.ts';
import { FieldsEditor } from './fields-editor.tsx';
import { MappingEditor } from './mapping-editor.tsx';
import { ValidationsEditor } from './validations-editor.tsx';

interface Props {
  endpoint?: Endpoint;
  connectionId: string;
  /** Variables other endpoints map (usable here without declaring a field). */
  mappedElsewhere: string[];
  /** Called after every successful save (the first one creates the endpoint). */
  onSaved: (endpoint: Endpoint) => void;
}

const withBody = new Set<HttpMethod>(['POST', 'PUT', 'PATCH', 'DELETE']);
// Fields whose label is not their API name, so an error under them reads as the label does.
const labels = {
  compareWith: 'Response path',
  input: 'Input variable',
  errorMessage: 'Error message for the visitor',
  from: 'Response path',
  to: 'Variable',
};
const known = (path: string) =>
  /^(name|method|path|description|queryParams|headers|bodyTemplate|fields|validations|responseMapping|timeoutMs|aiCallable|aiPrompt)(\.|$)/.test(
    path,
  );

export function EndpointEditor({ endpoint, connectionId, mappedElsewhere, onSaved }: Props) {
  const [draft, setDraft] = useState<EndpointDraft>(() => draftFromEndpoint(endpoint));
  const saved = useRef({
    id: endpoint?.id ?? null,
    snapshot: JSON.stringify(endpointBody(draftFromEndpoint(endpoint))),
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Until the admin ticks or unticks it, a new endpoint's AI checkbox follows its method.
  const aiCallableTouched = useRef(false);
  const unsaved = useUnsavedChanges(endpointBody(draft));
  const set = <K extends keyof EndpointDraft>(key: K, value: EndpointDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const bodyError = checkBodyTemplate(draft.bodyTemplate);

  /** Saves when there is something to save; returns the endpoint id, or null after showing errors. */
  const save = async (): Promise<string | null> => {
    if (bodyError) {
      setErrors({ form: 'Please correct the highlighted fields.', fields: { bodyTemplate: bodyError } });
      focusFirstProblem();
      return null;
    }
    const body = endpointBody(draft);
    const snapshot = JSON.stringify(body);
    // Errors belong to the draft that failed; one edited back to what is saved has none.
    setErrors(noErrors);
    if (saved.current.id && snapshot === saved.current.snapshot) return saved.current.id;
    try {
      const result = saved.current.id
        ? await patch<Endpoint>(`/endpoints/${saved.current.id}`, body)
        : await post<Endpoint>(`/connections/${connectionId}/endpoints`, body);
      saved.current = { id: result.id, snapshot };
      unsaved.markSaved(body);
      setNotice('Saved.');
      onSaved(result);
      return result.id;
    } catch (error) {
      setErrors(toFormErrors(error, known, labels));
      setNotice(null);
      focusFirstProblem();
      return null;
    }
  };

  // After a refused save, keyboard and screen-reader users land on what needs fixing: once React
  // has rendered the errors (an effect, so the invalid fields are marked by then).
  const form = useRef<HTMLFormElement>(null);
  const problemToFocus = useRef(false);
  const focusFirstProblem = () => {
    problemToFocus.current = true;
  };
  useEffect(() => {
    if (!problemToFocus.current || errors === noErrors) return;
    problemToFocus.current = false;
    const target = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.current;
    target?.focus();
  }, [errors]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await save();
    setBusy(false);
  };

  const addMapping = (path: string) => {
    if (draft.responseMapping.some((m) => m.from === path)) {
      setNotice(`${path} is already mapped.`);
      return;
    }
    const to = variableNameFor(
      path,
      draft.responseMapping.map((m) => m.to),
    );
    set('responseMapping', [...draft.responseMapping, { from: path, to }]);
    setNotice(`Mapped ${path} → ${to}. Save (or test again) to keep it.`);
  };

  const placeholders = placeholdersIn(
    draft.path,
    draft.bodyTemplate,
    ...draft.queryParams.map((r) => r.value),
    ...draft.headers.map((r) => r.value),
  );
  // Other endpoints' mapped variables may feed this one (chained calls), so they need no field.
  const undeclared = placeholders.filter(
    (name) =>
      !draft.fields.some((f) => f.name === name) &&
      !mappedElsewhere.includes(name) &&
      !/^(match|visitor)\./.test(name),
  );
  const variableNames = [
    ...new Set([
      ...draft.fields.map((f) => f.name).filter(Boolean),
      ...placeholdersIn(
        draft.path,
        draft.bodyTemplate,
        ...draft.queryParams.map((r) => r.value),
        ...draft.headers.map((r) => r.value),
      ),
    ]),
  ];

  return (
    <>
      <form
        ref={form}
        tabIndex={-1}
        className="card form-grid"
        onSubmit={submit}
        noValidate
        aria-label="Endpoint settings"
      >
        <FormMessage error={errors.form} success={errors.form ? null : notice} />
        <TextField
          label="Name"
          value={draft.name}
          onValue={(v) => set('name', v)}
          error={errors.fields.name}
          placeholder="Order status"
        />
        <div className="row">
          <SelectField
            label="Method"
            value={draft.method}
            onValue={(v) =>
              setDraft((d) => withMethod(d, v as HttpMethod, !saved.current.id && !aiCallableTouched.current))
            }
            options={httpMethods.map((m) => ({ value: m, label: m }))}
            error={errors.fields.method}
          />
          <TextField
            label="Path"
            value={draft.path}
            onValue={(v) => set('path', v)}
            error={errors.fields.path}
            placeholder="/orders/{orderId}"
            hint="Appended to the connection's base URL. {variable} values are encoded."
          />
        </div>
        <TextArea
          label="Description (tells the AI what this returns)"
          rows={2}
          value={draft.description}
          onValue={(v) => set('description', v)}
          error={errors.fields.description}
        />
        <KeyValueEditor
          legend="Query params"
          rows={draft.queryParams}
          onChange={(rows) => set('queryParams', rows)}
          keyPlaceholder="lang"
          valuePlaceholder="{language}"
          errorFor={(key) => errors.fields[`queryParams.${key}`]}
          error={errors.fields.queryParams}
        />
        <KeyValueEditor
          legend="Headers"
          rows={draft.headers}
          onChange={(rows) => set('headers', rows)}
          errorFor={(key) => errors.fields[`headers.${key}`]}
          error={errors.fields.headers}
        />
        {(withBody.has(draft.method) || draft.bodyTemplate) && (
          <TextArea
            label="Body template (JSON)"
            className="code-input"
            rows={6}
            value={draft.bodyTemplate}
            onValue={(v) => set('bodyTemplate', v)}
            error={errors.fields.bodyTemplate ?? bodyError ?? undefined}
            placeholder={'{"guest": "{name}", "quantity": {qty}}'}
            hint='A value that is exactly "{name}" keeps the variable’s type.'
          />
        )}
        <FieldsEditor
          fields={draft.fields}
          onChange={(fields) => set('fields', fields)}
          errors={errors}
          undeclared={undeclared}
        />
        <ValidationsEditor
          validations={draft.validations}
          onChange={(v) => set('validations', v)}
          errors={errors}
        />
        <MappingEditor
          mapping={draft.responseMapping}
          onChange={(m) => set('responseMapping', m)}
          errors={errors}
        />
        <div className="row">
          <TextField
            label="Timeout (ms)"
            type="number"
            value={draft.timeoutMs}
            onValue={(v) => set('timeoutMs', v)}
            error={errors.fields.timeoutMs}
          />
          <CheckboxField
            label="The AI may call this endpoint"
            checked={draft.aiCallable}
            onValue={(v) => {
              aiCallableTouched.current = true;
              set('aiCallable', v);
            }}
            hint={
              draft.aiCallable && draft.method !== 'GET'
                ? `A ${draft.method} endpoint can change data: with this ticked, a visitor's words can make the AI call it.`
                : draft.method !== 'GET'
                  ? 'Off by default for endpoints that change data.'
                  : undefined
            }
          />
        </div>
        {draft.aiCallable && (
          <TextArea
            label="Guidance for the AI (optional)"
            rows={2}
            value={draft.aiPrompt}
            onValue={(v) => set('aiPrompt', v)}
            error={errors.fields.aiPrompt}
          />
        )}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {saved.current.id ? 'Save endpoint' : 'Create endpoint'}
          </button>
        </div>
      </form>
      <EndpointTestPanel
        prepare={save}
        variableNames={variableNames}
        fields={draft.fields}
        onMap={addMapping}
        mappedPaths={draft.responseMapping.map((m) => m.from)}
      />
    </>
  );
}
