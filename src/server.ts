import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { type Config, ConfigError, displayUrl, missingAiSettings } from './config.ts';
import { type AppContext, createContext } from './context.ts';
import { expireJobLeasesOfDeadRunners } from './conversations/pipeline/message-jobs.ts';
import { sqliteFile } from './db/database.ts';
import { compactHeap } from './observability/compact-heap.ts';
import { releaseLeasesOfDeadWorkers } from './webhooks/webhook-lease.ts';

/** Starts the HTTP server and stops it gracefully on SIGTERM/SIGINT: stop accepting, drain, close the database. */
export async function startServer(config: Config): Promise<FastifyInstance> {
  const ctx = await createContext(config);
  const released = await releaseLeasesOfDeadProcess(ctx);
  const app = await buildApp(ctx);
  app.addHook('onClose', async () => ctx.close());
  if (released.jobs + released.webhooks > 0) {
    app.log.info(released, 'took over the leases of the previous process (it did not stop cleanly)');
  }
  const aiWarning = missingAiSettings(config);
  if (aiWarning) app.log.warn(aiWarning);

  // Handlers go in before listen: a signal that arrives as soon as the port opens still drains.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.ready();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  await app.ready();
  compactHeap();
  await listenOrExplain(app, config);
  app.log.info(startupSummary(ctx), 'Parley is ready');
  return app;
}

function packageVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/**
 * What this process runs with, in one line at start-up: an operator checking a deployment (or a
 * CLI command that created a tenant in another data directory) sees which database and settings
 * the server actually uses. Never a secret: URLs are shown without their passwords.
 */
export function startupSummary(ctx: AppContext): Record<string, unknown> {
  const { config } = ctx;
  return {
    version: packageVersion(),
    database:
      ctx.dbKind === 'sqlite'
        ? sqliteFile(config)
        : `${displayUrl(config.databaseUrl ?? '')}${config.databaseSchema ? ` (schema ${config.databaseSchema})` : ''}`,
    redis: config.redisUrl ? displayUrl(config.redisUrl) : 'off',
    ai: config.ai.provider,
    platformApi: config.platformToken ? 'on' : 'off (PARLEY_PLATFORM_TOKEN unset)',
    outboundAllow: config.outboundAllow || 'none',
    publicUrl: config.publicUrl ?? 'unset',
  };
}

/**
 * On SQLite one server process owns the database file (README, "Scale-out"), so leases still held
 * at start-up by a process that no longer runs (kill -9) are ended at once instead of stalling its
 * conversations and webhooks until they expire; a live holder (a second server started on the same
 * data by mistake) keeps its own. On PostgreSQL the holders may run on other machines: there the
 * (short) leases expire on their own.
 */
async function releaseLeasesOfDeadProcess(ctx: AppContext): Promise<{ jobs: number; webhooks: number }> {
  if (ctx.dbKind !== 'sqlite') return { jobs: 0, webhooks: 0 };
  try {
    return {
      jobs: await expireJobLeasesOfDeadRunners(ctx.db),
      webhooks: await releaseLeasesOfDeadWorkers(ctx.db),
    };
  } catch (error) {
    await ctx.close();
    throw error;
  }
}

/** `app.listen`, closing the app and turning the usual failures into a ConfigError naming PORT/HOST. */
export async function listenOrExplain(app: FastifyInstance, config: Config): Promise<void> {
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    throw listenError(error, config);
  }
}

/** The usual reasons a port cannot be opened, as one sentence naming PORT/HOST. */
function listenError(error: unknown, config: Config): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${config.host}:${config.port}`;
  if (code === 'EADDRINUSE') {
    return new ConfigError(
      `${where} is already in use (PORT, HOST): stop the other server there or set PORT to a free port.`,
    );
  }
  if (code === 'EACCES') {
    return new ConfigError(`no permission to listen on ${where} (PORT, HOST): use a port above 1023.`);
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new ConfigError(`cannot listen on ${where}: HOST is not an address of this machine.`);
  }
  return error;
}
