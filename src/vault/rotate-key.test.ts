import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { encryptedColumns } from './encrypted-columns.ts';
import { rotateSecrets } from './rotate-key.ts';
import { createVault } from './vault.ts';

describe('master key rotation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await sql`create table vault_probe (id text primary key, secret text, doc text)`.execute(t.ctx.db);
    encryptedColumns.push({ table: 'vault_probe', column: 'secret', kind: 'sealed' });
    encryptedColumns.push({ table: 'vault_probe', column: 'doc', kind: 'json' });
  });
  afterAll(async () => {
    encryptedColumns.splice(-2);
    await t.close();
  });

  it('re-encrypts every registered secret under the new key', async () => {
    const oldKey = Buffer.from(t.environment.env.PARLEY_MASTER_KEY, 'base64');
    const doc = JSON.stringify({ auth: { type: 'bearer', token: t.ctx.vault.seal('tok-123') }, name: 'x' });
    await sql`insert into vault_probe values ('a', ${t.ctx.vault.seal('pw-1')}, ${doc}), ('b', null, '{}')`.execute(
      t.ctx.db,
    );
    const tenant = await t.createTenant();
    const connection = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenant-api/connections',
      headers: tenant.headers,
      payload: {
        name: 'Orders',
        baseUrl: 'https://api.shop.example',
        auth: { type: 'bearer', token: 'bearer-secret-value' },
      },
    });
    expect(connection.statusCode).toBe(201);
    const newKey = crypto.randomBytes(32);
    const rotated = createVault(newKey, [oldKey]);
    // The probe row, the connection, and the installation's master-key check value.
    expect(await rotateSecrets(t.ctx.db, rotated)).toEqual({ reencrypted: 4, unreadable: [] });

    const onlyNew = createVault(newKey);
    // A real connection secret is re-keyed too.
    const connectionDoc = (await sql<{ config: string }>`select config from connections`.execute(t.ctx.db))
      .rows[0];
    const sealedToken = JSON.stringify(JSON.parse(connectionDoc.config)).match(
      /pv1:[0-9a-f]{8}:[A-Za-z0-9+/=]+/,
    )![0];
    expect(onlyNew.open(sealedToken)).toBe('bearer-secret-value');
    const row = (
      await sql<{ secret: string; doc: string }>`select secret, doc from vault_probe where id = 'a'`.execute(
        t.ctx.db,
      )
    ).rows[0];
    expect(onlyNew.open(row.secret)).toBe('pw-1');
    expect(onlyNew.open(JSON.parse(row.doc).auth.token)).toBe('tok-123');
    expect(JSON.parse(row.doc).name).toBe('x');
    // A second pass finds nothing left to do.
    expect(await rotateSecrets(t.ctx.db, rotated)).toEqual({ reencrypted: 0, unreadable: [] });
  });

  it('reports a secret that no known key opens and re-encrypts the rest, instead of failing', async () => {
    const current = crypto.randomBytes(32);
    const older = crypto.randomBytes(32);
    const lost = crypto.randomBytes(32);
    const lostId = createVault(lost).currentKeyId;
    const doc = JSON.stringify({ a: createVault(lost).seal('gone'), b: createVault(older).seal('kept') });
    await sql`insert into vault_probe values ('c', ${createVault(lost).seal('gone too')}, ${doc})`.execute(
      t.ctx.db,
    );

    const result = await rotateSecrets(t.ctx.db, createVault(current, [older]));

    expect(result.unreadable).toEqual(
      expect.arrayContaining([
        { table: 'vault_probe', id: 'c', keyId: lostId },
        { table: 'vault_probe', id: 'c', keyId: lostId },
      ]),
    );
    const row = (
      await sql<{ secret: string; doc: string }>`select secret, doc from vault_probe where id = 'c'`.execute(
        t.ctx.db,
      )
    ).rows[0];
    expect(row.secret.split(':')[1]).toBe(lostId);
    const stored = JSON.parse(row.doc);
    expect(stored.a.split(':')[1]).toBe(lostId);
    expect(createVault(current).open(stored.b)).toBe('kept');
  });
});
