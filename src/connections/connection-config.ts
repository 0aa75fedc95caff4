import { isUnreadableSecret } from '../vault/unreadable-secret.ts';
import { isSealed, maskSecret, type Vault } from '../vault/vault.ts';
import { type Auth, type AuthPatch, authSchema, secretFields } from './connection.schema.ts';

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

// Header values whose name suggests a credential are sealed and masked like auth secrets
// (X-Shop-Key, Ocp-Apim-Subscription-Key and X-Auth as much as Authorization).
const sensitiveHeader = /auth|key|token|secret|password|passwd|cookie|session|signature|credential|private/i;

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
  return openWith(text, (sealed) => vault.open(sealed));
}

/** Stands in for a secret no master key opens while a PATCH is merged; never stored. */
const UNREADABLE = '\u0000unreadable-secret';

/**
 * For a PATCH: the stored config with every secret opened, except those no master key opens, which
 * stay placeholders. `stillUnreadable` throws the vault's 409 if the merge kept one, i.e. the PATCH
 * did not re-enter it — so re-entering a lost secret works, and nothing unreadable is sealed again.
 */
export function openForPatch(vault: Vault, text: string) {
  let error: unknown;
  const config = openWith(text, (sealed) => {
    try {
      return vault.open(sealed);
    } catch (caught) {
      if (!isUnreadableSecret(caught)) throw caught;
      error = caught;
      return UNREADABLE;
    }
  });
  return {
    config,
    stillUnreadable(merged: ConnectionConfig): void {
      transformSecrets(merged, (secret) => {
        if (secret === UNREADABLE) throw error;
        return secret;
      });
    },
  };
}

function openWith(
  text: string,
  open: (sealed: string) => string,
  plain: (value: string) => string = (value) => value,
): ConnectionConfig {
  let doc = JSON.parse(text) as Record<string, unknown>;
  for (let v = Number(doc.version ?? 1); v < CONNECTION_CONFIG_VERSION; v++) doc = upgrades[v]?.(doc) ?? doc;
  const stored = doc as unknown as StoredConnectionConfig;
  // A header stored before its name counted as a credential is still plain text: read as it is
  // (the connection's next save seals it).
  return transformSecrets({ auth: stored.auth, headers: stored.headers ?? {} }, (value) =>
    isSealed(value) ? open(value) : plain(value),
  );
}

/**
 * The API's view straight from the stored document: every secret masked. A secret no configured
 * master key opens shows as "****" and is reported in `unreadable` (the message says what to do),
 * so one lost key never hides the whole list from the admin who has to re-enter it.
 */
export function viewConnectionConfig(
  vault: Vault,
  text: string,
): { config: ConnectionConfig; unreadable?: string } {
  let unreadable: string | undefined;
  const config = openWith(
    text,
    (sealed) => {
      try {
        return maskSecret(vault.open(sealed));
      } catch (error) {
        if (!isUnreadableSecret(error)) throw error;
        unreadable = error.message;
        return '****';
      }
    },
    maskSecret,
  );
  return unreadable ? { config, unreadable } : { config };
}

export type MergeResult =
  | { ok: true; config: ConnectionConfig }
  | { ok: false; path: string; message: string };

/**
 * Applies a PATCH. With the auth type unchanged every omitted field keeps its stored value (a key
 * rotation must not reset `in: "query"` or an OAuth2 scope), a secret sent back masked too, and
 * `null` clears an optional field; switching type needs every secret and takes the defaults.
 */
export function mergeConnectionConfig(
  current: ConnectionConfig,
  patch: { auth?: AuthPatch; headers?: Record<string, string> },
): MergeResult {
  let auth = current.auth;
  if (patch.auth) {
    const sameType = current.auth.type === patch.auth.type;
    const next: Record<string, unknown> = sameType ? { ...current.auth } : {};
    for (const [field, value] of Object.entries(patch.auth)) {
      if (value === null) delete next[field];
      else if (value !== undefined) next[field] = value;
    }
    for (const field of secretFields[patch.auth.type]) {
      const sent = (patch.auth as Record<string, unknown>)[field];
      if (typeof sent === 'string' && !looksMasked(sent)) continue;
      const kept = sameType ? (current.auth as Record<string, unknown>)[field] : undefined;
      if (typeof kept !== 'string') {
        return {
          ok: false,
          path: `auth.${field}`,
          message: `auth.${field} is required when switching to ${patch.auth.type}`,
        };
      }
      next[field] = kept;
    }
    const parsed = authSchema.safeParse(next);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = ['auth', ...issue.path].join('.');
      const message =
        issue.code === 'invalid_type'
          ? `${path} is required when switching to ${patch.auth.type}`
          : `${path} ${issue.message}`;
      return { ok: false, path, message };
    }
    auth = parsed.data;
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
