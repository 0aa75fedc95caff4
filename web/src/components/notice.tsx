import type { ReactNode } from 'react';

/** A form-level message: the API's error, or a success note. */
export function FormMessage({ error, success }: { error?: string | null; success?: string | null }) {
  if (error) {
    return (
      <div className="notice notice-error" role="alert">
        {error}
      </div>
    );
  }
  if (success) {
    return (
      <div className="notice notice-success" role="status">
        {success}
      </div>
    );
  }
  return null;
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

/** What a list shows while loading or after a failed load. */
export function LoadState({
  loading,
  error,
  onRetry,
}: {
  loading: boolean;
  error: Error | null;
  onRetry?: () => void;
}) {
  if (error) {
    return (
      <div className="notice notice-error" role="alert">
        {error.message}{' '}
        {onRetry && (
          <button type="button" className="link-button" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    );
  }
  if (loading) return <p className="muted">Loading…</p>;
  return null;
}
