import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig, loadDotEnv } from './config.ts';
import { createContext, createVaultFromConfig } from './context.ts';
import { migrateToLatest } from './db/database.ts';
import { openCheckedDatabase } from './db/open-checked-database.ts';
import { AppError } from './errors.ts';
import { startServer } from './server.ts';
import { addCredits, createTenant, getTenant, MAX_CREDIT_GRANT } from './tenants/tenants.ts';
import { generateMasterKey, MASTER_KEY_FILE } from './vault/master-key.ts';
import { rotateSecrets } from './vault/rotate-key.ts';
import { createVault } from './vault/vault.ts';

const usage = `Usage: parley <command>

Commands:
  start                         run the server (PORT, HOST, DATABASE_URL, … from the environment or .env)
  migrate                       apply database migrations and exit
  tenant create --name NAME [--admin-email EMAIL --admin-password PASSWORD] [--credits N]
                                create a tenant (and its first dashboard admin); prints its id and
                                first API key as JSON. It starts with N AI credits (default
                                PARLEY_NEW_TENANT_CREDITS, 0)
  tenant credits --id TENANT_ID --amount N
                                add N AI credits to a tenant; prints the new balance as JSON
  rotate-key                    re-encrypt every stored secret under a new master key
`;

async function migrate(config: Config) {
  const handle = await openCheckedDatabase(config);
  try {
    const applied = await migrateToLatest(handle, config.databaseSchema);
    console.log(applied.length ? `Applied ${applied.join(', ')}.` : 'Database is up to date.');
  } finally {
    await handle.close();
  }
}

async function tenantCreate(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
      credits: { type: 'string' },
    },
  });
  if (!values.name?.trim()) throw new ConfigError('tenant create needs --name NAME.');
  const credits =
    values.credits === undefined ? config.newTenantCredits : creditAmount(values.credits, '--credits', 0);
  const email = values['admin-email'];
  const password = values['admin-password'];
  if (Boolean(email) !== Boolean(password)) {
    throw new ConfigError('--admin-email and --admin-password go together.');
  }
  const ctx = await createContext(config);
  try {
    const admin = email && password ? { email, password } : undefined;
    const tenant = await createTenant(ctx.db, values.name.trim(), admin, credits);
    console.log(JSON.stringify({ data: tenant }, null, 2));
  } finally {
    await ctx.close();
  }
}

async function tenantCredits(config: Config, args: string[]) {
  const { values } = parseArgs({ args, options: { id: { type: 'string' }, amount: { type: 'string' } } });
  if (!values.id || values.amount === undefined) {
    throw new ConfigError('tenant credits needs --id TENANT_ID --amount N.');
  }
  const amount = creditAmount(values.amount, '--amount', 1);
  const ctx = await createContext(config);
  try {
    if (!(await getTenant(ctx.db, values.id))) {
      throw new ConfigError(`no tenant has the id "${values.id}" (tenant create prints it).`);
    }
    console.log(JSON.stringify({ data: await addCredits(ctx.db, values.id, amount) }, null, 2));
  } finally {
    await ctx.close();
  }
}

/** The same bounds as the Platform API's credits route. */
function creditAmount(raw: string, flag: string, min: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > MAX_CREDIT_GRANT) {
    throw new ConfigError(
      `${flag} must be a whole number between ${min} and ${MAX_CREDIT_GRANT} (got "${raw}").`,
    );
  }
  return value;
}

/**
 * With PARLEY_MASTER_KEY: re-encrypts under it, decrypting with PARLEY_MASTER_KEY_PREVIOUS.
 * With the generated key file: makes a new key, re-encrypts in one transaction, then swaps the files;
 * a crash in between leaves master.key.next, which start-up still accepts for decryption.
 */
async function rotateKey(config: Config) {
  if (config.masterKey) {
    const ctx = await createContext(config);
    try {
      const changed = await rotateSecrets(ctx.db, ctx.vault);
      console.log(
        `Re-encrypted ${changed} record(s) under key ${ctx.vault.currentKeyId}; PARLEY_MASTER_KEY_PREVIOUS can now be removed.`,
      );
    } finally {
      await ctx.close();
    }
    return;
  }
  const keyFile = path.join(config.dataDir, MASTER_KEY_FILE);
  const oldVault = createVaultFromConfig(config);
  const next = generateMasterKey();
  fs.writeFileSync(`${keyFile}.next`, `${next}\n`, { mode: 0o600 });
  const ctx = await createContext(config);
  try {
    const vault = createVault(
      Buffer.from(next, 'base64'),
      [fs.readFileSync(keyFile, 'utf8').trim()].map((k) => Buffer.from(k, 'base64')),
    );
    const changed = await rotateSecrets(ctx.db, vault);
    fs.renameSync(keyFile, `${keyFile}.previous`);
    fs.renameSync(`${keyFile}.next`, keyFile);
    fs.rmSync(`${keyFile}.previous`);
    console.log(
      `Re-encrypted ${changed} record(s): key ${oldVault.currentKeyId} → ${vault.currentKeyId} (${keyFile}).`,
    );
  } finally {
    await ctx.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(usage);
    return command ? 0 : 1;
  }
  loadDotEnv();
  try {
    const config = loadConfig();
    switch (command) {
      case 'start':
        await startServer(config);
        return -1;
      case 'migrate':
        await migrate(config);
        return 0;
      case 'tenant':
        if (rest[0] === 'create') {
          await tenantCreate(config, rest.slice(1));
          return 0;
        }
        if (rest[0] === 'credits') {
          await tenantCredits(config, rest.slice(1));
          return 0;
        }
        break;
      case 'rotate-key':
        await rotateKey(config);
        return 0;
    }
    console.error(`Unknown command "${argv.join(' ')}".\n\n${usage}`);
    return 1;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof AppError) {
      console.error(`parley: ${error.message}`);
      return 78;
    }
    // node:util parseArgs: an unknown or value-less option is a usage mistake, not a crash.
    if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS_')) {
      console.error(`parley: ${(error as Error).message}\n\n${usage}`);
      return 64;
    }
    throw error;
  }
}
