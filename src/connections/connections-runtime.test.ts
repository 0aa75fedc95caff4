import { describe, expect, it, vi } from 'vitest';
import { createTestApp, createTestEnvironment, TEST_REDIS_URL } from '../../test/helpers/test-app.ts';
import { connectionsRuntime } from './connections-runtime.ts';
import { executeEndpoint } from './execute-endpoint.ts';
import { API, createConnectionVia, createEndpointVia, startUpstream } from './testing/upstream.ts';

describe('cached connection config across processes', () => {
  it("an edit in one process drops the other process's cached copy (Redis pub/sub)", async () => {
    const upstream = await startUpstream();
    const environment = await createTestEnvironment({
      REDIS_URL: TEST_REDIS_URL,
      PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${upstream.port}`,
    });
    const a = await createTestApp({}, { environment });
    const b = await createTestApp({}, { environment });
    try {
      const tenant = await a.createTenant();
      const connection = await createConnectionVia(a, tenant.headers, {
        baseUrl: `${upstream.origin}/old`,
        auth: { type: 'bearer', token: 'first-token' },
      });
      const endpoint = await createEndpointVia(a, tenant.headers, connection.id, { path: '/ping' });
      const input = { tenantId: tenant.id, endpointId: endpoint.id, variables: {}, source: 'rule' as const };
      expect((await executeEndpoint(b.ctx, input)).ok).toBe(true);
      expect(upstream.requests.at(-1)).toMatchObject({
        url: '/old/ping',
        headers: { authorization: 'Bearer first-token' },
      });
      expect(connectionsRuntime(b.ctx).bundles.has(endpoint.id)).toBe(true);

      const patched = await a.app.inject({
        method: 'PATCH',
        url: `${API}/connections/${connection.id}`,
        headers: tenant.headers,
        payload: { baseUrl: `${upstream.origin}/new`, auth: { type: 'bearer', token: 'second-token' } },
      });
      expect(patched.statusCode).toBe(200);
      await vi.waitFor(() => expect(connectionsRuntime(b.ctx).bundles.has(endpoint.id)).toBe(false));
      expect((await executeEndpoint(b.ctx, input)).ok).toBe(true);
      expect(upstream.requests.at(-1)).toMatchObject({
        url: '/new/ping',
        headers: { authorization: 'Bearer second-token' },
      });

      await a.app.inject({
        method: 'DELETE',
        url: `${API}/endpoints/${endpoint.id}`,
        headers: tenant.headers,
      });
      await vi.waitFor(() => expect(connectionsRuntime(b.ctx).bundles.has(endpoint.id)).toBe(false));
      expect((await executeEndpoint(b.ctx, input)).error?.code).toBe('NOT_FOUND');
    } finally {
      await a.close();
      await b.close();
      await environment.dispose();
      await upstream.close();
    }
  });
});
