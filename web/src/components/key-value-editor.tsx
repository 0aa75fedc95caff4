import { useEffect, useId, useState } from 'react';

export interface KeyValueRow {
  key: string;
  value: string;
}

export const toRows = (record: Record<string, unknown> | null | undefined): KeyValueRow[] =>
  Object.entries(record ?? {}).map(([key, value]) => ({ key, value: String(value) }));

/** A row with a value but no name: `toRecord` drops it, so the editor must not let it pass for kept. */
export const isUnnamed = (row: KeyValueRow): boolean => row.key.trim() === '' && row.value.trim() !== '';

/** "Sample variables" → "sample variable", for "Add …" and "Give this … a name". */
const singularOf = (legend: string) => legend.toLowerCase().replace(/s$/, '');

/** Rows with an empty name are dropped; the last of duplicate names wins, as in an object literal. */
export const toRecord = (rows: readonly KeyValueRow[]): Record<string, string> =>
  Object.fromEntries(rows.filter((r) => r.key.trim() !== '').map((r) => [r.key.trim(), r.value]));

interface Props {
  legend: string;
  rows: KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
  /** A placeholder fitting the row's name (a sample email for `email`); `valuePlaceholder` otherwise. */
  valuePlaceholderFor?: (key: string) => string | undefined;
  /** Errors by row name (the API reports `headers.X-Foo`); shown under the row. */
  errorFor?: (key: string) => string | undefined;
  error?: string;
  hint?: string;
  /** Suggestions for names, e.g. an endpoint's declared fields. */
  keySuggestions?: string[];
}

/** Editable name/value rows (headers, query params, sample variables). */
export function KeyValueEditor({
  legend,
  rows,
  onChange,
  keyPlaceholder = 'Name',
  valuePlaceholder = 'Value',
  valuePlaceholderFor,
  errorFor,
  error,
  hint,
  keySuggestions,
}: Props) {
  const set = (index: number, patch: Partial<KeyValueRow>) =>
    onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const singular = singularOf(legend);
  const id = useId();
  const listId = keySuggestions?.length ? `kv-${legend.replace(/\W+/g, '-').toLowerCase()}` : undefined;
  return (
    <fieldset className="kv-editor">
      <legend>{legend}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      {listId && (
        <datalist id={listId}>
          {keySuggestions?.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      {rows.map((row, index) => {
        // toRecord leaves a nameless row out, and a placeholder can pass for its name: say so under it.
        const rowError = isUnnamed(row)
          ? `Give this ${singular} a name.`
          : row.key
            ? errorFor?.(row.key)
            : undefined;
        const errorId = `${id}-${index}-error`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position while being typed
          <div className="kv-row" key={index}>
            <input
              aria-label={`${legend} name ${index + 1}`}
              placeholder={keyPlaceholder}
              value={row.key}
              list={listId}
              onChange={(e) => set(index, { key: e.target.value })}
              aria-invalid={rowError ? true : undefined}
              aria-describedby={rowError ? errorId : undefined}
            />
            <input
              aria-label={`${legend} value ${index + 1}`}
              placeholder={(row.key && valuePlaceholderFor?.(row.key)) || valuePlaceholder}
              value={row.value}
              onChange={(e) => set(index, { value: e.target.value })}
            />
            <button
              type="button"
              className="button-icon"
              aria-label={`Remove ${legend.toLowerCase()} row ${index + 1}`}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              ×
            </button>
            {rowError && (
              <div className="field-error kv-error" id={errorId} role="alert">
                {rowError}
              </div>
            )}
          </div>
        );
      })}
      {rows.length === 0 && <p className="muted small">None.</p>}
      <button
        type="button"
        className="button-secondary"
        onClick={() => onChange([...rows, { key: '', value: '' }])}
      >
        Add {singular}
      </button>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </fieldset>
  );
}

/**
 * A KeyValueEditor bound to a plain object: the rows (including half-typed ones without a name
 * yet) live here, and the parent only ever sees the finished object.
 */
export function RecordEditor({
  value,
  onChange,
  ...props
}: Omit<Props, 'rows' | 'onChange'> & {
  value: Record<string, string> | undefined;
  onChange: (value: Record<string, string>) => void;
}) {
  const [rows, setRows] = useState<KeyValueRow[]>(() => toRows(value));
  // A different object from outside (the list above removed or reordered an item) replaces the rows.
  const same = JSON.stringify(toRecord(rows)) === JSON.stringify(value ?? {});
  useEffect(() => {
    if (!same) setRows(toRows(value));
  }, [same, value]);
  return (
    <KeyValueEditor
      {...props}
      rows={rows}
      onChange={(next) => {
        setRows(next);
        onChange(toRecord(next));
      }}
    />
  );
}
