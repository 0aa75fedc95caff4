import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { missingBundlePage } from './missing-bundle-page.ts';

/** Where `npm run build` (vite build --config web/vite.config.ts) writes the dashboard. */
export const defaultDashboardDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../web/dist',
);

// Vite puts content-hashed files under assets/: their name changes whenever their bytes do.
const IMMUTABLE = 'public, max-age=31536000, immutable';
// The SPA only talks to its own origin (REST and the events WebSocket); nothing inline but styles.
// 'self' covers same-host WebSockets in current browsers; the explicit ws(s) origin covers the rest.
function contentSecurityPolicy(host: string): string {
  const sockets = /^[A-Za-z0-9.:[\]-]+$/.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    `connect-src 'self'${sockets}`,
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

function isFileInside(root: string, relative: string): boolean {
  const full = path.resolve(root, relative);
  if (!full.startsWith(root + path.sep)) return false;
  try {
    return fs.statSync(full).isFile();
  } catch {
    return false;
  }
}

function sendIndex(request: FastifyRequest, reply: FastifyReply) {
  reply
    .header('cache-control', 'no-cache')
    .header('content-security-policy', contentSecurityPolicy(request.host))
    .header('x-frame-options', 'DENY');
  return reply.sendFile('index.html', { cacheControl: false });
}

/**
 * Serves the dashboard SPA (web/dist) under the prefix it is registered with (`/app`): files as
 * they are, any other path the client-side router owns gets index.html. Without a build, a page
 * says how to make one instead of a bare 404.
 */
export const dashboardRoutes =
  (options: { distDir?: string } = {}): FastifyPluginAsync =>
  async (app) => {
    const root = path.resolve(options.distDir ?? defaultDashboardDir);
    if (!fs.existsSync(path.join(root, 'index.html'))) {
      const missing = async (_request: unknown, reply: FastifyReply) =>
        reply
          .status(503)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(missingBundlePage);
      app.get('/', { schema: { hide: true } }, missing);
      app.get('/*', { schema: { hide: true } }, missing);
      return;
    }

    await app.register(fastifyStatic, { root, serve: false });
    app.get('/', { schema: { hide: true } }, async (request, reply) => sendIndex(request, reply));
    app.get<{ Params: { '*': string } }>('/*', { schema: { hide: true } }, async (request, reply) => {
      const wanted = request.params['*'];
      if (wanted !== 'index.html' && isFileInside(root, wanted)) {
        reply.header('cache-control', wanted.startsWith('assets/') ? IMMUTABLE : 'no-cache');
        return reply.sendFile(wanted, { cacheControl: false });
      }
      // A missing hashed file is a stale tab asking for an old build: a 404, not the HTML page.
      if (wanted.startsWith('assets/')) return reply.callNotFound();
      return sendIndex(request, reply);
    });
  };
