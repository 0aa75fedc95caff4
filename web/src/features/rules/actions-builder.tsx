import { type ActionContext, ActionEditor } from './action-editor.tsx';
import { type Action, newAction } from './rule-types.ts';

/** An ordered list of actions (a rule's, or a branch's), run top to bottom. */
export function ActionsBuilder({
  actions,
  onChange,
  path,
  context,
  depth,
  label,
}: {
  actions: Action[];
  onChange: (actions: Action[]) => void;
  path: string;
  context: ActionContext;
  depth: number;
  label: string;
}) {
  const move = (from: number, to: number) => {
    if (to < 0 || to >= actions.length) return;
    const next = [...actions];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    onChange(next);
  };
  return (
    <div className="actions-builder">
      {actions.map((action, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: actions are edited in place
        <div key={i}>
          <ActionEditor
            action={action}
            path={`${path}.${i}`}
            label={`${label} ${i + 1}`}
            depth={depth}
            context={context}
            onChange={(a) => onChange(actions.map((x, j) => (j === i ? a : x)))}
            onRemove={() => onChange(actions.filter((_, j) => j !== i))}
          />
          {actions.length > 1 && (
            <div className="form-actions small">
              <button
                type="button"
                className="button-icon"
                aria-label={`Move ${label.toLowerCase()} ${i + 1} up`}
                disabled={i === 0}
                onClick={() => move(i, i - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="button-icon"
                aria-label={`Move ${label.toLowerCase()} ${i + 1} down`}
                disabled={i === actions.length - 1}
                onClick={() => move(i, i + 1)}
              >
                ↓
              </button>
            </div>
          )}
        </div>
      ))}
      {context.errorAt(path) && <div className="field-error">{context.errorAt(path)}</div>}
      <button
        type="button"
        className="button-secondary"
        onClick={() => onChange([...actions, newAction(actions.length === 0 ? 'CALL_API' : 'REPLY_TEXT')])}
      >
        Add {depth > 1 ? 'branch action' : 'action'}
      </button>
    </div>
  );
}
