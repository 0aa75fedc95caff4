import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type AppContext, createContext } from '../../src/context.ts';

export interface BenchServer {
  app: FastifyInstance;
  ctx: AppContext;
  origin: string;
  close(): Promise<void>;
}

/** A real Parley listening on loopback, on a throwaway SQLite directory (or DATABASE_URL). */
export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  const schema = `bench_${crypto.randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    PARLEY_DATA_DIR: dataDir,
    PARLEY_MASTER_KEY: crypto.randomBytes(32).toString('base64'),
    PARLEY_PLATFORM_TOKEN: 'bench-platform-token-0123456789',
    PARLEY_RATE_LIMIT_PER_MIN: '1000000',
    PARLEY_WIDGET_RATE_LIMIT_PER_MIN: '1000000',
    PARLEY_LOG_LEVEL: 'silent',
    ...(process.env.DATABASE_URL
      ? { DATABASE_URL: process.env.DATABASE_URL, PARLEY_DATABASE_SCHEMA: schema }
      : {}),
    ...env,
  });
  const ctx = await createContext(config);
  const app = await buildApp(ctx, { logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    ctx,
    origin: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await ctx.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
