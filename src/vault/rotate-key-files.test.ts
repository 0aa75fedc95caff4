import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { sealConnectionConfig } from '../connections/connection-config.ts';
import { createContext } from '../context.ts';
import { readKeyFiles } from './key-files.ts';
import { rotateKeyFiles } from './rotate-key-files.ts';
import { createVault, keyIdOf } from './vault.ts';

// The generated key files exist only without PARLEY_MASTER_KEY, i.e. on SQLite: this file runs there
// on both suites.
const fileKeys = { PARLEY_MASTER_KEY: '', DATABASE_URL: '' };

const apps: TestApp[] = [];
afterEach(async () => {
  for (const t of apps.splice(0).reverse()) await t.close();
});

/** `parley rotate-key` as the CLI runs it: its own process, its own database connection. */
async function rotateFromCli(t: TestApp) {
  const cli = await createContext(t.environment.config);
  try {
    return await rotateKeyFiles(cli.db, t.environment.config.dataDir);
  } finally {
    await cli.close();
  }
}

async function keyIdsInUse(t: TestApp): Promise<Set<string>> {
  const rows = (await sql<{ config: string }>`select config from connections`.execute(t.ctx.db)).rows;
  return new Set(rows.flatMap((r) => [...r.config.matchAll(/pv1:([0-9a-f]{8}):/g)].map((m) => m[1])));
}

describe('parley rotate-key on the key files while a server runs on the same data', () => {
  it('keeps every secret readable by the running server through two rotations, and seals new ones under the new key', async () => {
    const server = await createTestApp(fileKeys);
    apps.push(server);
    const dataDir = server.environment.config.dataDir;
    const tenant = await server.createTenant();
    const createConnection = (name: string, token: string) =>
      server.app.inject({
        method: 'POST',
        url: '/api/v1/tenant-api/connections',
        headers: tenant.headers,
        payload: { name, baseUrl: 'https://api.shop.example', auth: { type: 'bearer', token } },
      });
    const list = async () => {
      const res = await server.app.inject({ url: '/api/v1/tenant-api/connections', headers: tenant.headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().data.map((c: { name: string; auth: { token: string } }) => [c.name, c.auth.token]);
    };
    expect((await createConnection('Orders', 'orders-secret-1')).statusCode).toBe(201);
    const first = readKeyFiles(dataDir).current;

    const one = await rotateFromCli(server);
    expect(one).toMatchObject({ from: keyIdOf(first), unreadable: [] });
    // The server never restarted: it reads secrets under the new key and seals new ones with it.
    expect(await list()).toEqual([['Orders', '****et-1']]);
    const created = await createConnection('Billing', 'billing-secret-2');
    expect(created.statusCode).toBe(201);
    expect(await keyIdsInUse(server)).toEqual(new Set([one.to]));
    // The replaced key is kept: a server that had not noticed the rotation yet may have used it.
    expect(readKeyFiles(dataDir).previous.map(keyIdOf)).toEqual([keyIdOf(first)]);

    // Such a straggler, written under the replaced key after the rotation:
    const straggler = sealConnectionConfig(createVault(first), {
      auth: { type: 'bearer', token: 'straggler-token-3' },
      headers: {},
    });
    await sql`update connections set config = ${straggler} where id = ${created.json().data.id}`.execute(
      server.ctx.db,
    );

    const two = await rotateFromCli(server);
    expect(two).toMatchObject({ from: one.to, unreadable: [] });
    expect(await keyIdsInUse(server)).toEqual(new Set([two.to]));
    expect(readKeyFiles(dataDir).previous.map(keyIdOf)).toEqual([one.to]);
    expect(fs.existsSync(path.join(dataDir, 'master.key.next'))).toBe(false);
    expect((await list()).sort()).toEqual([
      ['Billing', '****en-3'],
      ['Orders', '****et-1'],
    ]);

    // And after a restart, with only what is on disk.
    const restarted = await createTestApp({}, { environment: server.environment });
    apps.push(restarted);
    const res = await restarted.app.inject({
      url: '/api/v1/tenant-api/connections',
      headers: tenant.headers,
    });
    expect(res.statusCode).toBe(200);
  });

  it('finishes an interrupted rotation with the key it had written down, so no secret is left under a lost key', async () => {
    const t = await createTestApp(fileKeys);
    apps.push(t);
    const dataDir = t.environment.config.dataDir;
    const tenant = await t.createTenant();
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/connections',
      headers: tenant.headers,
      payload: {
        name: 'Orders',
        baseUrl: 'https://api.shop.example',
        auth: { type: 'bearer', token: 'tok-12345' },
      },
    });
    // A rotation that died after committing: secrets under master.key.next, the files not swapped yet.
    const pending = createVault(Buffer.alloc(32, 7));
    fs.writeFileSync(path.join(dataDir, 'master.key.next'), `${Buffer.alloc(32, 7).toString('base64')}\n`);
    const rows = (
      await sql<{ id: string; config: string }>`select id, config from connections`.execute(t.ctx.db)
    ).rows;
    for (const row of rows) {
      const resealed = sealConnectionConfig(pending, {
        auth: { type: 'bearer', token: 'tok-12345' },
        headers: {},
      });
      await sql`update connections set config = ${resealed} where id = ${row.id}`.execute(t.ctx.db);
    }

    const resumed = await rotateFromCli(t);
    expect(resumed).toMatchObject({ to: pending.currentKeyId, unreadable: [] });
    expect(keyIdOf(readKeyFiles(dataDir).current)).toBe(pending.currentKeyId);
    const res = await t.app.inject({ url: '/api/v1/tenant-api/connections', headers: tenant.headers });
    expect(res.statusCode).toBe(200);
  });
});
