import crypto from 'node:crypto';
import type { Db } from '../db/database.ts';
import { prepareQuery } from '../db/prepared-query.ts';

/** 32 random bytes, base64url: unguessable, and only its SHA-256 is stored. */
export function issueVisitorToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashVisitorToken(token) };
}

// One-shot `crypto.hash` is several times cheaper than createHash().update().digest(); this runs per request.
export const hashVisitorToken = (token: string): string => crypto.hash('sha256', token);

export interface VisitorSession {
  tenantId: string;
  conversationId: string;
  widgetId: string;
  /** The widget's `allowedOrigins` (empty: any). */
  allowedOrigins: readonly string[];
}

// Every widget request runs this first.
const findConversationToken = prepareQuery((db, p: { conversationId: string }) =>
  db
    .selectFrom('conversations')
    .innerJoin('widgets', 'widgets.id', 'conversations.widget_id')
    .select([
      'conversations.tenant_id',
      'conversations.widget_id',
      'conversations.visitor_token_hash',
      'widgets.allowed_origins',
    ])
    .where('conversations.id', '=', p.conversationId),
);

/**
 * The conversation a visitor token opens, or undefined. A token opens exactly one conversation:
 * another conversation's token, a wrong token and an unknown id all look the same to the caller.
 */
export async function authenticateVisitor(
  db: Db,
  conversationId: string,
  token: string | undefined,
): Promise<VisitorSession | undefined> {
  if (!token || token.length > 200) return undefined;
  const [row] = (await findConversationToken(db, { conversationId })).rows;
  if (!row) return undefined;
  const presented = Buffer.from(hashVisitorToken(token), 'hex');
  const stored = Buffer.from(row.visitor_token_hash, 'hex');
  if (presented.length !== stored.length || !crypto.timingSafeEqual(presented, stored)) return undefined;
  const allowedOrigins = row.allowed_origins === '[]' ? [] : (JSON.parse(row.allowed_origins) as string[]);
  return { tenantId: row.tenant_id, conversationId, widgetId: row.widget_id, allowedOrigins };
}

/** Reads `Authorization: Bearer <token>`. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
