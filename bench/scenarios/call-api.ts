import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { executeEndpoint } from '../../src/connections/execute-endpoint.ts';
import { createTenant } from '../../src/tenants/tenants.ts';
import { startBenchServer } from '../lib/parley-server.ts';
import { summarize } from '../lib/stats.ts';
import type { Scenario } from './scenario.ts';

const ORDER = JSON.stringify({
  data: {
    status: 'shipped',
    eta: 'Thursday',
    billing: { email: 'jane@example.com' },
    items: [{ name: 'Mug' }],
  },
});

const ROUNDS = 3;

async function timeCalls(total: number, concurrency: number, call: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  let started = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < total) {
        started++;
        const t0 = performance.now();
        await call();
        samples.push(performance.now() - t0);
      }
    }),
  );
  return samples;
}

export const callApi: Scenario = {
  name: 'call-api',
  description:
    'executeEndpoint (bearer, path template, 3 mappings) vs a raw undici request (and a raw fetch) of the same URL',
  async run() {
    const upstream = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end(ORDER);
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const port = (upstream.address() as AddressInfo).port;
    const server = await startBenchServer({ PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${port}` });
    const tenant = await createTenant(server.ctx.db, 'bench');
    const headers = { 'x-api-key': tenant.apiKey.key, 'content-type': 'application/json' };
    const post = async (path: string, body: unknown) =>
      (
        await (
          await fetch(server.origin + path, { method: 'POST', headers, body: JSON.stringify(body) })
        ).json()
      ).data;
    const connection = await post('/api/v1/tenant-api/connections', {
      name: 'Orders',
      baseUrl: `http://127.0.0.1:${port}/v2`,
      auth: { type: 'bearer', token: 'bench-secret-token' },
    });
    const endpoint = await post(`/api/v1/tenant-api/connections/${connection.id}/endpoints`, {
      name: 'Order status',
      method: 'GET',
      path: '/orders/{orderId}',
      fields: [{ name: 'orderId', type: 'string', required: true }],
      responseMapping: [
        { from: 'data.status', to: 'order_status' },
        { from: 'data.eta', to: 'delivery_eta' },
        { from: 'data.items[0].name', to: 'first_item' },
      ],
    });
    const engine = async () => {
      const result = await executeEndpoint(server.ctx, {
        tenantId: tenant.id,
        endpointId: endpoint.id,
        variables: { orderId: '4521' },
        source: 'rule',
      });
      if (!result.ok) throw new Error(result.error?.message);
    };
    const agent = new Agent({ keepAliveTimeout: 30_000 });
    const url = `http://127.0.0.1:${port}/v2/orders/4521`;
    const raw = async () => {
      const res = await request(url, {
        dispatcher: agent,
        headers: { authorization: 'Bearer bench-secret-token' },
      });
      JSON.parse(await res.body.text());
    };
    // SPEC §10 names a raw `fetch` as the baseline; issue #4 (whose aim this is) the leaner undici
    // `request`. Both are reported; the aim is judged against `request`.
    const rawFetch = async () => {
      const res = await fetch(url, { headers: { authorization: 'Bearer bench-secret-token' } });
      await res.json();
    };
    const rows = [];
    for (const concurrency of [1, 50]) {
      const total = concurrency === 1 ? 6000 : 15000;
      // Warm every path until the JIT has compiled it (200 calls left the engine half-interpreted
      // and its median ~1.5× its steady state), then interleave rounds so a noisy moment on a
      // shared machine falls on all three alike.
      for (const call of [engine, raw, rawFetch]) await timeCalls(3000, concurrency, call);
      const samples = { engine: [] as number[], raw: [] as number[], fetch: [] as number[] };
      for (let round = 0; round < ROUNDS; round++) {
        samples.engine.push(...(await timeCalls(total / ROUNDS, concurrency, engine)));
        samples.raw.push(...(await timeCalls(total / ROUNDS, concurrency, raw)));
        samples.fetch.push(...(await timeCalls(total / ROUNDS, concurrency, rawFetch)));
      }
      const e = summarize(samples.engine);
      const r = summarize(samples.raw);
      const f = summarize(samples.fetch);
      rows.push(
        {
          scenario: 'call-api',
          metric: `engine call median, concurrency ${concurrency}`,
          value: e.median,
          baseline: r.median,
          baselineLabel: 'raw undici request',
          ratio: e.median / r.median,
          unit: 'ms',
          note: `p99 ${e.p99.toFixed(2)} vs ${r.p99.toFixed(2)} ms; aim ratio <= 1.25`,
        },
        {
          scenario: 'call-api',
          metric: `engine vs raw fetch, concurrency ${concurrency}`,
          value: e.median,
          baseline: f.median,
          baselineLabel: 'raw fetch (SPEC §10)',
          ratio: e.median / f.median,
          unit: 'ms',
          note: `p99 ${e.p99.toFixed(2)} vs ${f.p99.toFixed(2)} ms; the aim is judged against undici request`,
        },
      );
    }
    await agent.close();
    await server.close();
    await new Promise((r) => upstream.close(r));
    return rows;
  },
};
