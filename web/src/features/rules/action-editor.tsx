import { SelectField, TextArea, TextField } from '../../components/field.tsx';
import { RecordEditor } from '../../components/key-value-editor.tsx';
import { endpointOptionLabel } from '../endpoints/endpoint-label.ts';
import type { Endpoint } from '../endpoints/endpoint-types.ts';
import type { Operator } from '../inbox/inbox-types.ts';
import { ActionsBuilder } from './actions-builder.tsx';
import { BranchStatusField } from './branch-status-field.tsx';
import { type Action, type ActionType, actionTypes, newAction, statuses } from './rule-types.ts';
import { type RuleShape, unsuppliedInputs, variablesInScope } from './rule-variables.ts';
import { VARIABLE_LIST_ID, VariableHints } from './variable-hints.tsx';

export interface ActionContext {
  /** The rule as edited: which variables exist at an action depends on the actions before it. */
  rule: RuleShape;
  endpoints: Endpoint[];
  /** To tell endpoints of the same name on different connections apart. */
  connections: { id: string; name: string }[];
  operators: Operator[];
  /** Errors by path relative to the rule (`actions.0.text`). */
  errorAt: (path: string) => string | undefined;
}

interface Props {
  action: Action;
  /** Path of this action within the rule, e.g. `actions.0` or `actions.0.branches.1.actions.0`. */
  path: string;
  label: string;
  onChange: (a: Action) => void;
  onRemove: () => void;
  context: ActionContext;
  depth: number;
}

/** Static rules cannot ask the visitor, so an input nothing supplies makes every call fail. */
function UnsuppliedInputs({ names }: { names: string[] }) {
  if (names.length === 0) return null;
  const list = names.join(', ');
  return (
    <p className="notice notice-info small" data-testid="unsupplied-inputs">
      Static rules cannot ask the visitor for a missing value: give {list} in params (e.g. {'{match.1}'}), set{' '}
      {names.length === 1 ? 'it' : 'them'} in an earlier rule, or use an AI rule, which asks.
    </p>
  );
}

function CallApiFields({ action, path, onChange, context, depth }: Omit<Props, 'label' | 'onRemove'>) {
  const endpoint = context.endpoints.find((e) => e.id === action.endpointId);
  const fieldNames = endpoint?.fields.map((f) => f.name) ?? [];
  const scope = variablesInScope(context.rule, path, context.endpoints);
  const unsupplied =
    endpoint && context.rule.type === 'static' ? unsuppliedInputs(action, endpoint, scope.variables) : [];
  const branches = action.branches ?? [];
  const setBranch = (i: number, patch: Partial<{ status: string; actions: Action[] }>) =>
    onChange({ ...action, branches: branches.map((b, j) => (j === i ? { ...b, ...patch } : b)) });
  return (
    <>
      <SelectField
        label="Endpoint"
        value={action.endpointId ?? ''}
        onValue={(endpointId) => onChange({ ...action, endpointId })}
        options={[
          { value: '', label: 'Choose an endpoint…' },
          // The rule still points at an endpoint that was deleted: say so rather than show "Choose…".
          ...(action.endpointId && !endpoint
            ? [{ value: action.endpointId, label: 'A deleted endpoint — choose another' }]
            : []),
          ...context.endpoints.map((e) => ({
            value: e.id,
            label: endpointOptionLabel(e, context.connections),
          })),
        ]}
        error={context.errorAt(`${path}.endpointId`)}
      />
      {endpoint && (
        <p className="small muted">
          {endpoint.description.trim().replace(/([^.!?])$/, '$1.')}
          {endpoint.responseMapping.length > 0 && (
            <> Maps: {endpoint.responseMapping.map((m) => m.to).join(', ')}.</>
          )}
          {endpoint.fields.some((f) => f.required) && (
            <>
              {' '}
              Needs:{' '}
              {endpoint.fields
                .filter((f) => f.required)
                .map((f) => f.name)
                .join(', ')}
              .
            </>
          )}
        </p>
      )}
      <RecordEditor
        legend="Params"
        hint="Values for the endpoint's {variables}; may use {variables} and {match.1} themselves."
        value={action.params}
        onChange={(params) => onChange({ ...action, params })}
        keySuggestions={fieldNames}
        errorFor={(key) => context.errorAt(`${path}.params.${key}`)}
      />
      <VariableHints names={scope.variables} captures={scope.captures} />
      <UnsuppliedInputs names={unsupplied} />
      {depth < 3 && (
        <fieldset>
          <legend>Branches by response</legend>
          <p className="field-hint">
            Optional: different next actions by response — a class (2xx, 4xx…), an exact code (404, 409…), no
            answer (error) or anything else. The most specific branch wins: an exact code before its class.
          </p>
          {branches.map((branch, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: branches are edited in place
            <div key={i} className="branch">
              <div className="repeat-head">
                <BranchStatusField
                  label={`Branch ${i + 1} when`}
                  status={branch.status}
                  onChange={(status) => setBranch(i, { status })}
                  error={context.errorAt(`${path}.branches.${i}.status`)}
                />
                <button
                  type="button"
                  className="button-icon repeat-remove"
                  aria-label={`Remove branch ${i + 1}`}
                  onClick={() => onChange({ ...action, branches: branches.filter((_, j) => j !== i) })}
                >
                  ×
                </button>
              </div>
              <ActionsBuilder
                actions={branch.actions}
                onChange={(actions) => setBranch(i, { actions })}
                path={`${path}.branches.${i}.actions`}
                context={context}
                depth={depth + 1}
                label={`Branch ${i + 1} action`}
              />
            </div>
          ))}
          <button
            type="button"
            className="button-secondary"
            onClick={() =>
              onChange({
                ...action,
                branches: [...branches, { status: '404', actions: [newAction('REPLY_TEXT')] }],
              })
            }
          >
            Add branch
          </button>
        </fieldset>
      )}
    </>
  );
}

