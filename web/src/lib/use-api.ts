import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiResult, api } from './api-client.ts';

export interface Loaded<T> {
  data: T | undefined;
  meta: ApiResult<T>['meta'];
  error: Error | null;
  loading: boolean;
  reload: () => Promise<void>;
  /** Replaces the data locally (after a write or a live event) without a request. */
  setData: (update: (current: T | undefined) => T | undefined) => void;
}

/** GETs `path` (null: nothing to load yet) and reloads whenever it changes. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{
    data?: T;
    meta?: ApiResult<T>['meta'];
    error: Error | null;
    loading: boolean;
  }>({
    error: null,
    loading: path !== null,
  });
  const latest = useRef(path);
  latest.current = path;

  const load = useCallback(async () => {
    if (path === null) return;
    setState((s) => ({ ...s, loading: true }));
    try {
      const result = await api<T>('GET', path);
      if (latest.current === path)
        setState({ data: result.data, meta: result.meta, error: null, loading: false });
    } catch (error) {
      if (latest.current === path) setState((s) => ({ ...s, error: error as Error, loading: false }));
    }
  }, [path]);

  useEffect(() => {
    setState({ error: null, loading: path !== null });
    void load();
  }, [load, path]);

  const setData = useCallback((update: (current: T | undefined) => T | undefined) => {
    setState((s) => ({ ...s, data: update(s.data) }));
  }, []);

  return {
    data: state.data,
    meta: state.meta,
    error: state.error,
    loading: state.loading,
    reload: load,
    setData,
  };
}
