import type { FastifyInstance, HTTPMethods } from 'fastify';

const methods: readonly HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * The methods routed for a URL that matched none for its own method, or [] when the path itself
 * is unknown (RFC 9110 §15.5.6: a 405 names them in `Allow`). OPTIONS alone does not make a path
 * known: the widget API's preflight route answers every path under it.
 */
export function allowedMethods(app: FastifyInstance, url: string): HTTPMethods[] {
  const allowed = methods.filter((method) => app.findRoute({ method, url }) !== null);
  return allowed.some((method) => method !== 'OPTIONS') ? allowed : [];
}

/** "DELETE is not supported on /x; use GET or PATCH." HEAD and OPTIONS are implied, so left out. */
export function methodNotAllowedMessage(method: string, path: string, allowed: readonly string[]): string {
  const named = allowed.filter((m) => m !== 'HEAD' && m !== 'OPTIONS');
  const usable = named.length > 0 ? named : allowed;
  const list =
    usable.length > 1 ? `${usable.slice(0, -1).join(', ')} or ${usable[usable.length - 1]}` : usable[0];
  return `${method} is not supported on ${path}; use ${list}.`;
}
