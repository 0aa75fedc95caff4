import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { WebSocket } from 'ws';
import { startBareInsertServer } from '../lib/bare-server.ts';
import { createTenantWithWidget, startConversation } from '../lib/fixtures.ts';
import { runLoad } from '../lib/load.ts';
import { startBenchServer } from '../lib/parley-server.ts';
import { summarize } from '../lib/stats.ts';
import type { Scenario } from './scenario.ts';

const CONVERSATIONS = 50;
const DURATION_MS = 8000;

/**
 * Visitor POST → regex rule → CALL_API (loopback upstream) → REPLY_TEXT → stored and pushed on the
 * widget WebSocket, at 50 concurrent conversations (each visitor waits for the reply before sending
 * the next message, like a person would). Baseline: the bare insert route at the same concurrency.
 */
export const pipeline: Scenario = {
  name: 'pipeline',
  description: 'Visitor message → regex rule → CALL_API → REPLY_TEXT → WebSocket, 50 conversations',
  async run() {
    const upstream = createServer((req, res) => {
      req.resume();
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"price":{"amount":49.9,"currency":"EUR"}}');
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const port = (upstream.address() as AddressInfo).port;
    const server = await startBenchServer({ PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${port}` });
    const { headers, widgetId } = await createTenantWithWidget(server);
    const post = async (path: string, body: unknown) => {
      const res = await fetch(server.origin + path, { method: 'POST', headers, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()).data;
    };
    const connection = await post('/api/v1/tenant-api/connections', {
      name: 'Pricing',
      baseUrl: `http://127.0.0.1:${port}`,
      auth: { type: 'api_key', key: 'bench-key' },
    });
    const endpoint = await post(`/api/v1/tenant-api/connections/${connection.id}/endpoints`, {
      name: 'Price',
      path: '/products/{productId}/price',
      fields: [{ name: 'productId', type: 'string', required: true }],
      responseMapping: [
        { from: 'price.amount', to: 'current_price' },
        { from: 'price.currency', to: 'price_currency' },
      ],
    });
    await post('/api/v1/tenant-api/rules', {
      name: 'Real-time pricing',
      type: 'static',
      conditions: [{ type: 'MESSAGE_MATCHES_REGEX', pattern: '\\b(price|cost|how much)\\b', flags: 'i' }],
      actions: [
        { type: 'CALL_API', endpointId: endpoint.id, params: { productId: '42' } },
        { type: 'REPLY_TEXT', text: 'The current price is {current_price} {price_currency}.' },
      ],
      stopProcessing: true,
    });

    const conversations = await Promise.all(
      Array.from({ length: CONVERSATIONS }, () => startConversation(server.origin, widgetId)),
    );
    const wsOrigin = server.origin.replace('http', 'ws');
    // The same HTTP client (undici Pool, one connection per conversation) as the baseline's load,
    // so the ratio compares the servers rather than fetch() with Pool.request().
    const client = new Pool(server.origin, { connections: CONVERSATIONS, pipelining: 1 });
    const latencies: number[] = [];
    let replies = 0;
    const deadline = performance.now() + DURATION_MS;
    const started = performance.now();
    await Promise.all(
      conversations.map(async (c) => {
        const ws = new WebSocket(
          `${wsOrigin}/api/v1/widget/conversations/${c.conversationId}/ws?token=${c.visitorToken}`,
        );
        await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
        let waiting: ((at: number) => void) | undefined;
        ws.on('message', (raw) => {
          const frame = JSON.parse(String(raw));
          if (frame.type === 'message.created' && frame.data.role === 'ai') waiting?.(performance.now());
        });
        while (performance.now() < deadline) {
          const t0 = performance.now();
          const replied = new Promise<number>((resolve) => {
            waiting = resolve;
          });
          const res = await client.request({
            path: `/api/v1/widget/conversations/${c.conversationId}/messages`,
            method: 'POST',
            headers: { authorization: `Bearer ${c.visitorToken}`, 'content-type': 'application/json' },
            body: '{"content":"How much is product 42?"}',
          });
          await res.body.dump();
          latencies.push((await replied) - t0);
          replies++;
        }
        ws.close();
      }),
    );
    const perSecond = (replies / (performance.now() - started)) * 1000;
    await client.close();
    const bare = await startBareInsertServer();
    const baseline = await runLoad(bare.origin, {
      concurrency: CONVERSATIONS,
      durationMs: 5000,
      expectStatus: 201,
      makeRequest: () => ({ path: '/bare', method: 'POST', body: '{"content":"How much is product 42?"}' }),
    });
    await bare.close();
    await server.close();
    await new Promise((r) => upstream.close(r));
    const s = summarize(latencies);
    return [
      {
        scenario: 'pipeline',
        metric: 'messages answered (POST → reply on WebSocket)',
        value: perSecond,
        baseline: baseline.perSecond,
        baselineLabel: 'bare insert route, same concurrency',
        ratio: perSecond / baseline.perSecond,
        unit: 'msg/s',
        note: 'aim ratio >= 0.4 on SQLite',
      },
      { scenario: 'pipeline', metric: 'POST → reply p50', value: s.p50, unit: 'ms' },
      { scenario: 'pipeline', metric: 'POST → reply p99', value: s.p99, unit: 'ms' },
    ];
  },
};
