import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { authenticateVisitor, bearerToken, type VisitorSession } from '../conversations/visitor-token.ts';
import { AppError } from '../errors.ts';
import { originAllowed, withdrawCorsGrant } from './cors.ts';

/**
 * The visitor session of `Authorization: Bearer <visitorToken>` for the conversation in the URL, or
 * 401. A browser request (it carries `Origin`) must also come from one of the widget's
 * `allowedOrigins`, so a token copied out of the shop's page does not work from another site.
 */
export async function requireVisitor(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  conversationId: string,
): Promise<VisitorSession> {
  const token = bearerToken(request.headers.authorization);
  if (!token)
    throw new AppError('UNAUTHORIZED', 'Missing visitor token: send Authorization: Bearer <visitorToken>.');
  const session = await authenticateVisitor(ctx.db, conversationId, token);
  if (!session) throw new AppError('UNAUTHORIZED', 'Invalid visitor token for this conversation.');
  const origin = request.headers.origin;
  if (origin !== undefined && !originAllowed(session.allowedOrigins, origin)) {
    withdrawCorsGrant(reply);
    throw new AppError('FORBIDDEN', 'This widget cannot be used from this origin.');
  }
  return session;
}
