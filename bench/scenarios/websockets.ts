import { WebSocket } from 'ws';
import type { createTenant } from '../../src/tenants/tenants.ts';
import { rssOf, startChildServer } from '../lib/child-server.ts';
import type { Scenario } from './scenario.ts';

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 10_000);

async function inBatches<T>(count: number, size: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += size) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => fn(i + j)))));
  }
  return out;
}

export const websockets: Scenario = {
  name: 'websockets',
  description: `RSS of a server process idle and with ${SOCKETS.toLocaleString('en')} open widget WebSockets`,
  async run() {
    const server = await startChildServer({ PARLEY_LOG_LEVEL: 'error' });
    const platform = {
      authorization: `Bearer ${server.env.PARLEY_PLATFORM_TOKEN}`,
      'content-type': 'application/json',
    };
    const tenant = (await (
      await fetch(`${server.origin}/api/v1/platform/tenants`, {
        method: 'POST',
        headers: platform,
        body: '{"name":"ws"}',
      })
    ).json()) as { data: Awaited<ReturnType<typeof createTenant>> };
    const headers = { 'x-api-key': tenant.data.apiKey.key, 'content-type': 'application/json' };
    const widget = (await (
      await fetch(`${server.origin}/api/v1/tenant-api/widgets`, {
        method: 'POST',
        headers,
        body: '{"name":"w"}',
      })
    ).json()) as { data: { id: string } };
    await new Promise((r) => setTimeout(r, 500));
    const idle = rssOf(server.process.pid!);

    const conversations = await inBatches(SOCKETS, 50, async () => {
      const res = await fetch(`${server.origin}/api/v1/widget/${widget.data.id}/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return (await res.json()).data as { conversationId: string; visitorToken: string };
    });
    const wsOrigin = server.origin.replace('http', 'ws');
    const sockets = await inBatches(conversations.length, 200, (i) => {
      const c = conversations[i];
      return new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(
          `${wsOrigin}/api/v1/widget/conversations/${c.conversationId}/ws?token=${c.visitorToken}`,
        );
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    });
    await new Promise((r) => setTimeout(r, 1000));
    const open = sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
    const loaded = rssOf(server.process.pid!);
    for (const s of sockets) s.terminate();
    await server.stop();
    return [
      { scenario: 'websockets', metric: 'RSS idle (after start-up)', value: idle, unit: 'MB' },
      {
        scenario: 'websockets',
        metric: `RSS with ${open} open widget WebSockets`,
        value: loaded,
        baseline: idle,
        baselineLabel: 'same process idle',
        ratio: loaded / idle,
        unit: 'MB',
        note: `${(((loaded - idle) * 1024) / Math.max(open, 1)).toFixed(1)} KB per socket; aim < 600 MB`,
      },
    ];
  },
};
