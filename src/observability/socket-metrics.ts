import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { Gauge, type Registry } from 'prom-client';
import type { WebSocket } from 'ws';

type SocketKind = 'widget' | 'tenant_stream' | 'other';

function kindOf(url: string | undefined): SocketKind {
  if (url?.startsWith('/api/v1/widget/')) return 'widget';
  if (url?.startsWith('/api/v1/tenant-api/')) return 'tenant_stream';
  return 'other';
}

/**
 * `parley_websockets_open{kind}`: the app's open WebSockets, visitors' widget sockets and the
 * Tenant API's event stream apart, counted from the WebSocket server's own client set when scraped.
 */
export function registerSocketMetrics(app: FastifyInstance, registry: Registry): void {
  const kinds = new WeakMap<WebSocket, SocketKind>();
  let watching = false;
  new Gauge({
    name: 'parley_websockets_open',
    help: 'Open WebSocket connections by kind (widget = visitors, tenant_stream = Tenant API events)',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const counts: Record<SocketKind, number> = { widget: 0, tenant_stream: 0, other: 0 };
      for (const socket of app.websocketServer?.clients ?? []) counts[kinds.get(socket) ?? 'other']++;
      for (const [kind, n] of Object.entries(counts)) this.set({ kind }, n);
    },
  });
  // The plugin emits 'connection' with the upgrade request once a socket is accepted.
  app.addHook('onReady', async () => {
    if (watching || !app.websocketServer) return;
    watching = true;
    app.websocketServer.on('connection', (socket: WebSocket, request: IncomingMessage) => {
      kinds.set(socket, kindOf(request.url));
    });
  });
}
