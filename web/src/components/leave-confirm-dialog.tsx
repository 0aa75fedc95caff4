import { useEffect, useRef } from 'react';
import { LEAVE_QUESTION, leaveGuard, useLeaveQuestion } from '../lib/unsaved-changes.ts';

/**
 * The question the app asks before leaving a page with unsaved edits (a modal <dialog>: focus stays
 * in it and Escape means "stay"). Mounted once, around every signed-in page.
 */
export function LeaveConfirmDialog() {
  const asking = useLeaveQuestion();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (asking && !element.open) element.showModal();
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
        {/* biome-ignore lint/a11y/noAutofocus: the safe choice has focus in a modal question */}
        <button type="button" className="button-secondary" autoFocus onClick={() => leaveGuard.cancel()}>
          Stay on this page
        </button>
      </div>
    </dialog>
  );
}
