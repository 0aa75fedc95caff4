import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '../../test/helpers/test-app.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createContext } from '../context.ts';
import { createWidget } from '../conversations/widgets/widgets.ts';
import { createTenant } from '../tenants/tenants.ts';

const newKey = () => crypto.randomBytes(32).toString('base64');

const environments: TestEnvironment[] = [];
afterEach(async () => {
  for (const e of environments.splice(0)) await e.dispose();
});

async function installation() {
  const environment = await createTestEnvironment();
  environments.push(environment);
  const ctx = await createContext(environment.config);
  const tenant = await createTenant(ctx.db, 'Keys');
  await createWidget(ctx, tenant.id, { name: 'w', identitySecret: 'identity-secret-0123456789' });
  return { environment, ctx };
}

const configWith = (environment: TestEnvironment, keys: Record<string, string>) =>
  loadConfig({ ...environment.env, ...keys });

describe('start-up check of the master key', () => {
  it('stops with one sentence naming PARLEY_MASTER_KEY when the key does not open the stored secrets', async () => {
    const { environment, ctx } = await installation();
    await ctx.close();
    const wrong = createContext(configWith(environment, { PARLEY_MASTER_KEY: newKey() }));
    await expect(wrong).rejects.toThrow(ConfigError);
    await expect(createContext(configWith(environment, { PARLEY_MASTER_KEY: newKey() }))).rejects.toThrow(
      /^PARLEY_MASTER_KEY does not open the secrets stored in this database: .*Set PARLEY_MASTER_KEY/,
    );
  });

  it('accepts a new key with the old one in PARLEY_MASTER_KEY_PREVIOUS (the rotation set-up)', async () => {
    const { environment, ctx } = await installation();
    await ctx.close();
    const rotating = await createContext(
      configWith(environment, {
        PARLEY_MASTER_KEY: newKey(),
        PARLEY_MASTER_KEY_PREVIOUS: environment.env.PARLEY_MASTER_KEY,
      }),
    );
    await rotating.close();
  });

  it('judges an installation from before the check by its stored secrets, then records the check', async () => {
    const { environment, ctx } = await installation();
    await sql`update installation set key_check = null`.execute(ctx.db);
    await ctx.close();
    await expect(createContext(configWith(environment, { PARLEY_MASTER_KEY: newKey() }))).rejects.toThrow(
      /^PARLEY_MASTER_KEY does not open/,
    );

    const right = await createContext(environment.config);
    const check = (
      await sql<{ key_check: string | null }>`select key_check from installation`.execute(right.db)
    ).rows[0].key_check;
    expect(check).toMatch(new RegExp(`^pv1:${right.vault.currentKeyId}:`));
    await right.close();
  });
});
