import crypto from 'node:crypto';

/**
 * Everything Parley keeps in Redis is named per installation, so several installations (or test
 * runs) can share one Redis without sharing rate-limit
 * budgets, OAuth tokens or events. The tag comes from the random id in the database's
 * `installation` row, not from DATABASE_URL: processes given different spellings of the same
 * database (postgres:// or postgresql://, localhost or 127.0.0.1) must share. On PostgreSQL the
 * row lives in the schema, so each PARLEY_DATABASE_SCHEMA is an installation of its own.
 */
export function installationTag(installationId: string): string {
  return crypto.createHash('sha256').update(installationId).digest('hex').slice(0, 16);
}

/** `parley:<tag>:<purpose>:` — the prefix of one feature's Redis keys in this installation. */
export function redisKeyPrefix(installationId: string, purpose: string): string {
  return `parley:${installationTag(installationId)}:${purpose}:`;
}
