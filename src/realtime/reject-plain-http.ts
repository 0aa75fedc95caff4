import { badRequest } from '../errors.ts';

/**
 * The HTTP handler of a WebSocket-only route: a plain GET (no `Upgrade: websocket`) is told what
 * the endpoint is, instead of @fastify/websocket's empty 404. Hooks (auth) have run before it.
 */
export async function rejectPlainHttp(): Promise<never> {
  throw badRequest('This is a WebSocket endpoint: connect with a WebSocket client (Upgrade: websocket).');
}
