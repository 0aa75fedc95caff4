import type { AppContext } from '../context.ts';

/** What the AI layer logs to: the server's logger (pino under Fastify) has this shape. */
export interface AiLogger {
  warn(obj: Record<string, unknown>, message: string): void;
}

const loggers = new WeakMap<AppContext, AiLogger>();

/** Levels at which a warning is not printed (pino's order: trace < debug < info < warn < error < fatal). */
const ABOVE_WARN = new Set(['error', 'fatal', 'silent']);

/**
 * Until the server hands over its logger: one pino-shaped JSON line on stderr (level 40 = warn),
 * so a CLI or a worker without Fastify still reports AI failures, honouring PARLEY_LOG_LEVEL.
 */
function stderrLogger(level: string): AiLogger {
  return {
    warn(obj, message) {
      if (ABOVE_WARN.has(level)) return;
      process.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), ...obj, msg: message })}\n`);
    },
  };
}

/** Called at start-up with the server's logger (app.log), like ctx.setLogger for the database. */
export function setAiLogger(ctx: AppContext, logger: AiLogger): void {
  loggers.set(ctx, logger);
}

export function aiLogger(ctx: AppContext): AiLogger {
  return loggers.get(ctx) ?? stderrLogger(ctx.config.logLevel);
}
