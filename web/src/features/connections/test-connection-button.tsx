import { useState } from 'react';
import { FormMessage } from '../../components/notice.tsx';
import { post } from '../../lib/api-client.ts';
import { callErrorText } from '../../lib/format.ts';
import type { ConnectionTestResult } from './connection-types.ts';

/** "Test connection": OAuth2 fetches a token, other types call the base URL; the outcome shows inline. */
export function TestConnectionButton({ connectionId }: { connectionId: string }) {
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await post<ConnectionTestResult>(`/connections/${connectionId}/test`));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="test-result">
      <button type="button" className="button-secondary" onClick={run} disabled={busy}>
        {busy ? 'Testing…' : 'Test connection'}
      </button>{' '}
      <span className="muted small">Uses the saved settings.</span>
      <div aria-live="polite">
        <FormMessage error={error} />
        {result && (
          <div
            className={`notice ${result.ok ? 'notice-success' : 'notice-error'}`}
            data-testid="connection-test-result"
          >
            <strong>{result.ok ? 'Connection works.' : 'Connection failed.'}</strong>{' '}
            {callErrorText(result.message)}{' '}
            <span className="muted small">
              {result.status !== undefined ? `HTTP ${result.status} · ` : ''}
              {result.durationMs} ms
            </span>
          </div>
        )}
      </div>
    </div>
  );
}
