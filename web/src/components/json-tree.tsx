import { childPath, isPathKey } from '../lib/json-path.ts';

interface Props {
  value: unknown;
  /** Called with the dot path of a clicked leaf (`data.status`); leaves are plain text without it. */
  onPick?: (path: string, value: unknown) => void;
  /** Paths already mapped, marked in the tree. */
  picked?: readonly string[];
}

function leafText(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function Node({
  name,
  value,
  path,
  mappable,
  props,
}: {
  name: string | null;
  value: unknown;
  path: string;
  mappable: boolean;
  props: Props;
}) {
  const label = name === null ? null : <span className="json-key">{name}: </span>;
  if (value !== null && typeof value === 'object') {
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value as Record<string, unknown>);
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    return (
      <li>
        {label}
        <span className="json-punct">{open}</span>
        {entries.length > 0 && (
          <ul>
            {entries.map(([key, child]) => {
              const ok = mappable && (typeof key === 'number' || isPathKey(key));
              return (
                <Node
                  key={String(key)}
                  name={typeof key === 'number' ? `[${key}]` : key}
                  value={child}
                  path={ok ? childPath(path, key) : ''}
                  mappable={ok}
                  props={props}
                />
              );
            })}
          </ul>
        )}
        <span className="json-punct">{close}</span>
      </li>
    );
  }
  const text = (
    <span className={`json-value json-${value === null ? 'null' : typeof value}`}>{leafText(value)}</span>
  );
  const isMapped = props.picked?.includes(path);
  return (
    <li>
      {label}
      {props.onPick && mappable && path ? (
        <button
          type="button"
          className={`json-leaf${isMapped ? ' json-leaf-mapped' : ''}`}
          title={`Map ${path} to a session variable`}
          aria-label={`Map ${path}`}
          onClick={() => props.onPick?.(path, value)}
        >
          {text}
        </button>
      ) : (
        text
      )}
    </li>
  );
}

/** A JSON document as a tree; with `onPick`, each leaf is a button that maps its path. */
export function JsonTree(props: Props) {
  if (props.value === undefined) return <p className="muted">No body.</p>;
  if (typeof props.value === 'string') return <pre className="code-block">{props.value}</pre>;
  return (
    <ul className="json-tree">
      <Node name={null} value={props.value} path="" mappable props={props} />
    </ul>
  );
}
