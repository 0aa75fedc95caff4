import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { authenticateVisitor, bearerToken, type VisitorSession } from '../conversations/visitor-token.ts';
import { AppError } from '../errors.ts';

/** The visitor session of `Authorization: Bearer <visitorToken>` for the conversation in the URL, or 401. */
export async function requireVisitor(
  ctx: AppContext,
  request: FastifyRequest,
  conversationId: string,
): Promise<VisitorSession> {
  const token = bearerToken(request.headers.authorization);
  if (!token)
    throw new AppError('UNAUTHORIZED', 'Missing visitor token: send Authorization: Bearer <visitorToken>.');
  const session = await authenticateVisitor(ctx.db, conversationId, token);
  if (!session) throw new AppError('UNAUTHORIZED', 'Invalid visitor token for this conversation.');
  return session;
}
