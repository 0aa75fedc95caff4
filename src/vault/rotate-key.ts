import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { encryptedColumns } from './encrypted-columns.ts';
import type { Vault } from './vault.ts';

const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith('pv1:');

function reseal(value: unknown, vault: Vault): unknown {
  if (isSealed(value)) return vault.needsRotation(value) ? vault.seal(vault.open(value)) : value;
  if (Array.isArray(value)) return value.map((v) => reseal(v, vault));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reseal(v, vault)]));
  }
  return value;
}

/** Re-encrypts every registered secret under the vault's current key; returns how many rows changed. */
export async function rotateSecrets(db: Db, vault: Vault): Promise<number> {
  let changed = 0;
  await db.transaction().execute(async (trx) => {
    for (const { table, column, kind, key = 'id' } of encryptedColumns) {
      const rows = await sql<{ id: string; value: string | null }>`
        select ${sql.ref(key)} as id, ${sql.ref(column)} as value from ${sql.table(table)}`.execute(trx);
      for (const row of rows.rows) {
        if (row.value === null) continue;
        const next =
          kind === 'sealed' ? reseal(row.value, vault) : JSON.stringify(reseal(JSON.parse(row.value), vault));
        if (next === row.value) continue;
        await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${next} where ${sql.ref(key)} = ${row.id}`.execute(
          trx,
        );
        changed++;
      }
    }
  });
  return changed;
}
