import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../../test/helpers/test-app.ts';
import { type AppContext, createContext } from '../../context.ts';
import { createTenant } from '../../tenants/tenants.ts';
import { postVisitorMessage } from '../post-message.ts';
import { startConversation } from '../start-conversation.ts';
import { createWidget } from '../widgets/widgets.ts';
import { leaseOwnerGone, leaseOwnerId } from './lease-owner.ts';
import { expireJobLeasesOfDeadRunners } from './message-jobs.ts';
import { startMessageRunner } from './message-runner.ts';

describe('message job leases', () => {
  let environment: TestEnvironment;
  let ctx: AppContext;
  let send: (content: string) => Promise<string>;
  beforeAll(async () => {
    environment = await createTestEnvironment();
    ctx = await createContext(environment.config);
    const tenant = await createTenant(ctx.db, 'Leases');
    const widget = await createWidget(ctx, tenant.id, { name: 'w' });
    send = async (content) => {
      const { conversation } = await startConversation(ctx, { id: widget.id, tenantId: tenant.id }, {});
      const message = await postVisitorMessage(ctx, {
        tenantId: tenant.id,
        conversationId: conversation.id,
        content,
      });
      return message!.id;
    };
  });
  afterAll(async () => {
    await ctx?.close();
    await environment?.dispose();
  });

  it('are 15 s by default, so a crashed process on PostgreSQL stalls its conversations for at most that', async () => {
    let release: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      ctx.pipeline.setProcessor({
        process: () =>
          new Promise<void>((done) => {
            release = done;
            resolve();
          }),
      });
    });
    const runner = startMessageRunner(ctx);
    try {
      const messageId = await send('hello');
      await started;
      const job = await ctx.db
        .selectFrom('message_jobs')
        .select(['locked_by', 'locked_until'])
        .where('message_id', '=', messageId)
        .executeTakeFirstOrThrow();
      expect(job.locked_by).toBe(runner.runnerId);
      const leaseMs = Date.parse(job.locked_until!) - Date.now();
      expect(leaseMs).toBeGreaterThan(10_000);
      expect(leaseMs).toBeLessThanOrEqual(15_000);
    } finally {
      release();
      await runner.stop();
    }
  });

  it('name their holder’s process, so start-up can tell a dead holder from a live one', () => {
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    expect(leaseOwnerId('runner')).toMatch(new RegExp(`^runner-${process.pid}-[0-9a-f-]{36}$`));
    expect(leaseOwnerGone(`runner-${exited}-x`)).toBe(true);
    expect(leaseOwnerGone(`runner-${process.ppid}-x`)).toBe(false);
    // This process has just started: an earlier holder with its pid (a restarted container) is gone.
    expect(leaseOwnerGone(`worker-${process.pid}-x`)).toBe(true);
    // Written by an older version, without a pid.
    expect(leaseOwnerGone('runner-5b0e4c1e-0000-4000-8000-000000000000')).toBe(true);
  });

  it('of dead runners are ended, those of live ones kept', async () => {
    const dead = await send('dead');
    const alive = await send('alive');
    const hold = (messageId: string, runner: string) =>
      ctx.db
        .updateTable('message_jobs')
        .set({ status: 'running', locked_by: runner, locked_until: '2999-01-01T00:00:00.000Z' })
        .where('message_id', '=', messageId)
        .execute();
    await hold(dead, `runner-${spawnSync(process.execPath, ['-e', '']).pid}-gone`);
    await hold(alive, `runner-${process.ppid}-alive`);
    expect(await expireJobLeasesOfDeadRunners(ctx.db)).toBe(1);
    const until = async (messageId: string) =>
      (
        await ctx.db
          .selectFrom('message_jobs')
          .select('locked_until')
          .where('message_id', '=', messageId)
          .executeTakeFirstOrThrow()
      ).locked_until;
    expect(Date.parse((await until(dead))!)).toBeLessThan(Date.now());
    expect(await until(alive)).toBe('2999-01-01T00:00:00.000Z');
  });
});
