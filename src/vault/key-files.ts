import fs from 'node:fs';
import path from 'node:path';
import { decodeMasterKey, MASTER_KEY_FILE, resolveMasterKey } from './master-key.ts';
import type { KeyRing, KeySource } from './vault.ts';

/**
 * The generated keys of an installation without PARLEY_MASTER_KEY, in its data directory:
 * - `master.key`: the key new secrets are sealed with;
 * - `master.key.previous`: older keys, one per line, that only decrypt. `parley rotate-key` puts the
 *   key it replaces here and keeps it until the next rotation, because a server that was running
 *   meanwhile may have sealed secrets with it;
 * - `master.key.next`: the new key while a rotation runs (a crash leaves it; it then only decrypts,
 *   and the next `rotate-key` finishes that rotation with it).
 */
export const PREVIOUS_KEYS_FILE = `${MASTER_KEY_FILE}.previous`;
export const NEXT_KEY_FILE = `${MASTER_KEY_FILE}.next`;

export const keyFilePath = (dataDir: string, name: string) => path.join(dataDir, name);

function readKeyLines(file: string): Buffer[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => decodeMasterKey(line, file));
}

/** The key ring in the data directory; generates `master.key` on first use. */
export function readKeyFiles(dataDir: string): KeyRing {
  const current = resolveMasterKey(undefined, dataDir);
  const previous = [
    ...readKeyLines(keyFilePath(dataDir, PREVIOUS_KEYS_FILE)),
    ...readKeyLines(keyFilePath(dataDir, NEXT_KEY_FILE)),
  ];
  return { current, previous };
}

function stampOf(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'absent';
  }
}

/**
 * The key files as a vault KeySource: a rotation by `parley rotate-key` (renames in the data
 * directory) is noticed by comparing the files' inode, size and mtime, a few µs per seal.
 */
export function keyFilesSource(dataDir: string): KeySource {
  const files = [MASTER_KEY_FILE, PREVIOUS_KEYS_FILE, NEXT_KEY_FILE].map((name) =>
    keyFilePath(dataDir, name),
  );
  const stamp = () => files.map(stampOf).join('|');
  let seen = stamp();
  return {
    changed: () => stamp() !== seen,
    read() {
      seen = stamp();
      return readKeyFiles(dataDir);
    },
  };
}

/** Writes a key file readable by the owner only, atomically (a reader sees the old or the new file). */
export function writeKeyFile(file: string, keys: string[]): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(fd, keys.map((k) => `${k}\n`).join(''));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}
