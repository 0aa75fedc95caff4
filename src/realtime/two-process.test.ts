import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callServer as call,
  type ServerProcess as Server,
  startServerProcess as startServer,
  stopServerProcess as stopServer,
} from '../../test/helpers/server-process.ts';
import { createTestEnvironment, TEST_REDIS_URL, type TestEnvironment } from '../../test/helpers/test-app.ts';
import { collectFrames, connectSocket, type Frame } from '../conversations/conversation-test-kit.ts';

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
