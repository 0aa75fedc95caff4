import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestUpstream {
  url: string;
  hostPort: string;
  /** Authorization headers received, to prove the stored token is sent. */
  authorizations: string[];
  /** Webhook deliveries POSTed to /hooks (their event types), answered with `hookStatus`. */
  hooks: string[];
  hookStatus: number;
  close(): Promise<void>;
}

/**
 * A tiny "shop API" on 127.0.0.1: GET /orders/{id} behind a bearer token, like seed 000's recipe,
 * and a webhook receiver at POST /hooks.
 */
export async function startTestUpstream(token: string, port = 0): Promise<TestUpstream> {
  const authorizations: string[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/hooks') {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        upstream.hooks.push(JSON.parse(body).type);
        res.writeHead(upstream.hookStatus).end();
      });
      return;
    }
    authorizations.push(String(req.headers.authorization ?? ''));
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: 'unauthorized' });
    const match = /^\/orders\/([^/?]+)/.exec(req.url ?? '');
    if (!match) return send(200, { ok: true, service: 'test shop' });
    const id = decodeURIComponent(match[1]);
    if (id === '404') return send(404, { error: 'not found' });
    return send(200, {
      data: { id, status: 'shipped', eta: 'Thursday', items: [{ name: 'Blue mug', qty: 2 }] },
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  const upstream: TestUpstream = {
    hooks: [],
    hookStatus: 200,
    url: `http://127.0.0.1:${actual}`,
    hostPort: `127.0.0.1:${actual}`,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return upstream;
}
