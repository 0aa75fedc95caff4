import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
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
  await app.listen({ port: config.port, host: config.host });
  return app;
}
