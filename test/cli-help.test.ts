import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parley as runParley } from './helpers/run-cli.ts';
import { createTestEnvironment } from './helpers/test-app.ts';

// A bounded run: `start --help` used to start a server that never exits.
const parley = (args: string[], env: Record<string, string> = {}) => runParley(args, env, 20_000);

/** A data directory nothing has touched: what a --help run must leave it as. */
async function untouchedDataDir() {
  const environment = await createTestEnvironment({ PARLEY_MASTER_KEY: '', DATABASE_URL: '' });
  const env: Record<string, string> = { ...environment.env, PARLEY_MASTER_KEY: '', DATABASE_URL: '' };
  return { env, files: () => fs.readdirSync(env.PARLEY_DATA_DIR), dispose: () => environment.dispose() };
}

describe('parley --help and usage mistakes', { timeout: 120_000 }, () => {
  it.each([[[]], [['-h']], [['--help']], [['help']]])(
    'parley %j prints the usage and exits 0',
    async (args) => {
      const res = await parley(args);
      expect(res.code).toBe(0);
      expect(res.stdout).toContain('Usage: parley <command>');
      expect(res.stdout).toContain('rotate-key');
    },
  );

  it.each([
    [['rotate-key', '--help'], 'Usage: parley rotate-key'],
    [['migrate', '-h'], 'Usage: parley migrate'],
    [['start', '--help'], 'Usage: parley start'],
    [['tenant', 'create', '--name', 'X', '--help'], 'Usage: parley tenant create --name NAME'],
    [['tenant', 'credits', '--help'], 'Usage: parley tenant credits'],
    [['tenant', '--help'], 'Usage: parley tenant create'],
    [['help', 'rotate-key'], 'Usage: parley rotate-key'],
  ])('parley %j prints that usage, exits 0 and does nothing', async (args, expected) => {
    const data = await untouchedDataDir();
    try {
      const res = await parley(args, data.env);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain(expected);
      expect(data.files()).toEqual([]);
    } finally {
      await data.dispose();
    }
  });

  it('answers an unknown command or option with the usage and exit code 64, doing nothing', async () => {
    const data = await untouchedDataDir();
    try {
      const unknown = await parley(['rotate'], data.env);
      expect(unknown.code).toBe(64);
      expect(unknown.stderr).toMatch(/^parley: unknown command "rotate"\./);
      const option = await parley(['rotate-key', '--force'], data.env);
      expect(option.code).toBe(64);
      expect(option.stderr).toContain("Unknown option '--force'");
      expect(data.files()).toEqual([]);
    } finally {
      await data.dispose();
    }
  });

  it('refuses an admin e-mail address the Platform API would refuse, before creating anything', async () => {
    const data = await untouchedDataDir();
    try {
      const res = await parley(
        [
          'tenant',
          'create',
          '--name',
          'X',
          '--admin-email',
          'notanemail',
          '--admin-password',
          'long-password-1',
        ],
        data.env,
      );
      expect(res.code).toBe(64);
      expect(res.stderr.trim()).toBe('parley: --admin-email: Invalid email address (got "notanemail").');
      expect(data.files()).toEqual([]);
    } finally {
      await data.dispose();
    }
  });

  it('reports an unexpected failure in one line with a non-zero exit code, without a stack trace', async () => {
    const data = await untouchedDataDir();
    try {
      expect((await parley(['migrate'], data.env)).code).toBe(0);
      // Something in the way of the new key file: rotate-key cannot write it.
      fs.mkdirSync(path.join(data.env.PARLEY_DATA_DIR, 'master.key.next'));
      const res = await parley(['rotate-key'], data.env);
      expect(res.code).toBe(70);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(res.stderr).toMatch(/^parley: rotate-key failed: Error: EISDIR/);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await data.dispose();
    }
  });
});
