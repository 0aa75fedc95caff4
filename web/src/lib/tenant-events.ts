import { useEffect, useRef, useState } from 'react';
import { TENANT_API } from './api-client.ts';

/** A frame of `GET /events`: `{type, data}` with the resource as the REST API shows it. */
export interface TenantEvent {
  type: 'message.created' | 'conversation.created' | 'conversation.updated' | string;
  data: Record<string, unknown>;
}

type Listener = (event: TenantEvent) => void;
export type LiveState = 'connecting' | 'live' | 'offline';

const listeners = new Set<Listener>();
const stateListeners = new Set<(state: LiveState) => void>();
let socket: WebSocket | null = null;
let state: LiveState = 'offline';
let retry = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function setState(next: LiveState) {
  state = next;
  for (const listener of stateListeners) listener(next);
}

/** One socket for the whole tab, opened while anyone listens; the session cookie authenticates it. */
function connect() {
  if (socket || listeners.size === 0) return;
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${scheme}//${window.location.host}${TENANT_API}/events`);
  socket = ws;
  setState('connecting');
  ws.onopen = () => {
    retry = 0;
    setState('live');
  };
  ws.onmessage = (message) => {
    let event: TenantEvent;
    try {
      event = JSON.parse(String(message.data)) as TenantEvent;
    } catch {
      return;
    }
    for (const listener of listeners) listener(event);
  };
  ws.onclose = () => {
    socket = null;
    setState('offline');
    if (listeners.size === 0) return;
    // Back off up to 30 s so a restarting server is not hammered by every open tab.
    const delay = Math.min(30_000, 500 * 2 ** retry++) * (0.5 + Math.random() / 2);
    retryTimer = setTimeout(connect, delay);
  };
}

function disconnectIfIdle() {
  if (listeners.size > 0) return;
  clearTimeout(retryTimer);
  socket?.close();
  socket = null;
}

/** Calls `onEvent` for every event of the tenant while the component is mounted. */
export function useTenantEvents(onEvent: Listener): LiveState {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [live, setLive] = useState<LiveState>(state);
  useEffect(() => {
    const listener: Listener = (event) => handler.current(event);
    listeners.add(listener);
    stateListeners.add(setLive);
    connect();
    setLive(state);
    return () => {
      listeners.delete(listener);
      stateListeners.delete(setLive);
      disconnectIfIdle();
    };
  }, []);
  return live;
}

/** Closes the socket (sign-out). */
export function closeTenantEvents(): void {
  listeners.clear();
  disconnectIfIdle();
}
