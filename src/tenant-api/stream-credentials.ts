import { activeSessionIds } from '../auth/sessions.ts';
import type { Db } from '../db/database.ts';
import { type CredentialSockets, createCredentialSockets } from '../realtime/credential-sockets.ts';
import { activeApiKeyIds } from '../tenants/api-keys.ts';

const KEY = 'key:';
const SESSION = 'session:';

/** Which of the principals (`key:<id>`, `session:<id>`) may still read the tenant stream. */
async function validPrincipals(db: Db, principals: readonly string[]): Promise<ReadonlySet<string>> {
  const ids = (prefix: string) =>
    principals.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
  const [keys, sessions] = await Promise.all([
    activeApiKeyIds(db, ids(KEY)),
    activeSessionIds(db, ids(SESSION)),
  ]);
  return new Set([...[...keys].map((id) => KEY + id), ...[...sessions].map((id) => SESSION + id)]);
}

const registries = new WeakMap<object, CredentialSockets>();

/** The open tenant-stream sockets of one database (tests run several apps, each with its own). */
export function streamSocketsFor(db: Db): CredentialSockets {
  let registry = registries.get(db);
  if (!registry) {
    registry = createCredentialSockets((principals) => validPrincipals(db, principals));
    registries.set(db, registry);
  }
  return registry;
}

export const apiKeyPrincipal = (apiKeyId: string) => KEY + apiKeyId;
export const sessionPrincipal = (sessionId: string) => SESSION + sessionId;
