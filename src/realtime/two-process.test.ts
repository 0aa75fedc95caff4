import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, TEST_REDIS_URL, type TestEnvironment } from '../../test/helpers/test-app.ts';
import { collectFrames, connectSocket, type Frame } from '../conversations/conversation-test-kit.ts';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/parley.js');

interface Server {
  child: ChildProcess;
  url: string;
  output(): string;
}

/** `parley start` on a port the OS picks; resolves with its URL once it logs that it listens. */
function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [bin, 'start'], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', PARLEY_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk;
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve({ child, url: match[1], output: () => out });
    });
    child.once('exit', (code) => reject(new Error(`parley start exited (${code}): ${out}`)));
  });
}

async function stopServer(server: Server | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

async function call(
  server: Server,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { data: any };
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json.data;
}

describe('two server processes sharing Redis and one database', () => {
  let environment: TestEnvironment;
  let a: Server | undefined;
  let b: Server | undefined;

  beforeAll(async () => {
    environment = await createTestEnvironment({ REDIS_URL: TEST_REDIS_URL });
    a = await startServer(environment.env);
    // Started after A has migrated, so the two never race on the schema.
    b = await startServer(environment.env);
    // Two cold starts on a busy two-core machine: a generous limit, not a timing assertion.
  }, 180_000);

  afterAll(async () => {
    await Promise.all([stopServer(a), stopServer(b)]);
    await environment.dispose();
  });

  it('delivers an operator message posted on B to the visitor socket on A, and a visitor message on A to the tenant stream on B', async () => {
    if (!a || !b) throw new Error('servers not started');
    const platform = { authorization: `Bearer ${environment.env.PARLEY_PLATFORM_TOKEN}` };
    const tenant = await call(a, 'POST', '/api/v1/platform/tenants', platform, { name: 'Two processes' });
    const keyHeaders = { 'x-api-key': tenant.apiKey.key };
    const widget = await call(a, 'POST', '/api/v1/tenant-api/widgets', keyHeaders, { name: 'Shop' });
    const visitor = await call(b, 'POST', `/api/v1/widget/${widget.id}/conversations`, {}, {});

    const wsA = a.url.replace(/^http/, 'ws');
    const visitorSocket = await connectSocket(
      `${wsA}/api/v1/widget/conversations/${visitor.conversationId}/ws?token=${visitor.visitorToken}`,
    );
    const visitorFrames = collectFrames(visitorSocket);
    const tenantSocket = await connectSocket(
      `${b.url.replace(/^http/, 'ws')}/api/v1/tenant-api/events`,
      keyHeaders,
    );
    const tenantFrames = collectFrames(tenantSocket);

    const sent = await call(
      b,
      'POST',
      `/api/v1/tenant-api/conversations/${visitor.conversationId}/messages`,
      keyHeaders,
      {
        content: 'Hello from process B',
        role: 'operator',
      },
    );
    const [delivered] = await visitorFrames.waitFor(
      (f: Frame) => f.type === 'message.created' && f.data.content === 'Hello from process B',
    );
    expect(delivered.data).toEqual({ ...sent, conversationId: visitor.conversationId });

    await call(
      a,
      'POST',
      `/api/v1/widget/conversations/${visitor.conversationId}/messages`,
      { authorization: `Bearer ${visitor.visitorToken}` },
      { content: 'Hello from the visitor on A' },
    );
    const [streamed] = await tenantFrames.waitFor(
      (f: Frame) => f.type === 'message.created' && f.data.content === 'Hello from the visitor on A',
    );
    expect(streamed.data).toMatchObject({ role: 'visitor', conversationId: visitor.conversationId });
    // Each event reaches each socket once, not once per process.
    expect(visitorFrames.frames.filter((f) => f.data.content === 'Hello from process B')).toHaveLength(1);

    visitorSocket.terminate();
    tenantSocket.terminate();
  }, 60_000);
});
