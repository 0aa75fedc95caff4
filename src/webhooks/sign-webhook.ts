import crypto from 'node:crypto';
import { secretKeyBytes } from './webhook-secret.ts';

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  'content-type': 'application/json';
}

/**
 * The Standard Webhooks headers (https://www.standardwebhooks.com/, "Signature scheme"):
 * `v1,` + base64 HMAC-SHA256 of `${id}.${timestamp}.${body}` for each secret, space-separated,
 * so during a rotation a receiver holding either the old or the new secret can verify.
 *
 * @example
 * signWebhook(['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'], 'msg_1', 1700000000, '{"type":"ping"}')
 */
export function signWebhook(
  secrets: readonly string[],
  id: string,
  timestampSeconds: number,
  body: string,
): SignedHeaders {
  const signed = `${id}.${timestampSeconds}.${body}`;
  const signatures = secrets.map(
    (secret) => `v1,${crypto.createHmac('sha256', secretKeyBytes(secret)).update(signed).digest('base64')}`,
  );
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signatures.join(' '),
    'content-type': 'application/json',
  };
}
