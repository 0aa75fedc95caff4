import { EmptyState, LoadState } from '../../components/notice.tsx';
import { Link } from '../../lib/router.tsx';
import type { Loaded } from '../../lib/use-api.ts';
import type { Endpoint } from '../endpoints/endpoint-types.ts';

/** The connection's endpoints, loaded by its page (which also needs them to confirm a delete). */
export function EndpointList({
  connectionId,
  endpoints,
}: {
  connectionId: string;
  endpoints: Loaded<Endpoint[]>;
}) {
  return (
    <section aria-labelledby="endpoints-heading">
      <div className="page-header">
        <h2 id="endpoints-heading">Endpoints</h2>
        <Link className="button-primary button-link" to={`/connections/${connectionId}/endpoints/new`}>
          Add endpoint
        </Link>
      </div>
      <LoadState
        loading={endpoints.loading && !endpoints.data}
        error={endpoints.error}
        onRetry={endpoints.reload}
      />
      {endpoints.data?.length === 0 && (
        <EmptyState title="No endpoints yet.">
          An endpoint is one API call (method, path, mapping). Add one, or import them from an OpenAPI
          document.
        </EmptyState>
      )}
      {endpoints.data && endpoints.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Request</th>
                <th scope="col">Maps</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.data.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/endpoints/${e.id}`}>{e.name}</Link>
                    {e.description && <div className="muted small">{e.description}</div>}
                  </td>
                  <td className="cell-url">
                    {e.method} {e.path || '/'}
                  </td>
                  <td className="small">{e.responseMapping.map((m) => m.to).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
