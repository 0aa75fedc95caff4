export interface OutageLogger {
  warn(obj: unknown, message: string): void;
  info(obj: unknown, message: string): void;
}

export interface OutageLog {
  /** A failure: logged at once, then at most once per `everyMs` with how many were not logged. */
  failed(error: unknown): void;
  /** A success: after failures, one line saying it recovered. */
  succeeded(): void;
}

/**
 * One warning per outage and a reminder every 30 s, not a line per attempt: a poll that fails every
 * second while the database is down would otherwise bury the log (and the first error) in copies.
 */
export function createOutageLog(
  logger: () => OutageLogger | undefined,
  messages: { down: string; up: string },
  everyMs = 30_000,
): OutageLog {
  let lastWarning = 0;
  let suppressed = 0;
  let down = false;
  return {
    failed(error) {
      down = true;
      const log = logger();
      if (!log) return;
      if (lastWarning > 0 && Date.now() - lastWarning < everyMs) {
        suppressed++;
        return;
      }
      log.warn({ err: error, ...(suppressed > 0 ? { suppressed } : {}) }, messages.down);
      lastWarning = Date.now();
      suppressed = 0;
    },
    succeeded() {
      if (!down) return;
      down = false;
      if (lastWarning > 0) logger()?.info({}, messages.up);
      lastWarning = 0;
      suppressed = 0;
    },
  };
}
