import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, missingAiSettings } from './config.ts';

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
    [{ PARLEY_METRICS_TOKEN: 'short' }, /^PARLEY_METRICS_TOKEN must be at least 16/],
    [
      { PARLEY_LOG_LEVEL: 'verbose' },
      /^PARLEY_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent \(got "verbose"\)\.$/,
    ],
    [{ PARLEY_OUTBOUND_ALLOW: 'notahost' }, /^PARLEY_OUTBOUND_ALLOW entry "notahost" is neither host:port/],
    [{ PARLEY_OUTBOUND_ALLOW: '127.0.0.1:4010, 10.0.0.0/33' }, /^PARLEY_OUTBOUND_ALLOW entry "10.0.0.0\/33"/],
    [{ PARLEY_TRUST_PROXY: '100' }, /^PARLEY_TRUST_PROXY hop count must be between 0 and 10 \(got "100"\)/],
    [
      { PARLEY_TRUST_PROXY: '10.0.0.1, 5' },
      /^PARLEY_TRUST_PROXY must be true, false, a hop count, .* \(got "5"\)/,
    ],
    [{ PARLEY_TRUST_PROXY: '10/8' }, /^PARLEY_TRUST_PROXY must be true, false, a hop count/],
  ])('stops with one sentence naming the variable: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads PARLEY_TRUST_PROXY as the README documents it: a bare number is a hop count, never an address', () => {
    expect(loadConfig({ PARLEY_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ PARLEY_TRUST_PROXY: '0' }).trustProxy).toBe(0);
    expect(loadConfig({ PARLEY_TRUST_PROXY: '10' }).trustProxy).toBe(10);
    expect(loadConfig({ PARLEY_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ PARLEY_TRUST_PROXY: '203.0.113.7, 10.0.0.0/8, loopback, fd00::/8' }).trustProxy).toBe(
      '203.0.113.7,10.0.0.0/8,loopback,fd00::/8',
    );
  });

  it('accepts the documented log levels in any case, and the outbound allow list forms', () => {
    expect(loadConfig({ PARLEY_LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
    expect(
      loadConfig({ PARLEY_OUTBOUND_ALLOW: '127.0.0.1:4010, 10.0.0.0/8, shop-api:8080' }).outboundAllow,
    ).toBe('127.0.0.1:4010, 10.0.0.0/8, shop-api:8080');
  });

  it('names what an installation-wide LLM lacks, without refusing it', () => {
    const ai = (env: Record<string, string>) => loadConfig(env);
    expect(missingAiSettings(ai({ PARLEY_AI_PROVIDER: 'openai' }), {})).toBe(
      'PARLEY_AI_PROVIDER is openai but PARLEY_AI_API_KEY is not set: tenants without their own AI settings get no LLM answers until it is set.',
    );
    expect(
      missingAiSettings(ai({ PARLEY_AI_PROVIDER: 'openai' }), { OPENAI_API_KEY: 'sk-x' }),
    ).toBeUndefined();
    expect(missingAiSettings(ai({ PARLEY_AI_PROVIDER: 'openai-compatible' }), {})).toMatch(
      /^PARLEY_AI_PROVIDER is openai-compatible but PARLEY_AI_BASE_URL and PARLEY_AI_MODEL are not set/,
    );
    expect(
      missingAiSettings(
        ai({
          PARLEY_AI_PROVIDER: 'openai-compatible',
          PARLEY_AI_BASE_URL: 'http://llm.internal:8000/v1',
          PARLEY_AI_MODEL: 'llama3.1',
        }),
        {},
      ),
    ).toBeUndefined();
    expect(missingAiSettings(ai({}), {})).toBeUndefined();
  });
});
