import { useCallback, useEffect, useRef } from 'react';

/** What the refresher needs of `document` (a fake in unit tests). */
export interface VisibilitySource {
  readonly visibilityState: string;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export interface Refresher {
  /** Something changed (a live event): refresh now, or `minGapMs` after the last refresh began. */
  poke(): void;
  stop(): void;
}

export interface RefresherOptions {
  intervalMs: number;
  /** The least time between two refreshes that pokes start, so a burst of events costs one request. */
  minGapMs?: number;
  now?: () => number;
}

// A page nobody looks at should cost the server (and the session's request budget) nothing.
const isVisible = (page: VisibilitySource) => page.visibilityState !== 'hidden';

/**
 * Calls `refresh` every `intervalMs` while `page` is visible and once at once when it becomes
 * visible again; a hidden page makes no calls. Refreshes never overlap: one asked for while
 * another runs follows it. A failed refresh is ignored (the caller keeps its last data) and the
 * next one comes on schedule.
 */
export function refreshWhileVisible(
  page: VisibilitySource,
  refresh: () => Promise<unknown> | unknown,
  { intervalMs, minGapMs = 2_000, now = Date.now }: RefresherOptions,
): Refresher {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dueAt = Number.POSITIVE_INFINITY;
  let running = false;
  let again = false;
  let stopped = false;
  let lastStart = Number.NEGATIVE_INFINITY;

  const cancel = () => {
    clearTimeout(timer);
    dueAt = Number.POSITIVE_INFINITY;
  };
  const schedule = (delayMs: number) => {
    cancel();
    dueAt = now() + delayMs;
    timer = setTimeout(run, delayMs);
  };

  async function run() {
    if (stopped || !isVisible(page)) return;
    if (running) {
      again = true;
      return;
    }
    cancel();
    running = true;
    // This refresh answers every earlier request for one.
    again = false;
    lastStart = now();
    try {
      await refresh();
    } catch {
      // The last data stays on screen; the next refresh tries again.
    } finally {
      running = false;
    }
    if (stopped || !isVisible(page)) return;
    if (again) {
      again = false;
      poke();
    } else {
      schedule(intervalMs);
    }
  }

  function poke() {
    if (stopped || !isVisible(page)) return;
    if (running) {
      again = true;
      return;
    }
    const wait = lastStart + minGapMs - now();
    if (wait <= 0) void run();
    else if (dueAt > now() + wait) schedule(wait);
  }

  const onVisibilityChange = () => {
    if (isVisible(page)) void run();
    else cancel();
  };
  page.addEventListener('visibilitychange', onVisibilityChange);
  if (isVisible(page)) schedule(intervalMs);

  return {
    poke,
    stop() {
      stopped = true;
      cancel();
      page.removeEventListener('visibilitychange', onVisibilityChange);
    },
  };
}

/**
 * Keeps data current while the tab is visible (see `refreshWhileVisible`): pass a background
 * refresh such as `useApi(…).refresh`, which shows no loading state and keeps the last data when
 * it fails. Returns `poke`, to refresh soon because something changed.
 */
export function useRefreshWhileVisible(
  refresh: () => Promise<unknown> | unknown,
  intervalMs: number,
  options: { minGapMs?: number } = {},
): () => void {
  const latest = useRef(refresh);
  latest.current = refresh;
  const refresher = useRef<Refresher | null>(null);
  const { minGapMs } = options;
  useEffect(() => {
    const started = refreshWhileVisible(document, () => latest.current(), { intervalMs, minGapMs });
    refresher.current = started;
    return () => {
      started.stop();
      refresher.current = null;
    };
  }, [intervalMs, minGapMs]);
  return useCallback(() => refresher.current?.poke(), []);
}
