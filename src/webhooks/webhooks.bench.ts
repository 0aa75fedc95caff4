/**
 * Benchmark helper for `npm run bench`: events per second delivered to a loopback receiver, and the
 * delay from the committed change to the receiver having the request (p50/p99). Runs a real app
 * (SQLite, or PostgreSQL with DATABASE_URL) with the production worker settings.
 * Standalone: `node src/webhooks/webhooks.bench.ts`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBenchServer } from '../../bench/lib/parley-server.ts';
import { percentile } from '../../bench/lib/stats.ts';
import { recordEvent, withTransaction } from '../realtime/domain-events.ts';
import { createTenant } from '../tenants/tenants.ts';
import { createWebhook } from './webhooks.repository.ts';

const WRITERS = 16;

export interface WebhookBenchResult {
  eventsPerSec: number;
  p50Ms: number;
  p99Ms: number;
}

export interface WebhookBenchOptions {
  /** Webhooks (one tenant each) the burst is spread over. */
  webhooks?: number;
  /** Events written back to back for the throughput figure. */
  burst?: number;
  /** Events written one at a time, each after the previous arrived, for the latency figures. */
  paced?: number;
}

export async function benchWebhooks(options: WebhookBenchOptions = {}): Promise<WebhookBenchResult> {
  const { webhooks = 4, burst = 2000, paced = 300 } = options;
  const arrived = new Map<number, number>();
  let onArrival: (() => void) | undefined;
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      arrived.set(JSON.parse(Buffer.concat(chunks).toString()).data.seq, performance.now());
      res.writeHead(204).end();
      onArrival?.();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as AddressInfo).port;
  const server = await startBenchServer({ PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${port}` });
  const { ctx } = server;
  try {
    const tenants: string[] = [];
    for (let i = 0; i < webhooks; i++) {
      const tenant = await createTenant(ctx.db, `bench ${i}`);
      await createWebhook(ctx.db, ctx.vault, tenant.id, {
        url: `http://127.0.0.1:${port}/in`,
        events: ['message.created'],
      });
      tenants.push(tenant.id);
    }
    // The triggering change: a committed transaction recording a domain event (the outbox sink runs inside it).
    const change = (seq: number) =>
      withTransaction(ctx, (trx) =>
        recordEvent(trx, {
          type: 'message.created',
          tenantId: tenants[seq % tenants.length],
          conversationId: 'bench',
          data: { seq },
        }),
      );
    const waitForArrivals = (count: number) =>
      new Promise<void>((resolve) => {
        onArrival = () => arrived.size >= count && resolve();
        onArrival();
      });

    // Many conversations change at once: writers run concurrently so that delivery, not the
    // writing of the changes, is what the burst measures.
    const burstStarted = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (next < burst) await change(next++);
      }),
    );
    await waitForArrivals(burst);
    const eventsPerSec = burst / ((Math.max(...arrived.values()) - burstStarted) / 1000);

    const delays: number[] = [];
    for (let seq = burst; seq < burst + paced; seq++) {
      await change(seq);
      const committed = performance.now();
      await waitForArrivals(seq + 1);
      delays.push(arrived.get(seq)! - committed);
    }
    delays.sort((a, b) => a - b);
    return { eventsPerSec, p50Ms: percentile(delays, 50), p99Ms: percentile(delays, 99) };
  } finally {
    onArrival = undefined;
    await server.close();
    await new Promise<void>((r) => receiver.close(() => r()));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchWebhooks());
}
