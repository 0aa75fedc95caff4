import { useState } from 'react';
import { EmptyState, LoadState } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { authTypeLabel, type Connection } from './connection-types.ts';
import { ImportOpenApi } from './import-openapi.tsx';
import { TemplatesPanel } from './templates-panel.tsx';

type Panel = 'import' | 'templates' | null;

export function ConnectionsPage() {
  const connections = useApi<Connection[]>('/connections?limit=100');
  const [panel, setPanel] = useState<Panel>(null);
  // A panel once opened stays mounted (hidden while closed), so a pasted document or a half-filled
  // template survives switching panels.
  const [opened, setOpened] = useState<Panel[]>([]);
  const toggle = (next: Panel) => {
    setPanel((current) => (current === next ? null : next));
    setOpened((list) => (list.includes(next) ? list : [...list, next]));
  };

  return (
    <Page
      title="API connections"
      actions={
        <>
          <button
            type="button"
            className="button-secondary"
            aria-expanded={panel === 'templates'}
            onClick={() => toggle('templates')}
          >
            From a template
          </button>
          <button
            type="button"
            className="button-secondary"
            aria-expanded={panel === 'import'}
            onClick={() => toggle('import')}
          >
            Import OpenAPI
          </button>
          <Link className="button-primary button-link" to="/connections/new">
            New connection
          </Link>
        </>
      }
    >
      <p className="lead">
        Connect the chat to your own APIs: a connection holds the base URL and credentials, its endpoints are
        the calls rules and the AI can make.
      </p>
      {opened.includes('import') && (
        <div hidden={panel !== 'import'}>
          <ImportOpenApi connections={connections.data ?? []} onDone={() => void connections.reload()} />
        </div>
      )}
      {opened.includes('templates') && (
        <div hidden={panel !== 'templates'}>
          <TemplatesPanel onDone={() => void connections.reload()} />
        </div>
      )}
      <LoadState
        loading={connections.loading && !connections.data}
        error={connections.error}
        onRetry={connections.reload}
      />
      {connections.data?.length === 0 && (
        <EmptyState title="No API connections yet.">
          Create one, start from a ready-made template, or import an OpenAPI document.
        </EmptyState>
      )}
      {connections.data && connections.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Base URL</th>
                <th scope="col">Auth</th>
              </tr>
            </thead>
            <tbody>
              {connections.data.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/connections/${c.id}`}>{c.name}</Link>
                  </td>
                  <td className="cell-url">{c.baseUrl}</td>
                  <td>{authTypeLabel(c.auth.type)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