/** One action: the type picker and that type's fields (CALL_API with params and branches). */
export function ActionEditor(props: Props) {
  const { action, path, label, onChange, onRemove, context } = props;
  const err = (field: string) => context.errorAt(`${path}.${field}`);
  const scope = variablesInScope(context.rule, path, context.endpoints);
  return (
    <div className="repeat-item builder-item" data-testid="action">
      <div className="repeat-head">
        <SelectField
          label={label}
          value={action.type}
          onValue={(type) => onChange(newAction(type as ActionType))}
          options={actionTypes}
          error={err('type')}
        />
        <button
          type="button"
          className="button-icon repeat-remove"
          aria-label={`Remove ${label.toLowerCase()}`}
          onClick={onRemove}
        >
          ×
        </button>
      </div>
      {action.type === 'CALL_API' && <CallApiFields {...props} />}
      {action.type === 'REPLY_TEXT' && (
        <>
          <TextArea
            label="Reply text"
            rows={2}
            value={action.text ?? ''}
            onValue={(text) => onChange({ ...action, text })}
            error={err('text')}
            placeholder="The current price is {current_price} {price_currency}."
          />
          <VariableHints names={scope.variables} captures={scope.captures} />
        </>
      )}
      {action.type === 'REPLY_AI' && (
        <>
          <TextArea
            label="Instructions or reply template (optional)"
            rows={2}
            value={action.instructions ?? ''}
            onValue={(instructions) => onChange({ ...action, instructions })}
            error={err('instructions')}
            placeholder="Tell the visitor the order status ({order_status}) and ETA ({delivery_eta})."
          />
          {/* Regex captures are not passed to the AI: only session variables are. */}
          <VariableHints names={scope.variables} />
        </>
      )}
      {action.type === 'SET_VARIABLE' && (
        <>
          <div className="row">
            <TextField
              label="Variable"
              list={VARIABLE_LIST_ID}
              value={action.name ?? ''}
              onValue={(name) => onChange({ ...action, name })}
              error={err('name')}
            />
            <TextField
              label="Value"
              value={action.value ?? ''}
              onValue={(value) => onChange({ ...action, value })}
              error={err('value')}
              placeholder={scope.captures[0] ? `{${scope.captures[0]}}` : 'gold'}
            />
          </div>
          {(scope.variables.length > 0 || scope.captures.length > 0) && (
            <VariableHints names={scope.variables} captures={scope.captures} />
          )}
        </>
      )}
      {action.type === 'ASSIGN_TO_OPERATOR' && (
        <SelectField
          label="Operator"
          value={action.operatorId ?? ''}
          onValue={(id) => onChange({ ...action, operatorId: id || null })}
          options={[
            { value: '', label: 'Any available operator' },
            ...context.operators.map((o) => ({ value: o.id, label: o.name })),
          ]}
          error={err('operatorId')}
        />
      )}
      {action.type === 'SET_STATUS' && (
        <SelectField
          label="Status"
          value={action.status ?? 'pending'}
          onValue={(status) => onChange({ ...action, status })}
          options={statuses.map((s) => ({ value: s, label: s }))}
          error={err('status')}
        />
      )}
    </div>
  );
}
