import { useEffect, useRef } from 'react';
import { LEAVE_QUESTION, leaveGuard, useLeaveQuestion } from '../lib/unsaved-changes.ts';

/**
 * The question the app asks before leaving a page with unsaved edits (a modal <dialog>: focus stays
 * in it and Escape means "stay"). Mounted once, around every signed-in page.
 */
export function LeaveConfirmDialog() {
  const asking = useLeaveQuestion();
  const dialog = useRef<HTMLDialogElement>(null);
  const stay = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (asking && !element.open) {
      element.showModal();
      // showModal focuses the first button, "Leave", so Enter would drop the edits. React's
      // autoFocus acts only when a component mounts, and this dialog is always mounted.
      stay.current?.focus();
    }
    if (!asking && element.open) element.close();
  }, [asking]);
  return (
    <dialog
      ref={dialog}
      className="leave-dialog"
      aria-labelledby="leave-question"
      onCancel={(event) => {
        event.preventDefault();
        leaveGuard.cancel();
      }}
    >
      <p id="leave-question">{LEAVE_QUESTION}</p>
      <div className="form-actions">
        <button type="button" className="button-danger" onClick={() => leaveGuard.confirm()}>
          Leave without saving
        </button>
        <button type="button" className="button-secondary" ref={stay} onClick={() => leaveGuard.cancel()}>
          Stay on this page
        </button>
      </div>
    </dialog>
  );
}
