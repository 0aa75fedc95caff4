import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';

const focusLost = () => (document.activeElement ?? document.body) === document.body;

/**
 * The page's heading, for focus whose element is gone (a revoked key's row, a deleted item's
 * page). It is not in the tab order, so it takes focus only when asked to.
 */
function focusPageHeading() {
  const heading = document.getElementById('page-title');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}

/**
 * A destructive button that asks "Sure?" inline instead of a blocking browser dialog; `warning`
 * says what else the action does (shown while asking). Keyboard focus follows: to "Cancel" when it
 * asks (Enter must not destroy anything), back to the button after Cancel or a confirmed action,
 * and to the page heading when the action removed the button with what it belonged to.
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
  const trigger = useRef<HTMLButtonElement>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  // Set by a click, acted on once the buttons it names are on the page.
  const moveFocus = useRef(false);
  // From "Yes" until focus is back on the button; the action may remove it first.
  const confirming = useRef(false);

  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    confirming.current = false;
    (asking ? cancel : trigger).current?.focus();
  }, [asking]);

  // A layout cleanup runs before React takes the buttons out of the page, so it still sees
  // whether one of them has the focus that is about to be lost.
  useLayoutEffect(
    () => () => {
      const active = document.activeElement;
      const ours = [trigger.current, yes.current, cancel.current].includes(active as HTMLButtonElement);
      const lost = ours || (confirming.current && focusLost());
      // Once this render is on the page: the heading of what is shown now.
      if (lost) queueMicrotask(() => focusLost() && focusPageHeading());
    },
    [],
  );

  const ask = (next: boolean) => {
    moveFocus.current = true;
    setAsking(next);
  };

  if (!asking) {
    return (
      <button
        type="button"
        ref={trigger}
        className={className}
        disabled={disabled}
        aria-label={accessibleLabel}
        onClick={() => ask(true)}
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
        ref={yes}
        className="button-danger"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          confirming.current = true;
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            ask(false);
          }
        }}
      >
        {confirmLabel ?? `Yes, ${label.toLowerCase()}`}
      </button>
      <button type="button" className="button-secondary" ref={cancel} onClick={() => ask(false)}>
        Cancel
      </button>
    </span>
  );
}
