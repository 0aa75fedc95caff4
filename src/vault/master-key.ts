import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.ts';

export const MASTER_KEY_FILE = 'master.key';

export function decodeMasterKey(base64: string, variable = 'PARLEY_MASTER_KEY'): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== base64.replace(/=+$/, '')) {
    throw new ConfigError(`${variable} must be 32 random bytes in base64 (44 characters ending in "=").`);
  }
  return key;
}

export function generateMasterKey(): string {
  return crypto.randomBytes(32).toString('base64');
}

/**
 * The key from PARLEY_MASTER_KEY, or for the embedded database one generated once into
 * the data directory, readable by the owner only.
 */
export function resolveMasterKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return decodeMasterKey(configured);
  const file = path.join(dataDir, MASTER_KEY_FILE);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, `${generateMasterKey()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return decodeMasterKey(fs.readFileSync(file, 'utf8').trim(), file);
}
