import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import type { TestApp } from '../../test/helpers/test-app.ts';

/** Helpers shared by the conversation, widget-API and real-time tests (never imported by app code). */

export interface Frame {
  type: string;
  data: Record<string, any>;
}

export interface FrameLog {
  frames: Frame[];
  /** Resolves once `count` frames matching `predicate` have arrived (the suite timeout catches a hang). */
  waitFor(predicate: (frame: Frame) => boolean, count?: number): Promise<Frame[]>;
  closed: Promise<{ code: number; reason: string }>;
}

export function collectFrames(socket: WebSocket): FrameLog {
  const frames: Frame[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    for (const waiter of [...waiters]) waiter();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
  });
  return {
    frames,
    closed,
    waitFor(predicate, count = 1) {
      return new Promise((resolve) => {
        const check = () => {
          const matching = frames.filter(predicate);
          if (matching.length < count) return false;
          waiters.splice(waiters.indexOf(check), 1);
          resolve(matching);
          return true;
        };
        waiters.push(check);
        check();
      });
    },
  };
}

export async function createWidget(
  t: TestApp,
  headers: Record<string, string>,
  body: Record<string, unknown> = {},
): Promise<{ id: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tenant-api/widgets',
    headers,
    payload: { name: 'Main Website Chat', ...body },
  });
  if (res.statusCode !== 201) throw new Error(`widget: ${res.statusCode} ${res.body}`);
  return res.json().data;
}

export async function startVisitor(
  app: FastifyInstance,
  widgetId: string,
  body: Record<string, unknown> = {},
): Promise<{ conversationId: string; visitorToken: string }> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/widget/${widgetId}/conversations`,
    payload: body,
  });
  if (res.statusCode !== 201) throw new Error(`conversation: ${res.statusCode} ${res.body}`);
  return res.json().data;
}

export async function sendVisitorMessage(
  app: FastifyInstance,
  visitor: { conversationId: string; visitorToken: string },
  content: string,
): Promise<Record<string, any>> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/widget/conversations/${visitor.conversationId}/messages`,
    headers: { authorization: `Bearer ${visitor.visitorToken}` },
    payload: { content },
  });
  if (res.statusCode !== 201) throw new Error(`visitor message: ${res.statusCode} ${res.body}`);
  return res.json().data.message;
}

/** A tenant with one widget and one started conversation: the starting point of most tests. */
export async function setUpConversation(t: TestApp, widgetBody: Record<string, unknown> = {}) {
  const tenant = await t.createTenant();
  const widget = await createWidget(t, tenant.headers, widgetBody);
  const visitor = await startVisitor(t.app, widget.id, { visitorName: 'John', language: 'en' });
  return { tenant, widget, visitor };
}

const listening = new WeakMap<FastifyInstance, Promise<string>>();

/** Real sockets over loopback (port 0): the app starts listening on first use, once. */
function socketBase(app: FastifyInstance): Promise<string> {
  let base = listening.get(app);
  if (!base) {
    base = app.listen({ port: 0, host: '127.0.0.1' }).then((url) => url.replace(/^http/, 'ws'));
    listening.set(app, base);
  }
  return base;
}

/** Opens a socket; resolves once open, or rejects with `Unexpected server response: <status>`. */
export async function connectSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const socket = new WebSocket(url, { headers });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => {
      reject(new Error(`Unexpected server response: ${response.statusCode}`));
      socket.terminate();
    });
    socket.once('error', reject);
  });
  return socket;
}

export async function openWidgetSocket(
  app: FastifyInstance,
  conversationId: string,
  token: string,
  headers: Record<string, string> = {},
) {
  const base = await socketBase(app);
  const socket = new WebSocket(
    `${base}/api/v1/widget/conversations/${conversationId}/ws?token=${encodeURIComponent(token)}`,
    { headers },
  );
  // Collect from the start: a refused socket opens and is closed at once with 4401.
  const log = collectFrames(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, log };
}

export async function openTenantSocket(app: FastifyInstance, apiKey: string) {
  const socket = await connectSocket(`${await socketBase(app)}/api/v1/tenant-api/events`, {
    'x-api-key': apiKey,
  });
  return { socket, log: collectFrames(socket) };
}

export async function tenantEventsUrl(app: FastifyInstance, query = ''): Promise<string> {
  return `${await socketBase(app)}/api/v1/tenant-api/events${query}`;
}
