import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { benchWebhooks } from '../../src/webhooks/webhooks.bench.ts';
import type { Scenario } from './scenario.ts';

/** The floor: plain POSTs of a webhook-sized body to the same kind of loopback receiver, 16 at a time. */
async function rawPostsPerSecond(total: number, concurrency: number): Promise<number> {
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const body = JSON.stringify({
    type: 'message.created',
    timestamp: new Date().toISOString(),
    data: { content: 'x'.repeat(200) },
  });
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < total) {
        sent++;
        const res = await request(url, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
        });
        await res.body.dump();
      }
    }),
  );
  const perSecond = (total / (performance.now() - started)) * 1000;
  await new Promise((r) => receiver.close(r));
  return perSecond;
}

export const webhooks: Scenario = {
  name: 'webhooks',
  description: 'Events/s delivered to a loopback receiver and change→delivery delay (p50/p99)',
  async run() {
    const result = await benchWebhooks();
    const baseline = await rawPostsPerSecond(2000, 16);
    return [
      {
        scenario: 'webhooks',
        metric: 'webhook events delivered',
        value: result.eventsPerSec,
        baseline,
        baselineLabel: 'raw POSTs to the same receiver, 16 at a time',
        ratio: result.eventsPerSec / baseline,
        unit: 'events/s',
      },
      { scenario: 'webhooks', metric: 'change → delivery p50', value: result.p50Ms, unit: 'ms' },
      { scenario: 'webhooks', metric: 'change → delivery p99', value: result.p99Ms, unit: 'ms' },
    ];
  },
};
