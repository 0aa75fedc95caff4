import { useEffect, useRef, useState } from 'react';
import { reportSessionEnded, TENANT_API } from './api-client.ts';

/** A frame of `GET /events`: `{type, data}` with the resource as the REST API shows it. */
export interface TenantEvent {
  type: 'message.created' | 'conversation.created' | 'conversation.updated' | string;
  data: Record<string, unknown>;
}

type Listener = (event: TenantEvent) => void;
export type LiveState = 'connecting' | 'live' | 'offline';

/** The server closes a stream whose session or key ended with this code. */
const CLOSE_UNAUTHORIZED = 4401;

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
  let opened = false;
  ws.onopen = () => {
    opened = true;
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
  ws.onclose = (event) => {
    socket = null;
    setState('offline');
    if (listeners.size === 0) return;
    // Signed out elsewhere, removed, or given a new password: say so now (the sign-in page), instead
    // of showing "reconnecting" until the next click. A refused upgrade looks like any failed
    // connection to the browser, so ask the server whether the session still stands.
    if (event.code === CLOSE_UNAUTHORIZED) return reportSessionEnded();
    if (!opened) void checkSession();
    // Back off up to 30 s so a restarting server is not hammered by every open tab.
    const delay = Math.min(30_000, 500 * 2 ** retry++) * (0.5 + Math.random() / 2);
    retryTimer = setTimeout(connect, delay);
  };
}

async function checkSession() {
  try {
    const res = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });
    if (res.status === 401) reportSessionEnded();
  } catch {
    // The server is away (a restart): keep reconnecting.
  }
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
