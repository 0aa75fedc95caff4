import path from 'node:path';
import { z } from 'zod';

/** A setting that stops start-up; its message is one sentence naming the variable. */
export class ConfigError extends Error {
  name = 'ConfigError';
}

const aiProviders = ['embedded', 'openai', 'anthropic', 'openai-compatible'] as const;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL schema (search_path); lets tests and several installs share one database. */
  databaseSchema: string | undefined;
  redisUrl: string | undefined;
  masterKey: string | undefined;
  previousMasterKeys: string[];
  platformToken: string | undefined;
  outboundAllow: string;
  outboundTimeoutMs: number;
  outboundMaxBytes: number;
  rateLimitPerMin: number;
  widgetRateLimitPerMin: number;
  dashboardRateLimitPerMin: number;
  bodyLimitBytes: number;
  callLogRetentionDays: number;
  ai: { provider: (typeof aiProviders)[number]; baseUrl?: string; apiKey?: string; model?: string };
  logLevel: string;
  publicUrl: string | undefined;
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max} (got "${raw}").`);
  }
  return value;
}

function optional(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = optional(env, name);
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL (expected something like ${protocols[0]}//host:port).`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')} (got "${parsed.protocol}").`);
  }
  return raw;
}

/** Reads the SPEC §1 settings from the environment; throws ConfigError on the first bad one. */
export function loadConfig(env: Env = process.env): Config {
  const provider = optional(env, 'PARLEY_AI_PROVIDER') ?? 'embedded';
  const parsedProvider = z.enum(aiProviders).safeParse(provider);
  if (!parsedProvider.success) {
    throw new ConfigError(`PARLEY_AI_PROVIDER must be one of ${aiProviders.join(', ')} (got "${provider}").`);
  }
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const masterKey = optional(env, 'PARLEY_MASTER_KEY');
  if (databaseUrl && !masterKey) {
    throw new ConfigError(
      "PARLEY_MASTER_KEY is required with DATABASE_URL (generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\").",
    );
  }
  const schema = optional(env, 'PARLEY_DATABASE_SCHEMA');
  if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigError('PARLEY_DATABASE_SCHEMA must be a lower-case identifier such as "parley".');
  }
  const config: Config = {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: optional(env, 'HOST') ?? '127.0.0.1',
    dataDir: path.resolve(optional(env, 'PARLEY_DATA_DIR') ?? './data'),
    databaseUrl,
    databaseSchema: schema,
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    masterKey,
    previousMasterKeys: (optional(env, 'PARLEY_MASTER_KEY_PREVIOUS') ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    platformToken: optional(env, 'PARLEY_PLATFORM_TOKEN'),
    outboundAllow: optional(env, 'PARLEY_OUTBOUND_ALLOW') ?? '',
    outboundTimeoutMs: integer(env, 'PARLEY_OUTBOUND_TIMEOUT_MS', 5000, 100, 120_000),
    outboundMaxBytes: integer(env, 'PARLEY_OUTBOUND_MAX_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    rateLimitPerMin: integer(env, 'PARLEY_RATE_LIMIT_PER_MIN', 60, 1, 1_000_000),
    widgetRateLimitPerMin: integer(env, 'PARLEY_WIDGET_RATE_LIMIT_PER_MIN', 60, 1, 1_000_000),
    dashboardRateLimitPerMin: integer(env, 'PARLEY_DASHBOARD_RATE_LIMIT_PER_MIN', 600, 1, 1_000_000),
    bodyLimitBytes: integer(env, 'PARLEY_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    callLogRetentionDays: integer(env, 'PARLEY_CALL_LOG_RETENTION_DAYS', 30, 1, 3650),
    ai: {
      provider: parsedProvider.data,
      baseUrl: url(env, 'PARLEY_AI_BASE_URL', ['http:', 'https:']),
      apiKey: optional(env, 'PARLEY_AI_API_KEY'),
      model: optional(env, 'PARLEY_AI_MODEL'),
    },
    logLevel: optional(env, 'PARLEY_LOG_LEVEL') ?? 'info',
    publicUrl: url(env, 'PARLEY_PUBLIC_URL', ['http:', 'https:']),
  };
  if (config.platformToken && config.platformToken.length < 16) {
    throw new ConfigError('PARLEY_PLATFORM_TOKEN must be at least 16 characters long.');
  }
  return config;
}

/** Loads `.env` from the working directory into process.env (existing variables win). */
export function loadDotEnv(file = '.env'): void {
  try {
    process.loadEnvFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
