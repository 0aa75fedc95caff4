import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { parseAllowList } from './http/guarded-fetch/allow-list.ts';

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
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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
  /** When set, GET /metrics requires `Authorization: Bearer <token>` (PARLEY_METRICS_TOKEN). */
  metricsToken: string | undefined;
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

// More proxies than this in front of one app is a typo (100 for 1.0.0?), not a deployment.
const MAX_PROXY_HOPS = 10;

function trustProxy(env: Env): boolean | number | string {
  const raw = optional(env, 'PARLEY_TRUST_PROXY');
  if (raw === undefined) return DEFAULT_TRUSTED_PROXIES;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  // A bare number is a hop count (README), never an address: "100" is not 0.0.0.100.
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > MAX_PROXY_HOPS) {
      throw new ConfigError(
        `PARLEY_TRUST_PROXY hop count must be between 0 and ${MAX_PROXY_HOPS} (got "${raw}"); list the proxies' addresses or CIDR ranges instead, or use true to trust any.`,
      );
    }
    return hops;
  }
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !PROXY_RANGE_NAMES.has(entry) && !isAddressOrRange(entry));
  if (bad !== undefined) {
    throw new ConfigError(
      `PARLEY_TRUST_PROXY must be true, false, a hop count, or comma-separated addresses, CIDR ranges or loopback/linklocal/uniquelocal (got "${bad}").`,
    );
  }
  return entries.join(',');
}

/** An address in its usual notation (dotted quad, IPv6), alone or as a CIDR range; `100` or `10/8` is not one. */
function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) return false;
  if (
    !ipaddr.IPv4.isValidFourPartDecimal(address) &&
    !(address.includes(':') && ipaddr.IPv6.isValid(address))
  ) {
    return false;
  }
  if (prefix === undefined) return true;
  try {
    ipaddr.parseCIDR(entry);
    return true;
  } catch {
    return false;
  }
}

function outboundAllow(env: Env): string {
  const raw = optional(env, 'PARLEY_OUTBOUND_ALLOW') ?? '';
  try {
    parseAllowList(raw);
  } catch (error) {
    // parseAllowList names the variable and the entry: `PARLEY_OUTBOUND_ALLOW entry "x" is …`.
    throw new ConfigError((error as Error).message);
  }
  return raw;
}

function logLevel(env: Env): string {
  const raw = optional(env, 'PARLEY_LOG_LEVEL') ?? 'info';
  const level = raw.toLowerCase();
  if (!(logLevels as readonly string[]).includes(level)) {
    throw new ConfigError(`PARLEY_LOG_LEVEL must be one of ${logLevels.join(', ')} (got "${raw}").`);
  }
  return level;
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
    metricsToken: optional(env, 'PARLEY_METRICS_TOKEN'),
    outboundAllow: outboundAllow(env),
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
    logLevel: logLevel(env),
    publicUrl: url(env, 'PARLEY_PUBLIC_URL', ['http:', 'https:']),
    trustProxy: trustProxy(env),
  };
  if (config.platformToken && config.platformToken.length < 16) {
    throw new ConfigError('PARLEY_PLATFORM_TOKEN must be at least 16 characters long.');
  }
  if (config.metricsToken && config.metricsToken.length < 16) {
    throw new ConfigError('PARLEY_METRICS_TOKEN must be at least 16 characters long.');
  }
  return config;
}

/**
 * What the installation-wide LLM lacks to answer, as one sentence for a start-up warning, or
 * undefined. Not a ConfigError: tenants can bring their own provider in their AI settings, and an
 * SDK may read its own variable (OPENAI_API_KEY, ANTHROPIC_API_KEY).
 */
export function missingAiSettings(config: Pick<Config, 'ai'>, env: Env = process.env): string | undefined {
  const { provider, apiKey, baseUrl, model } = config.ai;
  const missing: string[] = [];
  if (provider === 'openai' && !apiKey && !env.OPENAI_API_KEY) missing.push('PARLEY_AI_API_KEY');
  if (provider === 'anthropic' && !apiKey && !env.ANTHROPIC_API_KEY) missing.push('PARLEY_AI_API_KEY');
  if (provider === 'openai-compatible') {
    if (!baseUrl) missing.push('PARLEY_AI_BASE_URL');
    if (!model) missing.push('PARLEY_AI_MODEL');
  }
  if (missing.length === 0) return undefined;
  return `PARLEY_AI_PROVIDER is ${provider} but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set: tenants without their own AI settings get no LLM answers until ${missing.length > 1 ? 'they are' : 'it is'} set.`;
}

/** Loads `.env` from the working directory into process.env (existing variables win). */
export function loadDotEnv(file = '.env'): void {
  try {
    process.loadEnvFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
