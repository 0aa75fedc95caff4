// Test support (not collected as tests): a programmable loopback upstream and
// shortcuts for creating connections and endpoints through the Tenant API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/helpers/test-app.ts';
import {
  type RecordedRequest,
  startTestServer,
  type TestServer,
} from '../../http/guarded-fetch/test-server.ts';

export type UpstreamHandler = (req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest) => void;

export interface Upstream extends TestServer {
  /** Replaced per test; the default answers 200 `{"ok":true}`. */
  handle: UpstreamHandler;
  /** Requests whose path (without query) is `path`. */
  requestsTo(path: string): RecordedRequest[];
}

export const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

export async function startUpstream(): Promise<Upstream> {
  const upstream = {} as Upstream;
  const server = await startTestServer((req, res, recorded) => upstream.handle(req, res, recorded));
  Object.setPrototypeOf(upstream, server);
  upstream.handle = (_req, res) => json(res, 200, { ok: true });
  upstream.requestsTo = (path) => server.requests.filter((r) => r.url.split('?')[0] === path);
  return upstream;
}

export const API = '/api/v1/tenant-api';

export async function createConnectionVia(
  t: TestApp,
  headers: Record<string, string>,
  body: Record<string, unknown>,
): Promise<{ id: string } & Record<string, unknown>> {
  const res = await t.app.inject({
    method: 'POST',
    url: `${API}/connections`,
    headers,
    payload: { name: 'Test API', ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data;
}

export async function createEndpointVia(
  t: TestApp,
  headers: Record<string, string>,
  connectionId: string,
  body: Record<string, unknown>,
): Promise<{ id: string } & Record<string, unknown>> {
  const res = await t.app.inject({
    method: 'POST',
    url: `${API}/connections/${connectionId}/endpoints`,
    headers,
    payload: { name: 'Test endpoint', ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data;
}
