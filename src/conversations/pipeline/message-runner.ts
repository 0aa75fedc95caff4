import crypto from 'node:crypto';
import type { AppContext } from '../../context.ts';
import {
  claimJobs,
  completeJob,
  failAbandonedJobs,
  failJob,
  releaseJobs,
  renewLeases,
} from './message-jobs.ts';
import type { MessageJob } from './message-processor.ts';
import { createProcessorTools, publishTyping } from './processor-tools.ts';

export interface RunnerLogger {
  warn(obj: unknown, message: string): void;
  error(obj: unknown, message: string): void;
}

export interface RunnerOptions {
  /** Jobs of different conversations run at the same time, up to this many per process. */
  concurrency?: number;
  /** A job whose runner stops renewing this lease (crash, kill -9) is retried by another runner. */
  leaseMs?: number;
  /** How often to look for jobs other processes queued, retries that came due and expired leases. */
  pollMs?: number;
  maxAttempts?: number;
  retryBaseMs?: number;
  /** How long `stop()` waits for running jobs before handing them back to the queue. */
  stopTimeoutMs?: number;
  logger?: RunnerLogger;
}

export interface MessageRunner {
  readonly runnerId: string;
  wake(): void;
  stop(): Promise<void>;
}

type RunnerContext = Pick<AppContext, 'db' | 'dbKind' | 'events' | 'pipeline'>;

/**
 * Runs the message-processing queue of this process: claims jobs (see claimJobs for the ordering
 * guarantee), hands each to the registered MessageProcessor with typing shown meanwhile, deletes it
 * when done, retries it with backoff when the processor throws.
 */
export function startMessageRunner(ctx: RunnerContext, options: RunnerOptions = {}): MessageRunner {
  const runnerId = `runner-${crypto.randomUUID()}`;
  const concurrency = options.concurrency ?? 8;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const logger: RunnerLogger = options.logger ?? { warn: () => {}, error: () => {} };
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let stopped = false;
  let pumping = false;
  let again = false;

  async function run(job: MessageJob, controller: AbortController): Promise<void> {
    publishTyping(ctx, job, true);
    try {
      const tools = createProcessorTools(ctx, job, controller.signal);
      await ctx.pipeline.getProcessor().process(job, tools);
      await completeJob(ctx.db, job.id, runnerId);
    } catch (error) {
      if (stopped && controller.signal.aborted) return;
      // Only the message is stored (stacks can carry request details); the log gets the whole error.
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const outcome = await failJob(ctx.db, job, runnerId, reason, {
        maxAttempts,
        retryBaseMs,
      }).catch(() => 'unknown');
      logger.error({ err: error, jobId: job.id, attempt: job.attempt, outcome }, 'message processing failed');
    } finally {
      publishTyping(ctx, job, false);
    }
  }

  function start(job: MessageJob) {
    const controller = new AbortController();
    const done = run(job, controller).finally(() => {
      running.delete(job.id);
      wake();
    });
    running.set(job.id, { controller, done });
  }

  async function pump(sweep = false): Promise<void> {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      if (sweep) await failAbandonedJobs(ctx.db, maxAttempts);
      do {
        again = false;
        while (!stopped && running.size < concurrency) {
          const limit = concurrency - running.size;
          const jobs = await claimJobs(ctx.db, ctx.dbKind, { runnerId, limit, leaseMs });
          if (stopped) {
            await releaseJobs(
              ctx.db,
              runnerId,
              jobs.map((j) => j.id),
            );
            return;
          }
          for (const job of jobs) start(job);
          // Fewer than asked: nothing else is runnable now; a new or a finished job wakes us again.
          if (jobs.length < limit) break;
        }
      } while (again && !stopped);
    } catch (error) {
      if (!stopped) logger.warn({ err: error }, 'could not claim message jobs; retrying at the next poll');
    } finally {
      pumping = false;
    }
  }

  function wake() {
    if (!stopped) void pump();
  }

  const unsubscribe = ctx.pipeline.onNotify(wake);
  // The poll also parks poison jobs; in-process wake-ups only claim.
  const poll = setInterval(() => {
    if (!stopped) void pump(true);
  }, options.pollMs ?? 1000);
  const heartbeat = setInterval(
    () => {
      if (running.size > 0) {
        renewLeases(ctx.db, runnerId, leaseMs).catch((error) =>
          logger.warn({ err: error }, 'lease renewal failed'),
        );
      }
    },
    Math.max(leaseMs / 3, 50),
  );
  poll.unref();
  heartbeat.unref();
  wake();

  return {
    runnerId,
    wake,
    async stop() {
      if (stopped) return;
      stopped = true;
      unsubscribe();
      clearInterval(poll);
      clearInterval(heartbeat);
      const pending = [...running.values()].map((r) => r.done);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled(pending),
        new Promise((resolve) => {
          timer = setTimeout(resolve, options.stopTimeoutMs ?? 10_000);
        }),
      ]);
      clearTimeout(timer);
      for (const { controller } of running.values()) controller.abort();
      await releaseJobs(ctx.db, runnerId, [...running.keys()]).catch(() => {});
    },
  };
}
