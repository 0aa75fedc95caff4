import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, parley } from './helpers/run-cli.ts';
import { createTestApp, createTestEnvironment } from './helpers/test-app.ts';

// Each case starts real `parley` processes; on a loaded 2-core machine a cold start can take seconds.
describe('parley CLI', { timeout: 90_000 }, () => {
  it('tenant create prints the same JSON as the Platform API', async () => {
    const environment = await createTestEnvironment();
    try {
      const migrated = await parley(['migrate'], environment.env);
      expect(migrated.code).toBe(0);
      const res = await parley(['tenant', 'create', '--name', 'CLI Shop'], environment.env);
      expect(res.code).toBe(0);
      expect(res.stderr).toBe('');
      const { data } = JSON.parse(res.stdout);
      expect(data).toEqual({
        id: expect.any(String),
        name: 'CLI Shop',
        apiKey: { id: expect.any(String), name: expect.any(String), key: expect.stringMatching(/^tak_/) },
      });
      expect((await parley(['migrate'], environment.env)).stdout).toContain('up to date');
    } finally {
      await environment.dispose();
    }
  });

  it('gives tenants AI credits: PARLEY_NEW_TENANT_CREDITS, tenant create --credits, tenant credits', async () => {
    const environment = await createTestEnvironment();
    try {
      const env: Record<string, string> = { ...environment.env, PARLEY_NEW_TENANT_CREDITS: '250' };
      const created = await parley(['tenant', 'create', '--name', 'Starter'], env);
      expect(created.code, created.stderr).toBe(0);
      // Nothing had made the database yet: the command says where it made one (SQLite only).
      if (env.DATABASE_URL) expect(created.stderr).toBe('');
      else
        expect(created.stderr.trim()).toBe(
          `parley: note: there was no database at ${path.resolve(env.PARLEY_DATA_DIR, 'parley.db')}, so this command made a new, empty one. If your server keeps its data elsewhere, run the command with the server's PARLEY_DATA_DIR (or DATABASE_URL).`,
        );
      const starter = JSON.parse(created.stdout).data;
      const explicit = await parley(['tenant', 'create', '--name', 'Big', '--credits', '5000'], env);
      expect(explicit.stderr).toBe('');
      const big = JSON.parse(explicit.stdout).data;
      // Ids are UUIDs: any letter case names the tenant.
      const topUp = await parley(
        ['tenant', 'credits', '--id', starter.id.toUpperCase(), '--amount', '100'],
        env,
      );
      expect(topUp.code, topUp.stderr).toBe(0);
      expect(JSON.parse(topUp.stdout).data).toEqual({ creditBalance: 350, totalCreditsAdded: 350 });

      const t = await createTestApp({}, { environment });
      try {
        const balance = async (key: string) =>
          (
            await t.app.inject({ url: '/api/v1/tenant-api/billing/balance', headers: { 'x-api-key': key } })
          ).json().data;
        expect(await balance(big.apiKey.key)).toMatchObject({ creditBalance: 5000, totalCreditsAdded: 5000 });
        expect(await balance(starter.apiKey.key)).toMatchObject({ creditBalance: 350 });
      } finally {
        await t.close();
      }

      const unknown = await parley(['tenant', 'credits', '--id', 'nope', '--amount', '5'], env);
      expect(unknown.code).toBe(64);
      expect(unknown.stderr.trim()).toBe('parley: no tenant has the id "nope" (tenant create prints it).');
      const bad = await parley(['tenant', 'credits', '--id', starter.id, '--amount=0'], env);
      expect(bad.code).toBe(64);
      expect(bad.stderr.trim()).toBe(
        'parley: --amount must be a whole number between 1 and 1000000000000 (got "0").',
      );
      const typo = await parley(['tenant', 'create', '--nme', 'X'], env);
      expect(typo.code).toBe(64);
      expect(typo.stderr).toContain("Unknown option '--nme'");
    } finally {
      await environment.dispose();
    }
  });

  it('stops on a bad setting with one sentence naming it, not a stack trace', async () => {
    const res = await parley(['start'], { PORT: 'abc', DATABASE_URL: '' });
    expect(res.code).toBe(78);
    expect(res.stderr.trim()).toBe('parley: PORT must be a whole number between 0 and 65535 (got "abc").');
  });

  it('says in one sentence that the port is taken, instead of a stack trace', async () => {
    const environment = await createTestEnvironment();
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const res = await parley(['start'], { ...environment.env, PORT: String(port), HOST: '127.0.0.1' });
      expect(res.code).toBe(78);
      expect(res.stderr.trim()).toBe(
        `parley: 127.0.0.1:${port} is already in use (PORT, HOST): stop the other server there or set PORT to a free port.`,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
      await environment.dispose();
    }
  });

  it('rotate-key re-keys the generated master key file on SQLite', async () => {
    const environment = await createTestEnvironment({ PARLEY_MASTER_KEY: '', DATABASE_URL: '' });
    try {
      const env: Record<string, string> = { ...environment.env, PARLEY_MASTER_KEY: '', DATABASE_URL: '' };
      await parley(['migrate'], env);
      const created = await parley(
        [
          'tenant',
          'create',
          '--name',
          'x',
          '--admin-email',
          'Admin@X.example',
          '--admin-password',
          'long-password-1',
        ],
        env,
      );
      expect(created.code).toBe(0);
      expect(JSON.parse(created.stdout).data.admin).toEqual({
        id: expect.any(String),
        email: 'admin@x.example',
      });
      const keyFile = path.join(env.PARLEY_DATA_DIR, 'master.key');
      const before = fs.readFileSync(keyFile, 'utf8');
      const res = await parley(['rotate-key'], env);
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/Re-encrypted \d+ record/);
      expect(fs.readFileSync(keyFile, 'utf8')).not.toBe(before);
      expect(fs.existsSync(`${keyFile}.next`)).toBe(false);
    } finally {
      await environment.dispose();
    }
  });

  it('shuts down gracefully on SIGTERM', async () => {
    const environment = await createTestEnvironment();
    try {
      const { spawn } = await import('node:child_process');
      const child = spawn(process.execPath, [bin, 'start'], {
        env: { ...process.env, ...environment.env, PORT: '0', PARLEY_LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stderr.on('data', (chunk: Buffer) => {
        out += chunk;
      });
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk;
          if (out.includes('Server listening')) resolve();
        });
        child.once('exit', () => reject(new Error(`exited early: ${out}`)));
      });
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect({ code: await exit, out }).toMatchObject({ code: 0 });
      expect(out).toContain('shutting down');
    } finally {
      await environment.dispose();
    }
  });
});
