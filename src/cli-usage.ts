/** The usage text of each command; `parley <command> --help` prints its own, `parley --help` all of them. */
export const commandUsage = {
  start: `Usage: parley start

Runs the server (PORT, HOST, DATABASE_URL, … from the environment or .env).`,
  migrate: `Usage: parley migrate

Applies database migrations and exits (start does this too).`,
  'tenant create': `Usage: parley tenant create --name NAME [--admin-email EMAIL --admin-password PASSWORD] [--credits N]

Creates a tenant (and its first dashboard admin); prints its id and first API key as JSON.
It starts with N AI credits (default PARLEY_NEW_TENANT_CREDITS, 0). The e-mail address and the
password (10+ characters) are checked like the Platform API's POST /tenants.`,
  'tenant credits': `Usage: parley tenant credits --id TENANT_ID --amount N

Adds N AI credits to a tenant; prints the new balance as JSON.`,
  'rotate-key': `Usage: parley rotate-key

Re-encrypts every stored secret under a new master key. Safe while servers run; see README,
"Rotating the master key", for the order of steps with PARLEY_MASTER_KEY.`,
} as const;

export type CommandName = keyof typeof commandUsage;

export const usage = `Usage: parley <command> [--help]

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

parley <command> --help shows one command's usage.
`;

export const tenantUsage = `${commandUsage['tenant create']}\n\n${commandUsage['tenant credits']}`;

/** A mistake in the command line itself (a missing or invalid flag): exit code 64, nothing done. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
