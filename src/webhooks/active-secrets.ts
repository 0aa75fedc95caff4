import { toIso } from '../db/time.ts';
import type { Vault } from '../vault/vault.ts';
import type { WebhookRow } from './webhooks.repository.ts';

/** The secrets that sign a delivery now: the current one, plus the previous one during its overlap window. */
export function activeSecrets(
  row: Pick<WebhookRow, 'secret' | 'previous_secret' | 'previous_secret_expires_at'>,
  vault: Pick<Vault, 'open'>,
  now: Date = new Date(),
): string[] {
  const secrets = [vault.open(row.secret)];
  if (
    row.previous_secret !== null &&
    row.previous_secret_expires_at !== null &&
    row.previous_secret_expires_at > toIso(now)
  ) {
    secrets.push(vault.open(row.previous_secret));
  }
  return secrets;
}
