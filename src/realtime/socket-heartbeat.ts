import type { WebSocket, WebSocketServer } from 'ws';

// Sockets pinged and not yet answered; a WeakSet so a closed socket is forgotten with it.
const awaitingPong = new WeakSet<WebSocket>();

// One shared handler (no per-socket closure): 10,000 sockets cost 10,000 Set entries at most.
function onPong(this: WebSocket): void {
  awaitingPong.delete(this);
}

function onConnection(socket: WebSocket): void {
  socket.on('pong', onPong);
}

/**
 * One timer for all sockets of the server: pings every socket each interval and drops those that
 * did not answer the previous ping, so dead connections (a closed laptop lid) don't pile up.
 */
export function startSocketHeartbeat(server: WebSocketServer, intervalMs = 30_000): () => void {
  server.on('connection', onConnection);
  const timer = setInterval(() => {
    for (const socket of server.clients) {
      if (awaitingPong.has(socket)) {
        socket.terminate();
        continue;
      }
      awaitingPong.add(socket);
      socket.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    server.off('connection', onConnection);
  };
}
