import net from 'node:net';
import { expect, it } from 'vitest';
import { createTestApp } from '../../test/helpers/test-app.ts';
import {
  createConnectionVia,
  createEndpointVia,
  json,
  startUpstream,
} from '../connections/testing/upstream.ts';

it('answers a request that arrives during shutdown with the 503 envelope and Retry-After', async () => {
  const upstream = await startUpstream();
  const t = await createTestApp({ PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}` });
  try {
    const tenant = await t.createTenant();
    const connection = await createConnectionVia(t, tenant.headers, {
      name: 'Slow',
      baseUrl: upstream.origin,
    });
    const endpoint = await createEndpointVia(t, tenant.headers, connection.id, { path: '/slow' });
    let answer = () => {};
    upstream.handle = (_req, res) => {
      answer = () => json(res, 200, { ok: true });
    };
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as net.AddressInfo;

    // One keep-alive connection: an endpoint test that waits for the upstream, then, once the
    // shutdown has begun, a second request pipelined behind it.
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    const head = (method: string, path: string, length: number) =>
      `${method} ${path} HTTP/1.1\r\nHost: x\r\nX-Api-Key: ${tenant.apiKey.key}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    socket.write(`${head('POST', `/api/v1/tenant-api/endpoints/${endpoint.id}/test`, 2)}{}`);
    while (upstream.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const closing = t.app.close();
    socket.write(head('GET', '/api/v1/tenant-api/widgets', 0));
    await new Promise((resolve) => setTimeout(resolve, 50));
    answer();
    await closing;
    await closed;

    const text = Buffer.concat(chunks).toString('utf8');
    const second = text.slice(text.indexOf('HTTP/1.1', 1));
    expect(text.startsWith('HTTP/1.1 200')).toBe(true);
    expect(second).toMatch(/^HTTP\/1\.1 503/);
    expect(second.toLowerCase()).toContain('retry-after: 5');
    expect(second.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(second.slice(second.indexOf('\r\n\r\n') + 4))).toEqual({
      error: {
        code: 'UNAVAILABLE',
        message: 'This server is shutting down; retry the request in a few seconds.',
      },
    });
  } finally {
    await t.close();
    await upstream.close();
  }
});
