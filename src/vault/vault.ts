import crypto from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';

await sodium.ready;

const PREFIX = 'pv1';

/** The first 8 hex digits of the key's SHA-256 name it inside every ciphertext. */
export function keyIdOf(key: Uint8Array): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export interface Vault {
  /** Encrypts with the current key: `pv1:<keyId>:<base64 nonce‖ciphertext>`. */
  seal(plaintext: string): string;
  /** Decrypts with whichever known key the ciphertext names. */
  open(sealed: string): string;
  /** True when the ciphertext was not made with the current key (rotation pending). */
  needsRotation(sealed: string): boolean;
  readonly currentKeyId: string;
}

/** libsodium secretbox (XSalsa20-Poly1305) under the master key; older keys only decrypt. */
export function createVault(currentKey: Uint8Array, previousKeys: Uint8Array[] = []): Vault {
  const keys = new Map<string, Uint8Array>();
  for (const key of [currentKey, ...previousKeys]) keys.set(keyIdOf(key), key);
  const currentKeyId = keyIdOf(currentKey);

  return {
    currentKeyId,
    seal(plaintext) {
      const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
      const box = sodium.crypto_secretbox_easy(sodium.from_string(plaintext), nonce, currentKey);
      return `${PREFIX}:${currentKeyId}:${Buffer.concat([nonce, box]).toString('base64')}`;
    },
    open(sealed) {
      const [prefix, keyId, payload] = sealed.split(':');
      if (prefix !== PREFIX || !keyId || !payload) throw new Error('Not a vault ciphertext.');
      const key = keys.get(keyId);
      if (!key) {
        throw new Error(
          `Secret was encrypted with master key ${keyId}, which is not configured (set it in PARLEY_MASTER_KEY_PREVIOUS).`,
        );
      }
      const bytes = Buffer.from(payload, 'base64');
      const nonce = bytes.subarray(0, sodium.crypto_secretbox_NONCEBYTES);
      const box = bytes.subarray(sodium.crypto_secretbox_NONCEBYTES);
      return sodium.to_string(sodium.crypto_secretbox_open_easy(box, nonce, key));
    },
    needsRotation(sealed) {
      return sealed.split(':')[1] !== currentKeyId;
    },
  };
}

/** `****abcd`: enough for a person to recognise a secret, never enough to use it. */
export function maskSecret(secret: string): string {
  return secret.length <= 8 ? '****' : `****${secret.slice(-4)}`;
}
