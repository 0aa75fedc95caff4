import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { encryptedColumns } from './encrypted-columns.ts';
import { isUnreadableSecret } from './unreadable-secret.ts';
import { isSealed, type Vault } from './vault.ts';

/** A stored value that no known key opens: left as it is, and named so the admin can re-enter it. */
export interface UnreadableRecord {
  table: string;
  id: string;
  keyId: string;
}

export interface RotationResult {
  /** Rows whose secrets are now under the vault's current key. */
  reencrypted: number;
  unreadable: UnreadableRecord[];
}

function reseal(value: unknown, vault: Vault, onUnreadable: (keyId: string) => void): unknown {
  if (isSealed(value)) {
    if (!vault.needsRotation(value)) return value;
    try {
      return vault.seal(vault.open(value));
    } catch (error) {
      if (!isUnreadableSecret(error)) throw error;
      onUnreadable(error.keyId);
      return value;
    }
  }
  if (Array.isArray(value)) return value.map((v) => reseal(v, vault, onUnreadable));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reseal(v, vault, onUnreadable)]));
  }
  return value;
}

/**
 * Re-encrypts every registered secret under the vault's current key, in one transaction. A value
 * no known key opens does not stop the rotation (that would block rotating forever): it is kept
 * and reported.
 */
export async function rotateSecrets(db: Db, vault: Vault): Promise<RotationResult> {
  const result: RotationResult = { reencrypted: 0, unreadable: [] };
  await db.transaction().execute(async (trx) => {
    for (const { table, column, kind, key = 'id' } of encryptedColumns) {
      const rows = await sql<{ id: string; value: string | null }>`
        select ${sql.ref(key)} as id, ${sql.ref(column)} as value from ${sql.table(table)}`.execute(trx);
      for (const row of rows.rows) {
        if (row.value === null) continue;
        const onUnreadable = (keyId: string) => result.unreadable.push({ table, id: String(row.id), keyId });
        const next =
          kind === 'sealed'
            ? reseal(row.value, vault, onUnreadable)
            : JSON.stringify(reseal(JSON.parse(row.value), vault, onUnreadable));
        if (next === row.value || (kind === 'json' && next === JSON.stringify(JSON.parse(row.value))))
          continue;
        await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${next} where ${sql.ref(key)} = ${row.id}`.execute(
          trx,
        );
        result.reencrypted++;
      }
    }
  });
  return result;
}
