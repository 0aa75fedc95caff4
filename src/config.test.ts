import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has the SPEC §1 defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      outboundTimeoutMs: 5000,
      rateLimitPerMin: 60,
      outboundAllow: '',
      databaseUrl: undefined,
      redisUrl: undefined,
      platformToken: undefined,
      ai: { provider: 'embedded' },
    });
    expect(config.dataDir).toMatch(/data$/);
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT must be a whole number/],
    [{ PORT: '70000' }, /^PORT must be a whole number between 0 and 65535/],
    [{ PARLEY_RATE_LIMIT_PER_MIN: '0' }, /^PARLEY_RATE_LIMIT_PER_MIN/],
    [{ PARLEY_OUTBOUND_TIMEOUT_MS: '-5' }, /^PARLEY_OUTBOUND_TIMEOUT_MS/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must start with postgres:/],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL is not a valid URL/],
    [{ DATABASE_URL: 'postgres://localhost/db' }, /^PARLEY_MASTER_KEY is required with DATABASE_URL/],
    [{ REDIS_URL: 'http://x' }, /^REDIS_URL must start with redis:/],
    [{ PARLEY_AI_PROVIDER: 'skynet' }, /^PARLEY_AI_PROVIDER must be one of embedded, openai/],
    [{ PARLEY_PLATFORM_TOKEN: 'short' }, /^PARLEY_PLATFORM_TOKEN must be at least 16/],
  ])('stops with one sentence naming the variable: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
