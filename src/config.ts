import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/** A setting that stops start-up; its message is one sentence naming the variable. */
export class ConfigError extends Error {
  name = 'ConfigError';
}

/** A connection string as it may appear in a message: the password hidden. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return '(unparsable URL)';
  }
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
  /** Credits every new tenant starts with (PARLEY_NEW_TENANT_CREDITS). */
  newTenantCredits: number;
  callLogRetentionDays: number;
  ai: { provider: (typeof aiProviders)[number]; baseUrl?: string; apiKey?: string; model?: string };
  logLevel: string;
  publicUrl: string | undefined;
  /** Fastify's trustProxy: whose X-Forwarded-For decides the client address (PARLEY_TRUST_PROXY). */
  trustProxy: boolean | number | string;
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

/**
 * Proxies on this machine or the private network are trusted by default, so X-Forwarded-For works
 * behind a local nginx or a load balancer, while a client on the internet cannot pick its own
 * address (and with it, escape the per-address rate limits) by sending the header.
 */
const DEFAULT_TRUSTED_PROXIES = 'loopback,linklocal,uniquelocal';
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function trustProxy(env: Env): boolean | number | string {
  const raw = optional(env, 'PARLEY_TRUST_PROXY');
  if (raw === undefined) return DEFAULT_TRUSTED_PROXIES;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !PROXY_RANGE_NAMES.has(entry) && !isAddressOrRange(entry));
  if (bad !== undefined) {
    throw new ConfigError(
      `PARLEY_TRUST_PROXY must be true, false, a hop count, or comma-separated addresses, CIDR ranges or loopback/linklocal/uniquelocal (got "${bad}").`,
    );
  }
  return entries.join(',');
}

function isAddressOrRange(entry: string): boolean {
  if (ipaddr.isValid(entry)) return true;
  try {
    ipaddr.parseCIDR(entry);
    return true;
  } catch {
    return false;
  }
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
    newTenantCredits: integer(env, 'PARLEY_NEW_TENANT_CREDITS', 0, 0, 1e12),
    ai: {
      provider: parsedProvider.data,
      baseUrl: url(env, 'PARLEY_AI_BASE_URL', ['http:', 'https:']),
      apiKey: optional(env, 'PARLEY_AI_API_KEY'),
      model: optional(env, 'PARLEY_AI_MODEL'),
    },
    logLevel: optional(env, 'PARLEY_LOG_LEVEL') ?? 'info',
    publicUrl: url(env, 'PARLEY_PUBLIC_URL', ['http:', 'https:']),
    trustProxy: trustProxy(env),
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
