import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { rotateKey } from './cli-rotate-key.ts';
import { tenantCreate, tenantCredits } from './cli-tenant.ts';
import { type CommandName, commandUsage, tenantUsage, UsageError, usage } from './cli-usage.ts';
import { type Config, ConfigError, loadConfig, loadDotEnv } from './config.ts';
import { migrateToLatest, sqliteFile } from './db/database.ts';
import { openCheckedDatabase } from './db/open-checked-database.ts';
import { AppError, assertNever } from './errors.ts';
import { startServer } from './server.ts';

// sysexits(3): the exit codes scripts can tell apart.
const EX_USAGE = 64;
const EX_SOFTWARE = 70;
const EX_CONFIG = 78;

async function migrate(config: Config) {
  const handle = await openCheckedDatabase(config);
  try {
    const applied = await migrateToLatest(handle, config.databaseSchema);
    console.log(applied.length ? `Applied ${applied.join(', ')}.` : 'Database is up to date.');
  } finally {
    await handle.close();
  }
}

/** Commands without options still parse their arguments: `rotate-key --force` is a mistake, not a rotation. */
const noOptions = (args: string[]) => void parseArgs({ args, options: {} });

/** What `argv` asks for; `-h`/`--help` anywhere means that command's usage and nothing else. */
function resolveCommand(argv: string[]): { name: CommandName | 'tenant' | undefined; args: string[] } {
  const [command, ...rest] = argv;
  if (command === 'tenant') {
    if (rest[0] === 'create' || rest[0] === 'credits')
      return { name: `tenant ${rest[0]}`, args: rest.slice(1) };
    return { name: 'tenant', args: rest };
  }
  return { name: Object.hasOwn(commandUsage, command) ? (command as CommandName) : undefined, args: rest };
}

const wantsHelp = (args: string[]) => args.some((arg) => arg === '--help' || arg === '-h');

async function run(name: CommandName, config: Config, args: string[]): Promise<number> {
  switch (name) {
    case 'start':
      noOptions(args);
      await startServer(config);
      return -1;
    case 'migrate':
      noOptions(args);
      await migrate(config);
      return 0;
    case 'tenant create':
      await tenantCreate(config, args);
      return 0;
    case 'tenant credits':
      await tenantCredits(config, args);
      return 0;
    case 'rotate-key':
      noOptions(args);
      await rotateKey(config);
      return 0;
    default:
      return assertNever(name);
  }
}

/** Exit code of `parley …`; -1 when a server now runs (the process stays up). Never throws. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    const topic = command === 'help' ? resolveCommand(rest).name : undefined;
    console.log(topic === 'tenant' ? tenantUsage : topic ? commandUsage[topic] : usage);
    return 0;
  }
  const { name, args } = resolveCommand(argv);
  if (name === 'tenant' && wantsHelp(args)) {
    console.log(tenantUsage);
    return 0;
  }
  if (name === undefined || name === 'tenant') {
    console.error(
      `parley: unknown command "${argv.join(' ')}".\n\n${name === 'tenant' ? tenantUsage : usage}`,
    );
    return EX_USAGE;
  }
  if (wantsHelp(args)) {
    console.log(commandUsage[name]);
    return 0;
  }
  let newDatabase: string | undefined;
  try {
    loadDotEnv();
    const config = loadConfig();
    newDatabase = wouldCreateDatabase(name, config);
    return await run(name, config, args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`parley: ${error.message}`);
      return EX_USAGE;
    }
    if (error instanceof ConfigError || error instanceof AppError) {
      console.error(`parley: ${error.message}`);
      return EX_CONFIG;
    }
    // node:util parseArgs: an unknown or value-less option is a usage mistake, not a crash.
    if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS_')) {
      console.error(`parley: ${(error as Error).message}\n\n${commandUsage[name]}`);
      return EX_USAGE;
    }
    // Anything else is a bug or an environment problem (a full disk): one line, no stack.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(`parley: ${name} failed: ${message.replace(/\s+/g, ' ').trim()}`);
    return EX_SOFTWARE;
  } finally {
    if (newDatabase && fs.existsSync(newDatabase)) {
      console.error(
        `parley: note: there was no database at ${newDatabase}, so this command made a new, empty one. If your server keeps its data elsewhere, run the command with the server's PARLEY_DATA_DIR (or DATABASE_URL).`,
      );
    }
  }
}

/**
 * A tenant command pointed at the wrong PARLEY_DATA_DIR (another working directory, say) would
 * otherwise succeed quietly on a database no server reads; `start` and `migrate` create one on purpose.
 */
function wouldCreateDatabase(name: CommandName, config: Config): string | undefined {
  if (name === 'start' || name === 'migrate' || config.databaseUrl) return undefined;
  const file = sqliteFile(config);
  return fs.existsSync(file) ? undefined : file;
}
