import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import { startTcpRelay } from '../../test/helpers/tcp-relay.ts';
import { createTestApp } from '../../test/helpers/test-app.ts';

// Like the Redis tests, this one needs the PostgreSQL of CI and the README (or DATABASE_URL).
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

it('answers 503 while PostgreSQL is away (a restart or failover) and carries on with new connections when it is back', async () => {
  const target = new URL(PG_URL);
  const relay = await startTcpRelay(target.hostname, Number(target.port || 5432));
  const viaRelay = new URL(PG_URL);
  viaRelay.hostname = '127.0.0.1';
  viaRelay.port = String(relay.port);
  const schema = `t_${process.env.PARLEY_TEST_RUN ?? 'adhoc'}_${crypto.randomBytes(6).toString('hex')}`;
  const t = await createTestApp({ DATABASE_URL: viaRelay.href, PARLEY_DATABASE_SCHEMA: schema });
  try {
    const tenant = await t.createTenant();
    const widgets = () => t.app.inject({ url: '/api/v1/tenant-api/widgets', headers: tenant.headers });
    expect((await widgets()).statusCode).toBe(200);

    // A transaction holds a connection between two statements when the link drops: pg then emits
    // 'error' on that checked-out client, where the pool no longer listens (it ended the process).
    let resume: () => void = () => {};
    const paused = new Promise<void>((resolve) => {
      resume = resolve;
    });
    let holding: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const transaction = t.ctx.db
      .transaction()
      .execute(async (trx) => {
        await trx.selectFrom('tenants').select('id').limit(1).execute();
        holding();
        await paused;
        await trx.selectFrom('tenants').select('id').limit(1).execute();
      })
      .then(
        () => 'committed',
        () => 'failed',
      );
    await held;

    // Every pooled connection drops and new ones are refused. pg reports the idle ones lost as
    // an 'error' event on the pool, which used to end the process.
    await relay.cut();
    // Give the dropped link's 'error' time to arrive while the client is still checked out.
    await new Promise((resolve) => setTimeout(resolve, 200));
    resume();
    expect(await transaction).toBe('failed');
    await expect.poll(() => t.logs().includes('a pooled PostgreSQL connection failed')).toBe(true);
    const away = await widgets();
    expect(away.statusCode).toBe(503);
    expect(away.headers['retry-after']).toBe('5');
    expect(away.json().error).toEqual({
      code: 'UNAVAILABLE',
      message: 'The database is unavailable right now; retry in a few seconds.',
    });
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(503);

    await relay.restore();
    expect((await widgets()).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  } finally {
    await t.close();
    // The schema is dropped with the run's others by test/global-setup.ts: dropping it here, while
    // other files migrate, broke their catalog introspection.
    await relay.cut();
  }
});
