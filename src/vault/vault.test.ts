import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.ts';
import { AppError } from '../errors.ts';
import { keyFilesSource, readKeyFiles } from './key-files.ts';
import { decodeMasterKey, resolveMasterKey } from './master-key.ts';
import { createVault, type KeyRing, keyIdOf, maskSecret } from './vault.ts';

const key = () => crypto.randomBytes(32);

describe('vault', () => {
  it('round-trips a secret and never contains the plaintext', () => {
    const vault = createVault(key());
    const sealed = vault.seal('s3cr3t-tøken');
    expect(sealed).toMatch(/^pv1:[0-9a-f]{8}:/);
    expect(sealed).not.toContain('s3cr3t');
    expect(vault.open(sealed)).toBe('s3cr3t-tøken');
    expect(vault.seal('same')).not.toBe(vault.seal('same'));
  });

  it('names the key in the ciphertext so an old key can still decrypt after rotation', () => {
    const oldKey = key();
    const newKey = key();
    const sealedOld = createVault(oldKey).seal('hello');
    const rotated = createVault(newKey, [oldKey]);
    expect(rotated.needsRotation(sealedOld)).toBe(true);
    expect(rotated.open(sealedOld)).toBe('hello');
    const resealed = rotated.seal(rotated.open(sealedOld));
    expect(resealed.split(':')[1]).toBe(keyIdOf(newKey));
    expect(createVault(newKey).open(resealed)).toBe('hello');
    expect(() => createVault(newKey).open(sealedOld)).toThrow(/PARLEY_MASTER_KEY_PREVIOUS/);
  });

  it('rejects tampered ciphertext', () => {
    const vault = createVault(key());
    const sealed = vault.seal('hello');
    const bytes = Buffer.from(sealed.split(':')[2], 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => vault.open(`pv1:${sealed.split(':')[1]}:${bytes.toString('base64')}`)).toThrow();
  });

  it('masks secrets to their last four characters', () => {
    expect(maskSecret('sk_live_abcdefgh1234')).toBe('****1234');
    expect(maskSecret('short')).toBe('****');
  });

  it('generates the master key once into the data dir, readable by the owner only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-key-'));
    const first = resolveMasterKey(undefined, dir);
    const second = resolveMasterKey(undefined, dir);
    expect(first.equals(second)).toBe(true);
    expect(fs.statSync(path.join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses a master key that is not 32 bytes of base64', () => {
    expect(() => decodeMasterKey('too-short')).toThrow(ConfigError);
    expect(() => decodeMasterKey(crypto.randomBytes(16).toString('base64'))).toThrow(/32 random bytes/);
  });

  it('says which key is missing and what to do, as a 409 rather than a 500', () => {
    const sealed = createVault(key()).seal('x');
    let thrown: unknown;
    try {
      createVault(key()).open(sealed);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'CONFLICT', statusCode: 409 });
    expect((thrown as Error).message).toMatch(/re-enter the secret/);
  });

  it('tells the operator once when a secret names a key this process was not given', () => {
    const rotatedTo = key();
    const sealed = createVault(rotatedTo).seal('x');
    const vault = createVault(key());
    const errors: string[] = [];
    vault.setLogger({ error: (_obj, message) => errors.push(message) });
    for (let i = 0; i < 3; i++) expect(() => vault.open(sealed)).toThrow(/re-enter the secret/);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`master key ${keyIdOf(rotatedTo)}, which this process does not have`);
    expect(errors[0]).toContain('PARLEY_MASTER_KEY_PREVIOUS');
  });

  it('with a key source, seals under a key rotated meanwhile and opens secrets under keys it has not seen yet', () => {
    const first = key();
    const second = key();
    let ring: KeyRing = { current: first, previous: [] };
    let changed = false;
    let reads = 0;
    const vault = createVault(first, [], {
      changed: () => changed,
      read: () => {
        reads++;
        changed = false;
        return ring;
      },
    });
    const underFirst = vault.seal('one');
    // Another process rotates: the new key is current, the old one decrypts only.
    ring = { current: second, previous: [first] };
    expect(vault.open(createVault(second).seal('from the CLI'))).toBe('from the CLI');
    expect(reads).toBe(1);
    expect(vault.currentKeyId).toBe(keyIdOf(second));
    expect(vault.open(underFirst)).toBe('one');
    // A change noticed before sealing: new secrets use the newest key.
    const third = key();
    ring = { current: third, previous: [second] };
    changed = true;
    expect(vault.seal('two').split(':')[1]).toBe(keyIdOf(third));
  });

  it('reads the key files again after they were rotated on disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-key-'));
    try {
      const ring = readKeyFiles(dir);
      const vault = createVault(ring.current, ring.previous, keyFilesSource(dir));
      const next = key();
      fs.writeFileSync(
        path.join(dir, 'master.key.previous'),
        `${Buffer.from(ring.current).toString('base64')}\n`,
      );
      fs.writeFileSync(path.join(dir, 'master.key.tmp'), `${next.toString('base64')}\n`);
      fs.renameSync(path.join(dir, 'master.key.tmp'), path.join(dir, 'master.key'));
      expect(vault.seal('x').split(':')[1]).toBe(keyIdOf(next));
      expect(vault.knownKeyIds).toEqual([keyIdOf(next), keyIdOf(ring.current)]);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});
