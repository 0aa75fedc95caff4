import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { type AppContext, createContext } from '../src/context.ts';
import { postVisitorMessage } from '../src/conversations/post-message.ts';
import { startConversation } from '../src/conversations/start-conversation.ts';
import { createWidget } from '../src/conversations/widgets/widgets.ts';
import { createTenant } from '../src/tenants/tenants.ts';
import { type ServerProcess, startServerProcess, stopServerProcess } from './helpers/server-process.ts';
import { createTestEnvironment, type TestEnvironment } from './helpers/test-app.ts';

/** The pid of a process that has exited, as a server killed with -9 leaves behind. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid;
}

const farFuture = () => new Date(Date.now() + 10 * 60_000).toISOString();

// SQLite (README: one process owns the file), on both suites.
describe('restart on SQLite after kill -9', { timeout: 120_000 }, () => {
  let environment: TestEnvironment;
  let ctx: AppContext | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await stopServerProcess(server);
    await ctx?.close();
    await environment?.dispose();
  });

  it("takes over the dead process's message jobs at once, and leaves a live holder's alone", async () => {
    environment = await createTestEnvironment({ DATABASE_URL: '' });
    ctx = await createContext(environment.config);
    const tenant = await createTenant(ctx.db, 'Crash');
    const widget = await createWidget(ctx, tenant.id, { name: 'w', aiEnabled: false });
    const conversation = async () =>
      (await startConversation(ctx!, { id: widget.id, tenantId: tenant.id }, {})).conversation.id;
    const [orphaned, busy] = [await conversation(), await conversation()];
    const first = await postVisitorMessage(ctx, {
      tenantId: tenant.id,
      conversationId: orphaned,
      content: 'one',
    });
    const second = await postVisitorMessage(ctx, {
      tenantId: tenant.id,
      conversationId: orphaned,
      content: 'two',
    });
    const held = await postVisitorMessage(ctx, {
      tenantId: tenant.id,
      conversationId: busy,
      content: 'held',
    });
    const hold = (messageId: string, runner: string) =>
      ctx!.db
        .updateTable('message_jobs')
        .set({ status: 'running', locked_by: runner, locked_until: farFuture(), attempts: 1 })
        .where('message_id', '=', messageId)
        .execute();
    // The killed process held the first job with a long lease; the second waits behind it.
    await hold(first!.id, `runner-${deadPid()}-killed`);
    // A process that is still alive (this test runner's parent) holds another.
    await hold(held!.id, `runner-${process.ppid}-alive`);

    server = await startServerProcess(environment.env);
    const jobsOf = (conversationId: string) =>
      ctx!.db
        .selectFrom('message_jobs')
        .select(['message_id', 'status', 'locked_by'])
        .where('conversation_id', '=', conversationId)
        .execute();
    // Well within the old 60 s lease; no fixed wait, just a deadline.
    const deadline = Date.now() + 15_000;
    while ((await jobsOf(orphaned)).length > 0) {
      if (Date.now() > deadline) throw new Error(`still stalled: ${JSON.stringify(await jobsOf(orphaned))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(second).toBeDefined();
    expect(await jobsOf(busy)).toEqual([
      { message_id: held!.id, status: 'running', locked_by: `runner-${process.ppid}-alive` },
    ]);
  });
});
