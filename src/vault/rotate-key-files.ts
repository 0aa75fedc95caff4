import fs from 'node:fs';
import type { Db } from '../db/database.ts';
import { keyFilePath, NEXT_KEY_FILE, PREVIOUS_KEYS_FILE, readKeyFiles, writeKeyFile } from './key-files.ts';
import { decodeMasterKey, generateMasterKey, MASTER_KEY_FILE } from './master-key.ts';
import { type RotationResult, rotateSecrets } from './rotate-key.ts';
import { createVault, keyIdOf } from './vault.ts';

export interface KeyFileRotation extends RotationResult {
  from: string;
  to: string;
  keyFile: string;
}

/** The key of an interrupted rotation (its secrets may already use it), else a new one written down first. */
function nextKey(file: string): Buffer {
  if (fs.existsSync(file)) return decodeMasterKey(fs.readFileSync(file, 'utf8').trim(), file);
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${generateMasterKey()}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return decodeMasterKey(fs.readFileSync(file, 'utf8').trim(), file);
}

/**
 * Rotates the generated key files (SQLite without PARLEY_MASTER_KEY) while a server may be running
 * on the same data: the new key is written to `master.key.next` before any secret uses it, every
 * secret is re-encrypted under it in one transaction (stragglers under older keys included), the
 * key being replaced moves to `master.key.previous` (a running server may still seal with it until
 * it notices the new `master.key`), and `master.key.next` becomes `master.key`. Keys older than the
 * replaced one are dropped: the transaction just moved every secret off them. A running server
 * notices the renamed files at its next seal, or when it meets a secret under the new key.
 */
export async function rotateKeyFiles(
  db: Db,
  dataDir: string,
  /** PARLEY_MASTER_KEY_PREVIOUS, which also decrypts (it is never written to the files). */
  alsoDecryptWith: Uint8Array[] = [],
): Promise<KeyFileRotation> {
  const ring = readKeyFiles(dataDir);
  const nextFile = keyFilePath(dataDir, NEXT_KEY_FILE);
  const next = nextKey(nextFile);
  const vault = createVault(next, [ring.current, ...ring.previous, ...alsoDecryptWith]);
  const result = await rotateSecrets(db, vault);
  const replaced = Buffer.from(ring.current);
  writeKeyFile(keyFilePath(dataDir, PREVIOUS_KEYS_FILE), [replaced.toString('base64')]);
  const keyFile = keyFilePath(dataDir, MASTER_KEY_FILE);
  fs.renameSync(nextFile, keyFile);
  return { ...result, from: keyIdOf(ring.current), to: keyIdOf(next), keyFile };
}
