import crypto from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';
import { UnreadableSecretError } from './unreadable-secret.ts';

await sodium.ready;

const PREFIX = 'pv1';

/** The first 8 hex digits of the key's SHA-256 name it inside every ciphertext. */
export function keyIdOf(key: Uint8Array): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** The key new secrets are sealed with, and older keys that only decrypt. */
export interface KeyRing {
  current: Uint8Array;
  previous: Uint8Array[];
}

/**
 * Where keys can change while the process runs (the key files `parley rotate-key` rewrites):
 * `changed()` is checked before every seal, `read()` also runs when a ciphertext names a key
 * this process does not know yet.
 */
export interface KeySource {
  changed(): boolean;
  read(): KeyRing;
}

export interface Vault {
  /** Encrypts with the current key: `pv1:<keyId>:<base64 nonce‖ciphertext>`. */
  seal(plaintext: string): string;
  /** Decrypts with whichever known key the ciphertext names; throws UnreadableSecretError otherwise. */
  open(sealed: string): string;
  /** True when the ciphertext was not made with the current key (rotation pending). */
  needsRotation(sealed: string): boolean;
  /** The key id a ciphertext names (undefined when it is not a vault ciphertext). */
  keyIdOf(sealed: string): string | undefined;
  readonly currentKeyId: string;
  /** Every key id this vault can decrypt, the current one first. */
  readonly knownKeyIds: string[];
  /** Where a secret under a key this process lacks is reported (once per key per 5 minutes). */
  setLogger(logger: VaultLogger): void;
}

export interface VaultLogger {
  error(obj: unknown, message: string): void;
}

const UNKNOWN_KEY_REPORT_MS = 5 * 60_000;

export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(`${PREFIX}:`);

/**
 * libsodium secretbox (XSalsa20-Poly1305) under the master key; older keys only decrypt. With a
 * `source`, a key rotated by another process (the CLI) is picked up without a restart: the next
 * seal uses the new key, and a ciphertext under a key not seen yet makes the vault read the keys again.
 */
export function createVault(
  currentKey: Uint8Array,
  previousKeys: Uint8Array[] = [],
  source?: KeySource,
): Vault {
  let keys = new Map<string, Uint8Array>();
  let current = currentKey;
  let logger: VaultLogger | undefined;
  const reportedAt = new Map<string, number>();
  // A 409 tells the admin to re-enter the secret; the operator must also hear of it, since the usual
  // cause is a rotation run with a key the servers were not given first (all secrets then fail).
  const reportUnknownKey = (keyId: string) => {
    const now = Date.now();
    if (!logger || now - (reportedAt.get(keyId) ?? -Infinity) < UNKNOWN_KEY_REPORT_MS) return;
    reportedAt.set(keyId, now);
    logger.error(
      { keyId, knownKeyIds: [...keys.keys()] },
      `A stored secret is encrypted with master key ${keyId}, which this process does not have (it has ${[...keys.keys()].join(', ')}): if parley rotate-key ran with that key, restart this process with it in PARLEY_MASTER_KEY or PARLEY_MASTER_KEY_PREVIOUS (README, "Rotating the master key"); otherwise the secret must be re-entered.`,
    );
  };
  let currentKeyId = '';
  const load = (ring: KeyRing) => {
    keys = new Map();
    for (const key of [ring.current, ...ring.previous]) keys.set(keyIdOf(key), key);
    current = ring.current;
    currentKeyId = keyIdOf(ring.current);
  };
  load({ current: currentKey, previous: previousKeys });
  const reload = () => {
    try {
      load(source!.read());
    } catch {
      // A key file being rewritten right now: keep the keys we have; the next call looks again.
    }
  };

  return {
    get currentKeyId() {
      if (source?.changed()) reload();
      return currentKeyId;
    },
    get knownKeyIds() {
      return [...keys.keys()];
    },
    seal(plaintext) {
      if (source?.changed()) reload();
      const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
      const box = sodium.crypto_secretbox_easy(sodium.from_string(plaintext), nonce, current);
      return `${PREFIX}:${currentKeyId}:${Buffer.concat([nonce, box]).toString('base64')}`;
    },
    open(sealed) {
      const [prefix, keyId, payload] = sealed.split(':');
      if (prefix !== PREFIX || !keyId || !payload) throw new Error('Not a vault ciphertext.');
      if (!keys.has(keyId) && source) reload();
      const key = keys.get(keyId);
      if (!key) {
        reportUnknownKey(keyId);
        throw new UnreadableSecretError(keyId, 'unknown-key');
      }
      const bytes = Buffer.from(payload, 'base64');
      const nonce = bytes.subarray(0, sodium.crypto_secretbox_NONCEBYTES);
      const box = bytes.subarray(sodium.crypto_secretbox_NONCEBYTES);
      try {
        return sodium.to_string(sodium.crypto_secretbox_open_easy(box, nonce, key));
      } catch {
        throw new UnreadableSecretError(keyId, 'damaged');
      }
    },
    needsRotation(sealed) {
      if (source?.changed()) reload();
      return sealed.split(':')[1] !== currentKeyId;
    },
    keyIdOf(sealed) {
      return isSealed(sealed) ? sealed.split(':')[1] : undefined;
    },
    setLogger(next) {
      logger = next;
    },
  };
}

/** `****abcd`: enough for a person to recognise a secret, never enough to use it. */
export function maskSecret(secret: string): string {
  return secret.length <= 8 ? '****' : `****${secret.slice(-4)}`;
}
