import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { type Config, ConfigError } from './config.ts';
import { createContext } from './context.ts';
import { compactHeap } from './observability/compact-heap.ts';

/** Starts the HTTP server and stops it gracefully on SIGTERM/SIGINT: stop accepting, drain, close the database. */
export async function startServer(config: Config): Promise<FastifyInstance> {
  const ctx = await createContext(config);
  const app = await buildApp(ctx);
  app.addHook('onClose', async () => ctx.close());

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
  return app;
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
