import type { Auth } from '../connection.schema.ts';
import type { OpenApiDocument } from './load-openapi-document.ts';

/** Stands in for a credential the document can't know; the admin replaces it (PATCH the connection). */
export const CREDENTIAL_PLACEHOLDER = 'REPLACE_ME';

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj => (value !== null && typeof value === 'object' ? (value as Obj) : {});

/**
 * The API's base URL: OpenAPI 3 `servers[0]` (variables at their defaults,
 * relative URLs resolved against where the spec came from), Swagger 2
 * `schemes` (https preferred) + `host` + `basePath`.
 */
export function openApiBaseUrl(doc: OpenApiDocument, version: 2 | 3, sourceUrl?: string): string | undefined {
  let candidate: string | undefined;
  if (version === 3) {
    const server = obj(Array.isArray(doc.servers) ? doc.servers[0] : undefined);
    if (typeof server.url === 'string') {
      candidate = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
        const value = obj(obj(server.variables)[name]).default;
        return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
      });
    }
  } else if (typeof doc.host === 'string') {
    const schemes = Array.isArray(doc.schemes) ? doc.schemes : [];
    const scheme = schemes.includes('https') || schemes.length === 0 ? 'https' : String(schemes[0]);
    candidate = `${scheme}://${doc.host}${typeof doc.basePath === 'string' ? doc.basePath : ''}`;
  } else if (typeof doc.basePath === 'string') {
    candidate = doc.basePath;
  }
  if (candidate === undefined) return sourceUrl ? new URL('/', sourceUrl).href.replace(/\/$/, '') : undefined;
  try {
    const url = new URL(candidate, sourceUrl);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.href.includes('{')) return undefined;
    return url.href.replace(/\/$/, '');
  } catch {
    return undefined;
  }
}

/**
 * Auth where the document makes it obvious: the first scheme the global
 * `security` names (else the only one defined) that maps onto one of ours.
 * Secrets are placeholders unless the caller supplied the auth itself.
 */
export function openApiAuth(doc: OpenApiDocument, version: 2 | 3): { auth: Auth; note?: string } {
  const schemes = obj(version === 3 ? obj(doc.components).securitySchemes : doc.securityDefinitions);
  const named = (Array.isArray(doc.security) ? doc.security : []).flatMap((entry) => Object.keys(obj(entry)));
  const names = named.length > 0 ? named : Object.keys(schemes).length === 1 ? Object.keys(schemes) : [];
  for (const name of names) {
    const auth = schemeToAuth(obj(schemes[name]), version);
    if (auth) {
      const note = `Auth "${name}" was set up as ${auth.type}; replace the ${CREDENTIAL_PLACEHOLDER} credentials with real ones.`;
      return { auth, note: auth.type === 'none' ? undefined : note };
    }
  }
  return { auth: { type: 'none' } };
}

function schemeToAuth(scheme: Obj, version: 2 | 3): Auth | undefined {
  const type = String(scheme.type ?? '').toLowerCase();
  if (
    type === 'apikey' &&
    (scheme.in === 'header' || scheme.in === 'query') &&
    typeof scheme.name === 'string'
  ) {
    return scheme.in === 'header'
      ? {
          type: 'api_key',
          key: CREDENTIAL_PLACEHOLDER,
          headerName: scheme.name,
          in: 'header',
          queryParam: 'api_key',
        }
      : {
          type: 'api_key',
          key: CREDENTIAL_PLACEHOLDER,
          headerName: 'X-Api-Key',
          in: 'query',
          queryParam: scheme.name,
        };
  }
  const httpScheme = String(scheme.scheme ?? '').toLowerCase();
  if ((type === 'http' && httpScheme === 'basic') || type === 'basic') {
    return { type: 'basic', username: CREDENTIAL_PLACEHOLDER, password: CREDENTIAL_PLACEHOLDER };
  }
  if (type === 'http' && httpScheme === 'bearer') return { type: 'bearer', token: CREDENTIAL_PLACEHOLDER };
  if (type === 'oauth2') {
    const flow =
      version === 3 ? obj(obj(scheme.flows).clientCredentials) : scheme.flow === 'application' ? scheme : {};
    if (typeof flow.tokenUrl === 'string' && /^https?:\/\//.test(flow.tokenUrl)) {
      const scope = Object.keys(obj(flow.scopes)).join(' ');
      return {
        type: 'oauth2_client_credentials',
        tokenUrl: flow.tokenUrl,
        clientId: CREDENTIAL_PLACEHOLDER,
        clientSecret: CREDENTIAL_PLACEHOLDER,
        ...(scope ? { scope } : {}),
        clientAuth: 'basic',
        refreshOn: [401],
      };
    }
  }
  return undefined;
}
