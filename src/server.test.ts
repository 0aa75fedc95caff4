import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/helpers/test-app.ts';
import { startupSummary } from './server.ts';

describe('start-up summary', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('names the database, Redis and AI provider the process runs with, never a password or key', () => {
    const summary = startupSummary(t.ctx);
    expect(summary).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), ai: 'embedded' });
    if (t.ctx.dbKind === 'sqlite') expect(summary.database).toBe(`${t.ctx.config.dataDir}/parley.db`);
    else expect(summary.database).toContain(`(schema ${t.ctx.config.databaseSchema})`);

    const remote = startupSummary({
      ...t.ctx,
      dbKind: 'postgres',
      config: {
        ...t.ctx.config,
        databaseUrl: 'postgres://parley:db-password-1@db.internal:5432/parley',
        databaseSchema: undefined,
        redisUrl: 'redis://:redis-password-2@cache.internal:6379',
      },
    });
    expect(remote).toMatchObject({
      database: 'postgres://parley:***@db.internal:5432/parley',
      redis: 'redis://:***@cache.internal:6379',
    });
    const text = JSON.stringify([summary, remote]);
    for (const secret of ['db-password-1', 'redis-password-2', t.ctx.config.masterKey ?? 'no-key']) {
      expect(text).not.toContain(secret);
    }
  });
});
