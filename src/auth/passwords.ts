import crypto from 'node:crypto';

export const MIN_PASSWORD_LENGTH = 10;

/** libsodium's "interactive" argon2id cost, which earlier hashes were made with: 64 MiB, 2 passes. */
const MEMORY_KIB = 64 * 1024;
const PASSES = 2;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const TAG_BYTES = 32;
/** Hashes are ours, but a stored string must not make verification allocate without bound. */
const MAX_MEMORY_KIB = 1024 * 1024;

// The PHC string libsodium's crypto_pwhash_str writes (base64 without padding), so every stored
// hash keeps verifying.
const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

interface Argon2Params {
  message: string;
  nonce: Buffer;
  memory: number;
  passes: number;
  parallelism: number;
  tagLength: number;
}

// Node's native argon2 (24.7+) runs on the libuv thread pool and frees its memory afterwards;
// libsodium's WebAssembly crypto_pwhash blocks the event loop per sign-in and keeps its 64 MiB heap,
// so it is only the fallback for older Node versions (same algorithm, same PHC strings).
const nativeArgon2 = typeof (crypto as { argon2?: unknown }).argon2 === 'function';

const argon2id = (params: Argon2Params) =>
  new Promise<Buffer>((resolve, reject) =>
    crypto.argon2('argon2id', params, (error, tag) => (error ? reject(error) : resolve(tag))),
  );

async function sodium() {
  const { default: lib } = await import('libsodium-wrappers-sumo');
  await lib.ready;
  return lib;
}

const unpadded = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

/** argon2id at libsodium's "interactive" cost, as a PHC string (`$argon2id$v=19$m=65536,t=2,p=1$…`). */
export async function hashPassword(password: string): Promise<string> {
  if (!nativeArgon2) {
    const lib = await sodium();
    return lib.crypto_pwhash_str(
      password,
      lib.crypto_pwhash_OPSLIMIT_INTERACTIVE,
      lib.crypto_pwhash_MEMLIMIT_INTERACTIVE,
    );
  }
  const nonce = crypto.randomBytes(SALT_BYTES);
  const tag = await argon2id({
    message: password,
    nonce,
    memory: MEMORY_KIB,
    passes: PASSES,
    parallelism: PARALLELISM,
    tagLength: TAG_BYTES,
  });
  return `$argon2id$v=19$m=${MEMORY_KIB},t=${PASSES},p=${PARALLELISM}$${unpadded(nonce)}$${unpadded(tag)}`;
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const match = PHC.exec(hash);
  if (!match) return false;
  if (!nativeArgon2) return (await sodium()).crypto_pwhash_str_verify(hash, password);
  const [memory, passes, parallelism] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (memory > MAX_MEMORY_KIB || passes > 10 || parallelism > 16) return false;
  const expected = Buffer.from(match[5], 'base64');
  try {
    const tag = await argon2id({
      message: password,
      nonce: Buffer.from(match[4], 'base64'),
      memory,
      passes,
      parallelism,
      tagLength: expected.length,
    });
    return crypto.timingSafeEqual(tag, expected);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/** A hash to verify against when the email is unknown, so both paths cost the same time (made on first use). */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy-password-never-matches');
  return decoy;
}
