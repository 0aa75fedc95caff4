import { afterAll, describe, expect, it } from 'vitest';
import {
  callServer,
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from './helpers/server-process.ts';
import { createTestEnvironment, type TestEnvironment } from './helpers/test-app.ts';

const CONVERSATIONS = 10;

/** SPEC §11: no acknowledged (2xx) write is lost, also when the process is killed (-9) mid-load. */
describe('durability under kill -9', { timeout: 120_000 }, () => {
  let environment: TestEnvironment;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await stopServerProcess(server, 'SIGKILL');
    await environment?.dispose();
  });

  it('keeps every acknowledged visitor message after a crash mid-load', async () => {
    environment = await createTestEnvironment();
    server = await startServerProcess(environment.env);
    const platform = { authorization: `Bearer ${environment.env.PARLEY_PLATFORM_TOKEN}` };
    const tenant = await callServer(server, 'POST', '/api/v1/platform/tenants', platform, { name: 'Crash' });
    const apiKey = { 'x-api-key': tenant.apiKey.key };
    const widget = await callServer(server, 'POST', '/api/v1/tenant-api/widgets', apiKey, {
      name: 'w',
      aiEnabled: false,
    });
    const conversations = await Promise.all(
      Array.from({ length: CONVERSATIONS }, () =>
        callServer(server!, 'POST', `/api/v1/widget/${widget.id}/conversations`, {}, {}),
      ),
    );

    // Visitors keep sending until the process dies; each 201 is an acknowledgement.
    const acked = new Map<string, string[]>();
    let crashed = false;
    const senders = conversations.map(async (c: { conversationId: string; visitorToken: string }) => {
      const ids: string[] = [];
      acked.set(c.conversationId, ids);
      for (let i = 0; !crashed; i++) {
        try {
          const message = await callServer(
            server!,
            'POST',
            `/api/v1/widget/conversations/${c.conversationId}/messages`,
            { authorization: `Bearer ${c.visitorToken}` },
            { content: `message ${i}` },
          );
          ids.push(message.message.id);
        } catch {
          return;
        }
      }
    });
    while ([...acked.values()].reduce((n, ids) => n + ids.length, 0) < 100) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await stopServerProcess(server, 'SIGKILL');
    crashed = true;
    await Promise.all(senders);

    server = await startServerProcess(environment.env);
    let total = 0;
    for (const [conversationId, ids] of acked) {
      const detail = await callServer(
        server,
        'GET',
        `/api/v1/tenant-api/conversations/${conversationId}?limit=200`,
        apiKey,
      );
      const stored = detail.messages
        .filter((m: { role: string }) => m.role === 'visitor')
        .map((m: { id: string }) => m.id);
      for (const id of ids) expect(stored).toContain(id);
      // Order is kept: acknowledged messages appear in the order they were sent.
      expect(stored.filter((id: string) => ids.includes(id))).toEqual(ids);
      total += ids.length;
    }
    expect(total).toBeGreaterThanOrEqual(100);
  });
});
