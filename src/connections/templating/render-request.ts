import type { HttpMethod } from '../endpoint.schema.ts';
import { buildUrl } from './build-url.ts';
import { renderBody } from './render-body.ts';
import { renderHeaders } from './render-headers.ts';
import { renderPath } from './render-path.ts';
import { renderQuery } from './render-query.ts';
import { isRequiredAndMissing, type RenderError, type VariableScope } from './variable-text.ts';

export type RenderableEndpoint = {
  readonly method: HttpMethod;
  readonly path: string;
  readonly queryParams?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly bodyTemplate?: string | null;
};

export type RenderRequestInput = {
  readonly baseUrl: string;
  readonly endpoint: RenderableEndpoint;
  /** Session variables, action params and collected fields; dotted names are plain keys. */
  readonly variables: Readonly<Record<string, unknown>>;
  /** Must be present (not undefined, null or "") whether or not a template uses them. */
  readonly requiredVariables?: readonly string[];
};

export type RenderedRequest = {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
};

export type RenderRequestResult = { ok: true; request: RenderedRequest } | { ok: false; error: RenderError };

/**
 * Step one of a call (render → guarded fetch → validate → map): turns an
 * endpoint and the variables into the exact request, or an error naming the
 * variable — before any network I/O, and never by throwing. SPEC §6 rules per
 * position are in render-path, render-query (+ build-url), render-headers and
 * render-body. The connection's headers and auth are added by the executor.
 *
 * A GET carries no body (fetch refuses one); other methods with a body get
 * `Content-Type: application/json` unless the endpoint sets its own.
 *
 * @example
 * renderRequest({ baseUrl: 'https://api.shop.com/v2',
 *   endpoint: { method: 'GET', path: '/orders/{orderId}' }, variables: { orderId: '4521' } })
 * // → { ok: true, request: { method: 'GET', url: 'https://api.shop.com/v2/orders/4521', headers: {} } }
 */
export function renderRequest(input: RenderRequestInput): RenderRequestResult {
  const { endpoint } = input;
  const scope: VariableScope = {
    variables: input.variables,
    required: new Set(input.requiredVariables ?? []),
  };
  for (const name of scope.required) {
    if (isRequiredAndMissing(scope, name)) {
      return { ok: false, error: { variable: name, message: `Missing required variable {${name}}` } };
    }
  }

  const path = renderPath(endpoint.path, scope);
  if (!path.ok) return path;
  const query = renderQuery(endpoint.queryParams ?? {}, scope);
  if (!query.ok) return query;
  const url = buildUrl(input.baseUrl, path.path, query.pairs);
  if (!url.ok) return url;
  const headers = renderHeaders(endpoint.headers ?? {}, scope);
  if (!headers.ok) return headers;

  const request: RenderedRequest = { method: endpoint.method, url: url.url, headers: headers.headers };
  const template = endpoint.bodyTemplate ?? '';
  if (endpoint.method !== 'GET' && template.trim() !== '') {
    const body = renderBody(template, scope);
    if (!body.ok) return body;
    request.body = body.body;
    const hasContentType = Object.keys(request.headers).some((name) => name.toLowerCase() === 'content-type');
    if (!hasContentType) request.headers['Content-Type'] = 'application/json';
  }
  return { ok: true, request };
}
