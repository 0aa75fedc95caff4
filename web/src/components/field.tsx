import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';

interface FrameProps {
  label: string;
  error?: string;
  hint?: ReactNode;
  className?: string;
  children: (control: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}

/** Label, control, hint and the API's error for that field, wired for screen readers. */
export function FieldFrame({ label, error, hint, className, children }: FrameProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(error ? { 'aria-invalid': true } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {hint && (
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

type Common = { label: string; error?: string; hint?: ReactNode; className?: string };

export function TextField({
  label,
  error,
  hint,
  className,
  onValue,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement> & { onValue?: (value: string) => void }) {
  return (
    <FieldFrame label={label} error={error} hint={hint} className={className}>
      {(control) => <input type="text" {...input} {...control} onChange={(e) => onValue?.(e.target.value)} />}
    </FieldFrame>
  );
}

export function TextArea({
  label,
  error,
  hint,
  className,
  onValue,
  ...input
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement> & { onValue?: (value: string) => void }) {
  return (
    <FieldFrame label={label} error={error} hint={hint} className={className}>
      {(control) => <textarea rows={4} {...input} {...control} onChange={(e) => onValue?.(e.target.value)} />}
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  error,
  hint,
  className,
  options,
  onValue,
  ...select
}: Common &
  SelectHTMLAttributes<HTMLSelectElement> & { options: Option[]; onValue?: (value: string) => void }) {
  return (
    <FieldFrame label={label} error={error} hint={hint} className={className}>
      {(control) => (
        <select {...select} {...control} onChange={(e) => onValue?.(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export function CheckboxField({
  label,
  checked,
  onValue,
  error,
  hint,
  disabled,
}: {
  label: string;
  checked: boolean;
  onValue: (value: boolean) => void;
  error?: string;
  hint?: ReactNode;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className={`field field-check${error ? ' field-invalid' : ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onValue(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {hint && <div className="field-hint">{hint}</div>}
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
