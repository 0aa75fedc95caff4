import { useEffect, useRef, useSyncExternalStore } from 'react';

export const LEAVE_QUESTION = 'You have unsaved changes. Leave without saving?';

/**
 * The forms with edits not saved yet, and a way out that asks first. Leaving (a link, the back
 * button, signing out) goes through `leave`: it runs at once when nothing is unsaved, otherwise it
 * waits until the person confirms (`confirm`) or stays (`cancel`). The store knows no DOM, so
 * tests drive it directly; the router and LeaveConfirmDialog wire it to the page.
 */
export function createLeaveGuard() {
  const checks = new Set<() => boolean>();
  const listeners = new Set<() => void>();
  let pending: (() => void) | null = null;
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const guard = {
    /** Adds a form's "do I have unsaved edits?" check; returns its removal. */
    register(isDirty: () => boolean): () => void {
      checks.add(isDirty);
      return () => {
        checks.delete(isDirty);
      };
    },
    hasUnsavedChanges(): boolean {
      for (const isDirty of checks) if (isDirty()) return true;
      return false;
    },
    /** Runs `go` now, or once the person agrees to drop their edits. */
    leave(go: () => void): void {
      if (!guard.hasUnsavedChanges()) {
        go();
        return;
      }
      pending = go;
      notify();
    },
    isAsking: (): boolean => pending !== null,
    confirm(): void {
      const go = pending;
      pending = null;
      notify();
      go?.();
    },
    cancel(): void {
      pending = null;
      notify();
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
  return guard;
}

export type LeaveGuard = ReturnType<typeof createLeaveGuard>;

/** The dashboard's one guard. */
export const leaveGuard = createLeaveGuard();

/** Whether the confirmation is showing, re-rendering when it opens or closes. */
export function useLeaveQuestion(guard: LeaveGuard = leaveGuard): boolean {
  return useSyncExternalStore(guard.subscribe, guard.isAsking);
}

/**
 * Keeps a form's unsaved edits from being lost: while `value` differs from the value last saved,
 * leaving through the app asks first and closing or reloading the tab makes the browser ask.
 * Call `markSaved` with what was saved (or reset to); a later edit makes the form dirty again.
 */
export function useUnsavedChanges(value: unknown, guard: LeaveGuard = leaveGuard) {
  const snapshot = JSON.stringify(value);
  const latest = useRef(snapshot);
  latest.current = snapshot;
  const baseline = useRef(snapshot);
  useEffect(() => {
    const isDirty = () => latest.current !== baseline.current;
    const unregister = guard.register(isDirty);
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!isDirty()) return;
      event.preventDefault();
      // Older Chromium shows the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      unregister();
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [guard]);
  return {
    dirty: snapshot !== baseline.current,
    markSaved: (saved: unknown = value) => {
      baseline.current = JSON.stringify(saved);
    },
  };
}
