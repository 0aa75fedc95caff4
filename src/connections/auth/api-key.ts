import type { ApiKeyAuth } from '../connection.schema.ts';
import type { AuthContribution } from './auth-contribution.ts';

/** A static key in a header (default `X-Api-Key`) or a query parameter (default `api_key`). */
export function apiKeyAuth(auth: ApiKeyAuth): AuthContribution {
  if (auth.in === 'query') return { headers: {}, query: { [auth.queryParam]: auth.key } };
  return { headers: { [auth.headerName.toLowerCase()]: auth.key }, query: {} };
}
