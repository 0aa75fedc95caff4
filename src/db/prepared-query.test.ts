import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../test/helpers/test-app.ts';
import { type AppContext, createContext } from '../context.ts';
import { createTenant } from '../tenants/tenants.ts';
import { prepareQuery } from './prepared-query.ts';

const renameTenant = prepareQuery((db, p: { id: string; name: string }) =>
  db.updateTable('tenants').set({ name: p.name }).where('id', '=', p.id).returning(['id', 'name']),
);
const tenantsNamed = prepareQuery((db, p: { pattern: string; max: number }) =>
  db
    .selectFrom('tenants')
    .select(['name', sql<number>`${p.max} * 2`.as('doubled')])
    .where('name', 'like', p.pattern)
    .where('name', '!=', 'constant')
    .orderBy('name')
    .limit(p.max),
);

describe('prepareQuery', () => {
  let environment: TestEnvironment;
  let ctx: AppContext;
  beforeAll(async () => {
    environment = await createTestEnvironment();
    ctx = await createContext(environment.config);
  });
  afterAll(async () => {
    await ctx.close();
    await environment.dispose();
  });

  it('runs one compiled statement with fresh parameters each time, in and out of transactions', async () => {
    const a = await createTenant(ctx.db, 'Prepared A');
    const b = await createTenant(ctx.db, 'Prepared B');
    expect((await renameTenant(ctx.db, { id: a.id, name: 'prep-1' })).rows).toEqual([
      { id: a.id, name: 'prep-1' },
    ]);
    await ctx.db.transaction().execute(async (trx) => {
      expect((await renameTenant(trx, { id: b.id, name: 'prep-2' })).rows).toEqual([
        { id: b.id, name: 'prep-2' },
      ]);
    });
    expect((await tenantsNamed(ctx.db, { pattern: 'prep-%', max: 5 })).rows).toEqual([
      { name: 'prep-1', doubled: 10 },
      { name: 'prep-2', doubled: 10 },
    ]);
    expect((await tenantsNamed(ctx.db, { pattern: 'prep-2', max: 1 })).rows).toEqual([
      { name: 'prep-2', doubled: 2 },
    ]);
    expect((await renameTenant(ctx.db, { id: 'missing', name: 'x' })).rows).toEqual([]);
  });
});
