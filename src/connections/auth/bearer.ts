import type { BearerAuth } from '../connection.schema.ts';
import type { AuthContribution } from './auth-contribution.ts';

/** RFC 6750 §2.1: `Authorization: Bearer <token>`. */
export function bearerAuth(auth: BearerAuth): AuthContribution {
  return bearerContribution(auth.token);
}

export function bearerContribution(token: string): AuthContribution {
  return { headers: { authorization: `Bearer ${token}` }, query: {} };
}
