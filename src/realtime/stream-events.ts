import type { WebSocket } from 'ws';
import type { EventListener } from './local-fanout.ts';
import type { RealtimeEvent } from './realtime-event.ts';

/** A reader that falls this far behind is disconnected (it reconnects and catches up with `after=`). */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Close codes sent to clients: 4401 bad credentials, 1013 too slow (RFC 6455 "try again later"). */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_TOO_SLOW = 1013;

/**
 * Streams the events `subscribe` yields to one socket, keeping only the wanted types,
 * and unsubscribes when the socket closes. The frame string is shared by every socket.
 */
export function streamEventsTo(
  socket: WebSocket,
  subscribe: (listener: EventListener) => () => void,
  wanted: ReadonlySet<RealtimeEvent['type']>,
): void {
  const unsubscribe = subscribe((event, frame) => {
    if (!wanted.has(event.type) || socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.close(CLOSE_TOO_SLOW, 'Reader too slow; reconnect and catch up.');
      return;
    }
    socket.send(frame);
  });
  socket.once('close', unsubscribe);
  if (socket.readyState !== socket.OPEN) unsubscribe();
}
