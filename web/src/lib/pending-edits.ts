export type Update<T> = (current: T | undefined) => T | undefined;

/**
 * Local edits (a write's result, a live event) made while a GET is in flight would be overwritten
 * by its answer, which the server may have built before the edit: a conversation created over the
 * socket while the inbox was still loading vanished again. Each load records the edits made during
 * it and replays them on its answer. Updates must be idempotent (replace by id), as list updates are.
 */
export function createPendingEdits<T>() {
  const inFlight = new Set<Update<T>[]>();
  return {
    /** Call when a load starts; pass the returned log to `settle`. */
    begin(): Update<T>[] {
      const log: Update<T>[] = [];
      inFlight.add(log);
      return log;
    },
    record(update: Update<T>): void {
      for (const log of inFlight) log.push(update);
    },
    /** The load's answer with the edits made since it started; `undefined` data skips nothing. */
    settle(log: Update<T>[], data: T | undefined): T | undefined {
      inFlight.delete(log);
      return log.reduce<T | undefined>((current, update) => update(current), data);
    },
    /** A failed load: forget its log. */
    drop(log: Update<T>[]): void {
      inFlight.delete(log);
    },
  };
}
