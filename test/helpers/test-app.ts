import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { type AppContext, createContext } from '../../src/context.ts';
import { type CreatedTenant, createTenant } from '../../src/tenants/tenants.ts';

/** The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL is set (CI does both). */
export const usingPostgres = Boolean(process.env.DATABASE_URL);
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestEnvironment {
  env: Record<string, string>;
  config: Config;
  /** Deletes the SQLite directory (PostgreSQL schemas are dropped when the whole run ends). */
  dispose(): Promise<void>;
}

/**
 * A private database for one test app (or several processes sharing it): a fresh temp dir on
 * SQLite, a fresh schema on PostgreSQL, so test files run in parallel without seeing each other.
 */
export async function createTestEnvironment(extra: Record<string, string> = {}): Promise<TestEnvironment> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-test-'));
  // Named after the run so the global teardown drops exactly this run's schemas (test/global-setup.ts).
  const schema = `t_${process.env.PARLEY_TEST_RUN ?? 'adhoc'}_${crypto.randomBytes(6).toString('hex')}`;
  const env: Record<string, string> = {
    PARLEY_DATA_DIR: dataDir,
    PARLEY_MASTER_KEY: crypto.randomBytes(32).toString('base64'),
    PARLEY_PLATFORM_TOKEN: 'test-platform-token-0123456789',
    PARLEY_LOG_LEVEL: 'silent',
    // Suites send bursts from one address; the widget budget has its own test.
    PARLEY_WIDGET_RATE_LIMIT_PER_MIN: '1000000',
    ...(usingPostgres ? { DATABASE_URL: process.env.DATABASE_URL!, PARLEY_DATABASE_SCHEMA: schema } : {}),
    ...extra,
  };
  return {
    env,
    config: loadConfig(env),
    async dispose() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  environment: TestEnvironment;
  /** Everything the app logged, for redaction tests. */
  logs(): string;
  createTenant(name?: string): Promise<CreatedTenant & { headers: { 'x-api-key': string } }>;
  close(): Promise<void>;
}

export async function createTestApp(
  extraEnv: Record<string, string> = {},
  options: { environment?: TestEnvironment } = {},
): Promise<TestApp> {
  const environment = options.environment ?? (await createTestEnvironment(extraEnv));
  const ctx = await createContext(environment.config);
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const app = await buildApp(ctx, { logStream: stream, logLevel: extraEnv.PARLEY_LOG_LEVEL ?? 'info' });
  await app.ready();
  return {
    app,
    ctx,
    environment,
    logs: () => Buffer.concat(chunks).toString('utf8'),
    async createTenant(name = 'Test tenant') {
      const tenant = await createTenant(ctx.db, name);
      return { ...tenant, headers: { 'x-api-key': tenant.apiKey.key } };
    },
    async close() {
      await app.close();
      await ctx.close();
      if (!options.environment) await environment.dispose();
    },
  };
}
