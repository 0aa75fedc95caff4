import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { operatorMayAccess } from '../auth/operator-permissions.ts';
import { findSession, SESSION_COOKIE } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { authenticateApiKey } from '../tenants/api-keys.ts';
import { apiKeyPrincipal, sessionPrincipal } from './stream-credentials.ts';

export interface TenantAuth {
  tenantId: string;
  /** The API key used, or undefined for a dashboard session. */
  apiKeyId?: string;
  /** The signed-in person, for dashboard sessions. */
  operatorId?: string;
  role: 'admin' | 'operator';
  /** Rate-limit bucket: one per key or per session. */
  principal: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: TenantAuth;
  }
}

const TENANT_API_PREFIX = '/api/v1/tenant-api';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const EVENTS_ROUTE = `${TENANT_API_PREFIX}/events`;

/** Reads `X-Api-Key`, or `?apiKey=` for WebSocket clients that cannot set headers. */
function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header.trim();
  const query = request.query as Record<string, unknown> | undefined;
  if (typeof query?.apiKey !== 'string') return undefined;
  // Browsers cannot set headers on a WebSocket, so the event stream takes `?apiKey=`; anywhere else
  // a key in the URL only ends up in proxy logs and browser history. A plain GET of the stream is
  // authenticated alike, then told to use a WebSocket client (as with the header).
  if (request.headers.upgrade?.toLowerCase() !== 'websocket' && request.routeOptions.url !== EVENTS_ROUTE) {
    throw new AppError(
      'UNAUTHORIZED',
      'Send the API key in the X-Api-Key header; ?apiKey= is accepted only by the /events WebSocket.',
    );
  }
  return query.apiKey;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

async function authenticateSession(
  ctx: AppContext,
  request: FastifyRequest,
  cookie: string,
): Promise<TenantAuth> {
  const session = await findSession(ctx.db, cookie);
  if (!session) throw new AppError('UNAUTHORIZED', 'Your session has expired; please sign in again.');
  // SameSite=Strict already keeps other sites' forms out; the header proves the request is our own script's.
  if (!SAFE_METHODS.has(request.method)) {
    const header = request.headers['x-csrf-token'];
    if (typeof header !== 'string' || !sameToken(header, session.csrfToken)) {
      throw new AppError('FORBIDDEN', 'Missing or invalid X-CSRF-Token header for a signed-in request.');
    }
  }
  const path = request.url.slice(TENANT_API_PREFIX.length).split('?')[0];
  if (session.role === 'operator' && !operatorMayAccess(request.method, path)) {
    throw new AppError('FORBIDDEN', 'Only admins can change settings; ask an admin of your team.');
  }
  return {
    tenantId: session.tenantId,
    operatorId: session.operatorId,
    role: session.role,
    principal: sessionPrincipal(session.sessionId),
  };
}

/** onRequest hook for `/api/v1/tenant-api/*`: every request belongs to exactly one tenant. */
export function tenantAuthHook(ctx: AppContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const key = presentedKey(request);
    if (key) {
      const found = await authenticateApiKey(ctx.db, key);
      if (!found) throw new AppError('UNAUTHORIZED', 'Invalid or revoked API key.');
      request.auth = {
        tenantId: found.tenantId,
        apiKeyId: found.apiKeyId,
        role: 'admin',
        principal: apiKeyPrincipal(found.apiKeyId),
      };
      return;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (cookie) {
      request.auth = await authenticateSession(ctx, request, cookie);
      return;
    }
    throw new AppError('UNAUTHORIZED', 'Missing API key: send it in the X-Api-Key header.');
  };
}
