import { useState } from 'react';
import { EmptyState, FormMessage, LoadState } from '../../components/notice.tsx';
import { post } from '../../lib/api-client.ts';
import { navigate } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { authTypeLabel, type Connection } from './connection-types.ts';

interface ConnectionTemplate {
  id: string;
  name: string;
  description?: string;
  baseUrl?: string;
  auth?: { type: string };
  endpoints?: { name: string }[];
}

/** Ready-made connections (GET /connection-templates); using one creates the connection and its endpoints. */
export function TemplatesPanel() {
  const templates = useApi<ConnectionTemplate[]>('/connection-templates');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const use = async (template: ConnectionTemplate) => {
    setBusy(template.id);
    setError(null);
    try {
      const created = await post<Connection | { connection: Connection }>('/connections/from-template', {
        templateId: template.id,
      });
      const connection = 'connection' in created ? created.connection : created;
      navigate(`/connections/${connection.id}`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card" aria-labelledby="templates-heading">
      <h2 id="templates-heading">Start from a template</h2>
      <FormMessage error={error} />
      <LoadState
        loading={templates.loading && !templates.data}
        error={templates.error}
        onRetry={templates.reload}
      />
      {templates.data?.length === 0 && <EmptyState title="No templates available." />}
      <ul className="card-list template-list">
        {templates.data?.map((t) => (
          <li key={t.id} className="repeat-item">
            <div className="card-header">
              <h3>{t.name}</h3>
              <button
                type="button"
                className="button-secondary"
                disabled={busy !== null}
                onClick={() => void use(t)}
              >
                {busy === t.id ? 'Creating…' : 'Use template'}
              </button>
            </div>
            {t.description && <p className="small">{t.description}</p>}
            <p className="muted small">
              {[
                t.baseUrl,
                t.auth && authTypeLabel(t.auth.type),
                t.endpoints && `${t.endpoints.length} endpoints`,
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
