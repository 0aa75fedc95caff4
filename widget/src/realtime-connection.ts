import { backoffDelay } from './backoff.ts';
import type { ServerFrame } from './types.ts';

export interface RealtimeHandlers {
  frame(frame: ServerFrame): void;
  /** Called on every successful (re)connect: the moment to catch up on what the socket missed. */
  connected(): void;
  disconnected(): void;
  /** The server refused the token (close code 4401): reconnecting would never succeed. */
  refused(): void;
}

const CLOSE_UNAUTHORIZED = 4401;

/**
 * A WebSocket that keeps itself open: reconnects with exponential backoff and jitter after any
 * close, at once when the browser comes back online or the tab becomes visible again.
 */
export function openRealtime(url: () => string, handlers: RealtimeHandlers) {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function connect(): void {
    clearTimeout(timer);
    if (stopped || socket) return;
    const ws = new WebSocket(url());
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      handlers.connected();
    };
    ws.onmessage = (event) => {
      try {
        const frame = JSON.parse(String(event.data)) as ServerFrame;
        if (frame && typeof frame.type === 'string') handlers.frame(frame);
      } catch {
        // A frame that is not JSON is not ours to act on.
      }
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      if (event.code === CLOSE_UNAUTHORIZED) {
        stopped = true;
        handlers.refused();
        return;
      }
      handlers.disconnected();
      if (!stopped) timer = setTimeout(connect, backoffDelay(attempt++));
    };
  }

  const now = () => {
    if (!socket) connect();
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') now();
  };
  addEventListener('online', now);
  document.addEventListener('visibilitychange', onVisible);
  connect();

  return {
    close(): void {
      stopped = true;
      clearTimeout(timer);
      removeEventListener('online', now);
      document.removeEventListener('visibilitychange', onVisible);
      const ws = socket;
      socket = null;
      ws?.close();
    },
  };
}

export type Realtime = ReturnType<typeof openRealtime>;
