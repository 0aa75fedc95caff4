import { loadedConnectionFromRow } from '../connections/connections.repository.ts';
import { type LoadedEndpoint, loadTenantEndpoints } from '../connections/endpoints.repository.ts';
import { collectSecrets } from '../connections/load-endpoint-bundle.ts';
import type { AppContext } from '../context.ts';
import { mightBeSecret, modelVisibleVariables } from './visible-variables.ts';

/**
 * The tenant's stored credentials in plain text — connection auth, credential headers, and the
 * literal secrets in endpoints' headers and query parameters — to keep out of prompts.
 * Memory only; never logged.
 */
export async function loadTenantSecrets(
  ctx: AppContext,
  tenantId: string,
  endpoints?: readonly LoadedEndpoint[],
): Promise<string[]> {
  const rows = await ctx.db.selectFrom('connections').selectAll().where('tenant_id', '=', tenantId).execute();
  const connections = new Map(rows.map((row) => [row.id, loadedConnectionFromRow(ctx, row)]));
  const secrets = new Set([...connections.values()].flatMap((connection) => collectSecrets(connection)));
  for (const endpoint of endpoints ?? (await loadTenantEndpoints(ctx, tenantId))) {
    const connection = connections.get(endpoint.connectionId);
    if (connection) for (const secret of collectSecrets(connection, endpoint)) secrets.add(secret);
  }
  return [...secrets];
}

/**
 * modelVisibleVariables with the tenant's stored secrets: a variable whose value is a connection's
 * API key (an upstream echoing it, say) is hidden whatever its name. The secrets are loaded only
 * when a value left after the name check could be one — the model call costs far more anyway.
 */
export async function visibleVariablesFor(
  ctx: AppContext,
  tenantId: string,
  variables: Readonly<Record<string, string>>,
  endpoints?: readonly LoadedEndpoint[],
): Promise<Record<string, string>> {
  const byName = modelVisibleVariables(variables);
  if (!Object.values(byName).some(mightBeSecret)) return byName;
  return modelVisibleVariables(byName, await loadTenantSecrets(ctx, tenantId, endpoints));
}
