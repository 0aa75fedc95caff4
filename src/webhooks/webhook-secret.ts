import crypto from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';

/** How long the secret replaced by a rotation keeps signing, so receivers can switch without losing events. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** `whsec_` + base64 of 32 random bytes (Standard Webhooks asks for 24 to 64). */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + crypto.randomBytes(32).toString('base64');
}

/** The HMAC key: the base64-decoded bytes after the `whsec_` prefix. */
export function secretKeyBytes(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(encoded, 'base64');
}
