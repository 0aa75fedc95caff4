import { sql } from 'kysely';
import { ConfigError } from '../config.ts';
import type { Db } from '../db/database.ts';
import { encryptedColumns } from './encrypted-columns.ts';
import { isSealed, type Vault } from './vault.ts';

const KEY_CHECK = 'parley master key check';
// Rows looked at per table when an older installation has no key check yet.
const SAMPLE_ROWS = 20;

export interface MasterKeySetting {
  /** What the operator set: `PARLEY_MASTER_KEY`, or the path of the generated key file. */
  name: string;
  /** What to do about a key that does not fit, one sentence. */
  advice: string;
}

function opens(vault: Vault, sealed: string): boolean {
  try {
    vault.open(sealed);
    return true;
  } catch {
    return false;
  }
}

function sealedStrings(value: unknown, into: string[]): string[] {
  if (isSealed(value)) into.push(value);
  else if (Array.isArray(value)) for (const v of value) sealedStrings(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) sealedStrings(v, into);
  return into;
}

/** A few stored ciphertexts, at most one per table. */
async function sampleSecrets(db: Db): Promise<string[]> {
  const samples: string[] = [];
  for (const { table, column, kind } of encryptedColumns) {
    if (table === 'installation') continue;
    const rows = await sql<{ value: string }>`
      select ${sql.ref(column)} as value from ${sql.table(table)}
      where ${sql.ref(column)} is not null limit ${SAMPLE_ROWS}`.execute(db);
    for (const { value } of rows.rows) {
      const found = kind === 'sealed' ? sealedStrings(value, []) : sealedStrings(JSON.parse(value), []);
      if (found.length > 0) {
        samples.push(found[0]);
        break;
      }
    }
  }
  return samples;
}

/**
 * Stops start-up when none of the configured master keys opens this installation's secrets (a
 * wrong PARLEY_MASTER_KEY would otherwise serve 500s on every route that touches one). The check
 * is one value sealed into the `installation` row the first time a key was accepted; `rotate-key`
 * re-encrypts it with every other secret. An installation from before the check is judged by a
 * few of its stored secrets instead, and then gets its check value.
 */
export async function checkMasterKey(db: Db, vault: Vault, setting: MasterKeySetting): Promise<void> {
  const row = (
    await sql<{ id: string; key_check: string | null }>`select id, key_check from installation`.execute(db)
  ).rows[0];
  if (!row) return;
  if (row.key_check) {
    if (opens(vault, row.key_check)) return;
    throw wrongKey(setting, vault, vault.keyIdOf(row.key_check));
  }
  const samples = await sampleSecrets(db);
  if (samples.length > 0 && !samples.some((sealed) => opens(vault, sealed))) {
    throw wrongKey(setting, vault, vault.keyIdOf(samples[0]));
  }
  await sql`update installation set key_check = ${vault.seal(KEY_CHECK)}
    where id = ${row.id} and key_check is null`.execute(db);
}

function wrongKey(setting: MasterKeySetting, vault: Vault, storedKeyId: string | undefined): ConfigError {
  return new ConfigError(
    `${setting.name} does not open the secrets stored in this database: they are encrypted with master key ${storedKeyId ?? '(unknown)'}, this process has ${vault.knownKeyIds.join(', ')}. ${setting.advice}`,
  );
}
