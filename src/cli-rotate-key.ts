import type { Config } from './config.ts';
import { createContext } from './context.ts';
import { decodeMasterKey } from './vault/master-key.ts';
import type { UnreadableRecord } from './vault/rotate-key.ts';
import { rotateSecrets } from './vault/rotate-key.ts';
import { rotateKeyFiles } from './vault/rotate-key-files.ts';

/** One line for the secrets no key opens: they cannot be rotated, only re-entered. */
function unreadableWarning(unreadable: UnreadableRecord[]): string {
  const named = unreadable
    .slice(0, 5)
    .map((r) => `${r.table} ${r.id} (key ${r.keyId})`)
    .join(', ');
  const more = unreadable.length > 5 ? ` and ${unreadable.length - 5} more` : '';
  return `parley: warning: ${unreadable.length} stored secret(s) could not be decrypted with any key this installation has and were left as they are: ${named}${more}. Re-enter them (the dashboard or the Tenant API).`;
}

/**
 * With PARLEY_MASTER_KEY: re-encrypts under it, decrypting with PARLEY_MASTER_KEY_PREVIOUS; the
 * operator removes the previous key once no process uses it (README, "Rotating the master key").
 * With the generated key files: see rotateKeyFiles (a running server picks the new key up).
 */
export async function rotateKey(config: Config): Promise<void> {
  const ctx = await createContext(config);
  try {
    if (config.masterKey) {
      const result = await rotateSecrets(ctx.db, ctx.vault);
      console.log(
        `Re-encrypted ${result.reencrypted} record(s) under master key ${ctx.vault.currentKeyId}. Keep PARLEY_MASTER_KEY_PREVIOUS until every process runs with this PARLEY_MASTER_KEY; then run parley rotate-key once more (it re-encrypts what older processes wrote meanwhile) and remove it.`,
      );
      if (result.unreadable.length > 0) console.error(unreadableWarning(result.unreadable));
      return;
    }
    const previous = config.previousMasterKeys.map((k) => decodeMasterKey(k, 'PARLEY_MASTER_KEY_PREVIOUS'));
    const result = await rotateKeyFiles(ctx.db, config.dataDir, previous);
    console.log(
      `Re-encrypted ${result.reencrypted} record(s): key ${result.from} → ${result.to} (${result.keyFile}). Key ${result.from} stays in master.key.previous (decrypt only) until the next rotation.`,
    );
    if (result.unreadable.length > 0) console.error(unreadableWarning(result.unreadable));
  } finally {
    await ctx.close();
  }
}
