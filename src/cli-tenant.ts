import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UsageError } from './cli-usage.ts';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import { lowerCaseUuid } from './db/ids.ts';
import { addCredits, createTenant, getTenant, MAX_CREDIT_GRANT } from './tenants/tenants.ts';

/**
 * The rules of the Platform API's POST /tenants body (src/platform-api/platform-api.ts), so the CLI
 * never creates what the API refuses; test/cli-tenant-input.test.ts holds the two to the same answers.
 */
export const tenantCreateInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  adminEmail: z.email().optional(),
  adminPassword: z.string().min(10).max(1000).optional(),
});

const flagOf: Record<string, string> = {
  name: '--name',
  adminEmail: '--admin-email',
  adminPassword: '--admin-password',
};

/** The `tenant create` flags as the Platform API would take them; a UsageError names the flag. */
export function parseTenantCreateArgs(values: {
  name?: string;
  'admin-email'?: string;
  'admin-password'?: string;
}): z.infer<typeof tenantCreateInputSchema> {
  if (!values.name?.trim()) throw new UsageError('tenant create needs --name NAME.');
  if (Boolean(values['admin-email']) !== Boolean(values['admin-password'])) {
    throw new UsageError('--admin-email and --admin-password go together.');
  }
  const parsed = tenantCreateInputSchema.safeParse({
    name: values.name,
    adminEmail: values['admin-email'],
    adminPassword: values['admin-password'],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = flagOf[String(issue.path[0])] ?? String(issue.path[0]);
    const shown = flag === '--admin-email' ? ` (got "${values['admin-email']}")` : '';
    throw new UsageError(`${flag}: ${issue.message.replace(/\.$/, '')}${shown}.`);
  }
  return parsed.data;
}

/** The same bounds as the Platform API's credits route. */
function creditAmount(raw: string, flag: string, min: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > MAX_CREDIT_GRANT) {
    throw new UsageError(
      `${flag} must be a whole number between ${min} and ${MAX_CREDIT_GRANT} (got "${raw}").`,
    );
  }
  return value;
}

export async function tenantCreate(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
      credits: { type: 'string' },
    },
  });
  const input = parseTenantCreateArgs(values);
  const credits =
    values.credits === undefined ? config.newTenantCredits : creditAmount(values.credits, '--credits', 0);
  const ctx = await createContext(config);
  try {
    const admin =
      input.adminEmail && input.adminPassword
        ? { email: input.adminEmail, password: input.adminPassword }
        : undefined;
    const tenant = await createTenant(ctx.db, input.name, admin, credits);
    console.log(JSON.stringify({ data: tenant }, null, 2));
  } finally {
    await ctx.close();
  }
}

export async function tenantCredits(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { id: { type: 'string' }, amount: { type: 'string' } } });
  if (!values.id || values.amount === undefined) {
    throw new UsageError('tenant credits needs --id TENANT_ID --amount N.');
  }
  const amount = creditAmount(values.amount, '--amount', 1);
  const id = lowerCaseUuid(values.id);
  const ctx = await createContext(config);
  try {
    if (!(await getTenant(ctx.db, id))) {
      throw new UsageError(`no tenant has the id "${values.id}" (tenant create prints it).`);
    }
    console.log(JSON.stringify({ data: await addCredits(ctx.db, id, amount) }, null, 2));
  } finally {
    await ctx.close();
  }
}
