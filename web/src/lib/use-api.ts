import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type ApiResult, api, cachedGet, onCachedAnswer } from './api-client.ts';
import { createPendingEdits } from './pending-edits.ts';

export interface Loaded<T> {
  data: T | undefined;
  meta: ApiResult<T>['meta'];
  error: Error | null;
  loading: boolean;
  /** Fetches again, bypassing the shared cache. */
  reload: () => Promise<void>;
  /**
   * Fetches again in the background (see useRefreshWhileVisible): no loading state, and a failure
   * keeps the last data and error on screen (the returned promise rejects, for a caller who asked).
   */
  refresh: () => Promise<void>;
  /** Replaces the data locally (after a write or a live event) without a request. */
  setData: (update: (current: T | undefined) => T | undefined) => void;
}

interface State<T> {
  data?: T;
  meta?: ApiResult<T>['meta'];
  error: Error | null;
  loading: boolean;
}

// A 429 with a short Retry-After is waited out once; longer waits show the error instead.
const MAX_RETRY_WAIT_S = 30;
// Several places refreshing one shared value at the same moment (a tab shown again) ask once.
const SHARED_REFRESH_MAX_AGE_MS = 2_000;

type LoadMode = 'load' | 'reload' | 'refresh';

/**
 * GETs `path` (null: nothing to load yet) and reloads whenever it changes. `cached` lists come
 * from the shared one-minute cache (any write clears it), for reference lists many pages show.
 * `shared` (implies `cached`): a value shown in several places at once, such as the credit
 * balance; each place also takes the newer answers any other one fetches.
 */
export function useApi<T>(
  path: string | null,
  options: { cached?: boolean; shared?: boolean } = {},
): Loaded<T> {
  const [state, setState] = useState<State<T>>({ error: null, loading: path !== null });
  const latest = useRef(path);
  latest.current = path;
  const shared = options.shared === true;
  const cached = options.cached === true || shared;
  const [edits] = useState(() => createPendingEdits<T>());

  const load = useCallback(
    async (mode: LoadMode) => {
      if (path === null) return;
      const quiet = mode === 'refresh';
      if (!quiet) setState((s) => ({ ...s, loading: true }));
      const log = edits.begin();
      const fetchOnce = () => {
        if (!cached || mode === 'reload') return api<T>('GET', path);
        return cachedGet<T>(path, quiet ? SHARED_REFRESH_MAX_AGE_MS : undefined);
      };
      try {
        let result: ApiResult<T>;
        try {
          result = await fetchOnce();
        } catch (error) {
          const wait = error instanceof ApiError && error.status === 429 ? error.retryAfter : undefined;
          if (quiet || wait === undefined || wait > MAX_RETRY_WAIT_S) throw error;
          await new Promise((resolve) => setTimeout(resolve, wait * 1000));
          result = await fetchOnce();
        }
        const data = edits.settle(log, result.data);
        if (latest.current === path) setState({ data, meta: result.meta, error: null, loading: false });
      } catch (error) {
        edits.drop(log);
        if (quiet) throw error;
        if (latest.current === path) setState((s) => ({ ...s, error: error as Error, loading: false }));
      }
    },
    [path, cached, edits],
  );

  useEffect(() => {
    setState({ error: null, loading: path !== null });
    void load('load');
  }, [load, path]);

  useEffect(() => {
    if (!shared || path === null) return;
    return onCachedAnswer<T>(path, (result) => {
      if (latest.current === path)
        setState({ data: result.data, meta: result.meta, error: null, loading: false });
    });
  }, [shared, path]);

  const reload = useCallback(() => load('reload'), [load]);
  const refresh = useCallback(() => load('refresh'), [load]);
  const setData = useCallback(
    (update: (current: T | undefined) => T | undefined) => {
      edits.record(update);
      setState((s) => ({ ...s, data: update(s.data) }));
    },
    [edits],
  );

  return {
    data: state.data,
    meta: state.meta,
    error: state.error,
    loading: state.loading,
    reload,
    refresh,
    setData,
  };
}
