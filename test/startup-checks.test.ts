import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import { parley } from './helpers/run-cli.ts';
import { startServerProcess, stopServerProcess } from './helpers/server-process.ts';
import { createTestEnvironment, TEST_REDIS_URL } from './helpers/test-app.ts';

/** A Redis database index no default Redis has (databases = 16). */
function redisUrlWithDatabase(index: number): string {
  const url = new URL(TEST_REDIS_URL);
  url.pathname = `/${index}`;
  return url.href;
}

describe('start-up checks', { timeout: 90_000 }, () => {
  it('stops with one line naming REDIS_URL when Redis refuses its database index', async () => {
    const environment = await createTestEnvironment();
    try {
      const config = loadConfig({ ...environment.env, REDIS_URL: redisUrlWithDatabase(99) });
      const started = createContext(config);
      await expect(started).rejects.toThrow(ConfigError);
      await expect(createContext(config)).rejects.toThrow(
        /^REDIS_URL redis:\/\/.*\/99 selects database 99, which this Redis refuses \(ERR DB index is out of range\)/,
      );
      const fine = await createContext(
        loadConfig({ ...environment.env, REDIS_URL: redisUrlWithDatabase(3) }),
      );
      expect(fine.redis?.options.db).toBe(3);
      await fine.close();
    } finally {
      await environment.dispose();
    }
  });

  it.each([
    [{ PARLEY_LOG_LEVEL: 'verbose' }, /^parley: PARLEY_LOG_LEVEL must be one of /],
    [{ PARLEY_OUTBOUND_ALLOW: 'notahost' }, /^parley: PARLEY_OUTBOUND_ALLOW entry "notahost" is neither/],
    [{ PARLEY_TRUST_PROXY: '100' }, /^parley: PARLEY_TRUST_PROXY hop count must be between 0 and 10/],
  ])('refuses %o with one line and exit code 78, not a stack trace', async (setting, message) => {
    const res = await parley(['migrate'], { ...setting, DATABASE_URL: '', PARLEY_DATA_DIR: '/nonexistent' });
    expect(res.code).toBe(78);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr.trim()).toMatch(message);
  });

  it('refuses a PARLEY_MASTER_KEY that does not open the stored secrets, with one line and exit code 78', async () => {
    const environment = await createTestEnvironment();
    try {
      const created = await parley(['tenant', 'create', '--name', 'Keys'], environment.env);
      expect(created.code, created.stderr).toBe(0);
      const wrong = { ...environment.env, PARLEY_MASTER_KEY: crypto.randomBytes(32).toString('base64') };
      const res = await parley(['start'], { ...wrong, PORT: '0' });
      expect(res.code).toBe(78);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(res.stderr).toMatch(
        /^parley: PARLEY_MASTER_KEY does not open the secrets stored in this database/,
      );
    } finally {
      await environment.dispose();
    }
  });

  it('warns at start, in one log line, about what the installation-wide LLM lacks', async () => {
    const environment = await createTestEnvironment();
    const server = await startServerProcess({ ...environment.env, PARLEY_AI_PROVIDER: 'openai-compatible' });
    try {
      const warning = server
        .output()
        .split('\n')
        .filter((line) => line.includes('PARLEY_AI_PROVIDER is openai-compatible'));
      expect(warning).toHaveLength(1);
      expect(JSON.parse(warning[0])).toMatchObject({
        level: 40,
        msg: expect.stringContaining('PARLEY_AI_BASE_URL and PARLEY_AI_MODEL are not set'),
      });
    } finally {
      await stopServerProcess(server);
      await environment.dispose();
    }
  });
});
