import sodium from 'libsodium-wrappers-sumo';

await sodium.ready;

export const MIN_PASSWORD_LENGTH = 10;

/** argon2id through libsodium's crypto_pwhash_str, at the "interactive" cost (64 MiB, 2 passes). */
export function hashPassword(password: string): string {
  return sodium.crypto_pwhash_str(
    password,
    sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE,
    sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE,
  );
}

export function verifyPassword(hash: string, password: string): boolean {
  try {
    return sodium.crypto_pwhash_str_verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the email is unknown, so both paths cost the same time. */
export const decoyHash = hashPassword('decoy-password-never-matches');
