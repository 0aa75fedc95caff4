import { useId } from 'react';

interface Props {
  label: string;
  /** The stored secret as the API shows it (`****abcd`); null/undefined when there is none yet. */
  masked?: string | null;
  /** undefined: keep the stored secret (the PATCH omits it); a string: the new value. */
  value: string | undefined;
  onValue: (value: string | undefined) => void;
  error?: string;
  hint?: string;
}

/**
 * A stored secret is never revealed: the masked form is shown with a "Replace" button, and only a
 * replacement typed here is sent. Leaving it alone keeps the stored value.
 */
export function SecretInput({ label, masked, value, onValue, error, hint }: Props) {
  const id = useId();
  const replacing = value !== undefined || !masked;
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {replacing ? (
        <div className="secret-row">
          <input
            id={id}
            type="password"
            autoComplete="new-password"
            value={value ?? ''}
            onChange={(e) => onValue(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            placeholder={masked ? 'New value' : ''}
          />
          {masked && (
            <button type="button" className="button-secondary" onClick={() => onValue(undefined)}>
              Keep current
            </button>
          )}
        </div>
      ) : (
        <div className="secret-row">
          <input id={id} readOnly value={masked ?? ''} className="masked" aria-describedby={describedBy} />
          <button
            type="button"
            className="button-secondary"
            onClick={() => onValue('')}
            aria-label={`Replace ${label}`}
          >
            Replace
          </button>
        </div>
      )}
      {hint && !error && (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
