import { type ReactNode, useState } from 'react';

/**
 * A destructive button that asks "Sure?" inline instead of a blocking browser dialog; `warning`
 * says what else the action does (shown while asking).
 */
export function ConfirmButton({
  label,
  confirmLabel,
  onConfirm,
  disabled,
  warning,
  className = 'button-danger',
  accessibleLabel,
}: {
  label: string;
  /** A name for screen readers that says what it acts on ("Revoke CI pipeline"); starts with `label`. */
  accessibleLabel?: string;
  confirmLabel?: string;
  onConfirm: () => void | Promise<void>;
  disabled?: boolean;
  warning?: ReactNode;
  className?: string;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className={className}
        disabled={disabled}
        aria-label={accessibleLabel}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm">
      {warning && (
        <span className="confirm-warning" role="alert">
          {warning}
        </span>
      )}
      <button
        type="button"
        className="button-danger"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {confirmLabel ?? `Yes, ${label.toLowerCase()}`}
      </button>
      <button type="button" className="button-secondary" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
