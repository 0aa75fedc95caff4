import crypto from 'node:crypto';
import pg from 'pg';
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

    // Every pooled connection drops and new ones are refused. pg reports the idle ones lost as
    // an 'error' event on the pool, which used to end the process.
    await relay.cut();
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
    await relay.cut();
    // A SQLite run's teardown drops no schemas: this test's own goes here.
    const cleanup = new pg.Client({ connectionString: PG_URL });
    await cleanup.connect();
    await cleanup.query(`drop schema if exists "${schema}" cascade`).finally(() => cleanup.end());
  }
});
