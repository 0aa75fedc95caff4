import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type ApiResult, api, cachedGet } from './api-client.ts';
import { createPendingEdits } from './pending-edits.ts';

export interface Loaded<T> {
  data: T | undefined;
  meta: ApiResult<T>['meta'];
  error: Error | null;
  loading: boolean;
  /** Fetches again, bypassing the shared cache. */
  reload: () => Promise<void>;
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

/**
 * GETs `path` (null: nothing to load yet) and reloads whenever it changes. `cached` lists come
 * from the shared one-minute cache (any write clears it), for reference lists many pages show.
 */
export function useApi<T>(path: string | null, options: { cached?: boolean } = {}): Loaded<T> {
  const [state, setState] = useState<State<T>>({ error: null, loading: path !== null });
  const latest = useRef(path);
  latest.current = path;
  const cached = options.cached === true;
  const [edits] = useState(() => createPendingEdits<T>());

  const load = useCallback(
    async (fresh: boolean) => {
      if (path === null) return;
      setState((s) => ({ ...s, loading: true }));
      const log = edits.begin();
      const fetchOnce = () => (cached && !fresh ? cachedGet<T>(path) : api<T>('GET', path));
      try {
        let result: ApiResult<T>;
        try {
          result = await fetchOnce();
        } catch (error) {
          const wait = error instanceof ApiError && error.status === 429 ? error.retryAfter : undefined;
          if (wait === undefined || wait > MAX_RETRY_WAIT_S) throw error;
          await new Promise((resolve) => setTimeout(resolve, wait * 1000));
          result = await fetchOnce();
        }
        const data = edits.settle(log, result.data);
        if (latest.current === path) setState({ data, meta: result.meta, error: null, loading: false });
      } catch (error) {
        edits.drop(log);
        if (latest.current === path) setState((s) => ({ ...s, error: error as Error, loading: false }));
      }
    },
    [path, cached, edits],
  );

  useEffect(() => {
    setState({ error: null, loading: path !== null });
    void load(false);
  }, [load, path]);

  const reload = useCallback(() => load(true), [load]);
  const setData = useCallback(
    (update: (current: T | undefined) => T | undefined) => {
      edits.record(update);
      setState((s) => ({ ...s, data: update(s.data) }));
    },
    [edits],
  );

  return { data: state.data, meta: state.meta, error: state.error, loading: state.loading, reload, setData };
}
