import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { startSocketHeartbeat } from '../realtime/socket-heartbeat.ts';
import { type MessageRunner, type RunnerOptions, startMessageRunner } from './pipeline/message-runner.ts';

const runners = new WeakMap<AppContext, MessageRunner>();

/**
 * Starts what runs beside the HTTP routes: the cross-process event subscription, the socket
 * heartbeat and the message-processing runner. All stop (runner first, draining its jobs) when the
 * context closes, before the database does.
 */
export async function startConversationRuntime(
  app: FastifyInstance,
  ctx: AppContext,
  options: RunnerOptions = {},
): Promise<MessageRunner> {
  ctx.setLogger(app.log);
  await ctx.events.start();
  const stopHeartbeat = startSocketHeartbeat(app.websocketServer);
  const runner = startMessageRunner(ctx, { logger: app.log, ...options });
  runners.set(ctx, runner);
  ctx.onClose(async () => {
    stopHeartbeat();
    await runner.stop();
  });
  return runner;
}

/** The runner started for this context (tests wake it; the bench reads its id). */
export const messageRunnerOf = (ctx: AppContext): MessageRunner | undefined => runners.get(ctx);
