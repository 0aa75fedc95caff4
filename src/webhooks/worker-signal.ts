/**
 * Wakes this process's webhook workers when an event was written to the outbox. The writer runs
 * inside the caller's transaction, before commit, so a woken worker may not see the row yet: the
 * worker answers a wake-up with a poll now and another shortly after (see webhook-worker.ts).
 * Other processes find the rows by polling.
 */
const listeners = new Set<() => void>();

export function onOutboxWrite(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function signalOutboxWrite(): void {
  for (const listener of listeners) listener();
}
