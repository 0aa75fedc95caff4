import { maskSecret, type Vault } from '../vault/vault.ts';
import { type Auth, type AuthPatch, secretFields } from './connection.schema.ts';

/**
 * The stored form of a connection's auth and headers (column `connections.config`):
 * a versioned JSON document whose secret strings are vault ciphertexts.
 * Bump CONNECTION_CONFIG_VERSION with an `up` step in `upgrades` when the shape changes.
 */
export const CONNECTION_CONFIG_VERSION = 1;

export interface ConnectionConfig {
  auth: Auth;
  headers: Record<string, string>;
}

interface StoredConnectionConfig extends ConnectionConfig {
  version: number;
}

const upgrades: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

// Header values whose name suggests a credential are sealed and masked like auth secrets.
const sensitiveHeader =
  /authorization|api[-_]?key|token|secret|password|passwd|cookie|session|signature|credential/i;

export const isSensitiveHeader = (name: string): boolean => sensitiveHeader.test(name);

/** A value that is (or looks like) what maskSecret returns: sending it back means "keep". */
export const looksMasked = (value: string): boolean => /^\*{4}[^*]{0,4}$/.test(value);

function transformSecrets(config: ConnectionConfig, fn: (secret: string) => string): ConnectionConfig {
  const auth: Record<string, unknown> = { ...config.auth };
  for (const field of secretFields[config.auth.type]) {
    if (typeof auth[field] === 'string') auth[field] = fn(auth[field] as string);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers))
    headers[name] = isSensitiveHeader(name) ? fn(value) : value;
  return { auth: auth as Auth, headers };
}

export function sealConnectionConfig(vault: Vault, config: ConnectionConfig): string {
  const stored: StoredConnectionConfig = {
    version: CONNECTION_CONFIG_VERSION,
    ...transformSecrets(config, vault.seal),
  };
  return JSON.stringify(stored);
}

export function openConnectionConfig(vault: Vault, text: string): ConnectionConfig {
  let doc = JSON.parse(text) as Record<string, unknown>;
  for (let v = Number(doc.version ?? 1); v < CONNECTION_CONFIG_VERSION; v++) doc = upgrades[v]?.(doc) ?? doc;
  const stored = doc as unknown as StoredConnectionConfig;
  return transformSecrets({ auth: stored.auth, headers: stored.headers ?? {} }, (sealed) =>
    vault.open(sealed),
  );
}

/** The API's view: every secret replaced by its mask. */
export function maskConnectionConfig(config: ConnectionConfig): ConnectionConfig {
  return transformSecrets(config, maskSecret);
}

export type MergeResult =
  | { ok: true; config: ConnectionConfig }
  | { ok: false; path: string; message: string };

/**
 * Applies a PATCH: a secret that is omitted, or sent back masked, keeps the stored
 * value as long as the auth type is unchanged; switching type needs every secret.
 */
export function mergeConnectionConfig(
  current: ConnectionConfig,
  patch: { auth?: AuthPatch; headers?: Record<string, string> },
): MergeResult {
  let auth = current.auth;
  if (patch.auth) {
    const next: Record<string, unknown> = { ...patch.auth };
    for (const field of secretFields[patch.auth.type]) {
      const sent = next[field];
      if (typeof sent === 'string' && !looksMasked(sent)) continue;
      const kept =
        current.auth.type === patch.auth.type ? (current.auth as Record<string, unknown>)[field] : undefined;
      if (typeof kept !== 'string') {
        return {
          ok: false,
          path: `auth.${field}`,
          message: `auth.${field} is required when switching to ${patch.auth.type}`,
        };
      }
      next[field] = kept;
    }
    auth = next as Auth;
  }
  let headers = current.headers;
  if (patch.headers) {
    headers = {};
    const previous = new Map(Object.entries(current.headers).map(([k, v]) => [k.toLowerCase(), v]));
    for (const [name, value] of Object.entries(patch.headers)) {
      const old = previous.get(name.toLowerCase());
      headers[name] = isSensitiveHeader(name) && looksMasked(value) && old !== undefined ? old : value;
    }
  }
  return { ok: true, config: { auth, headers } };
}
