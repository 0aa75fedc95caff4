import type { BasicAuth } from '../connection.schema.ts';
import type { AuthContribution } from './auth-contribution.ts';

/**
 * RFC 7617: `Authorization: Basic base64(user-id ":" password)`. The octets are
 * UTF-8 (the `charset="UTF-8"` of §2.1 that every current server assumes), so
 * "jörg" and "pässwörd" arrive as their UTF-8 bytes, not Latin-1.
 */
export function basicAuth(auth: BasicAuth): AuthContribution {
  return { headers: { authorization: basicAuthorization(auth.username, auth.password) }, query: {} };
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
