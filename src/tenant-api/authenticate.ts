import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { authenticateApiKey } from '../tenants/api-keys.ts';

export interface TenantAuth {
  tenantId: string;
  /** The API key used, or undefined for other credentials (dashboard sessions). */
  apiKeyId?: string;
  /** Rate-limit bucket: one per key (or per session). */
  principal: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: TenantAuth;
  }
}

/** Reads `X-Api-Key`, or `?apiKey=` for WebSocket clients that cannot set headers. */
function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header.trim();
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.apiKey === 'string' ? query.apiKey : undefined;
}

/** onRequest hook for `/api/v1/tenant-api/*`: every request belongs to exactly one tenant. */
export function tenantAuthHook(ctx: AppContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const key = presentedKey(request);
    if (!key) {
      throw new AppError('UNAUTHORIZED', 'Missing API key: send it in the X-Api-Key header.');
    }
    const found = await authenticateApiKey(ctx.db, key);
    if (!found) throw new AppError('UNAUTHORIZED', 'Invalid or revoked API key.');
    request.auth = { tenantId: found.tenantId, apiKeyId: found.apiKeyId, principal: `key:${found.apiKeyId}` };
  };
}
