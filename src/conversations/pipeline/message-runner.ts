import type { AppContext } from '../../context.ts';
import { createOutageLog, type OutageLogger } from '../../observability/outage-log.ts';
import { type CompletionWrite, completeJob } from './complete-job.ts';
import { leaseOwnerId } from './lease-owner.ts';
import { claimJobs, failAbandonedJobs, failJob, later, releaseJobs, renewLeases } from './message-jobs.ts';
import type { MessageJob } from './message-processor.ts';
import { createProcessorTools, publishTyping } from './processor-tools.ts';
import type { RunnerSlot } from './runner-slot.ts';

export interface RunnerLogger extends OutageLogger {
  error(obj: unknown, message: string): void;
}

export interface RunnerOptions {
  /** Jobs of different conversations run at the same time, up to this many per process. */
  concurrency?: number;
  /**
   * A job whose runner stops renewing this lease (crash, kill -9) is retried by another runner; it
   * is renewed every third of it. Default DEFAULT_JOB_LEASE_MS.
   */
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
 * How long a crashed process's conversations can stall on PostgreSQL before another process takes
 * their job over (on SQLite start-up ends the dead process's leases at once, see server.ts). Renewed
 * every 5 s, so only a process that stops answering for 15 s loses its jobs.
 */
export const DEFAULT_JOB_LEASE_MS = 15_000;

/**
 * Runs the message-processing queue of this process: claims jobs (see claimJobs for the ordering
 * guarantee), hands each to the registered MessageProcessor with typing shown meanwhile, deletes it
 * when done, retries it with backoff when the processor throws. Most jobs need no claim query:
 * a visitor message of an idle conversation is stored already claimed by a free slot (queueJob),
 * and finishing a job claims its conversation's next one (completeJob); the claim query runs on
 * the poll, after failures and while jobs wait for a free slot.
 */
export function startMessageRunner(ctx: RunnerContext, options: RunnerOptions = {}): MessageRunner {
  const runnerId = leaseOwnerId('runner');
  const concurrency = options.concurrency ?? 64;
  const leaseMs = options.leaseMs ?? DEFAULT_JOB_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? 3;
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const logger: RunnerLogger = options.logger ?? { warn: () => {}, info: () => {}, error: () => {} };
  const claimOutage = createOutageLog(() => logger, {
    down: 'could not claim message jobs; retrying at the next poll',
    up: 'claiming message jobs works again',
  });
  const leaseOutage = createOutageLog(() => logger, {
    down: 'lease renewal failed',
    up: 'lease renewal works again',
  });
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let reserved = 0;
  let stopped = false;
  let pumping = false;
  let again = false;
  // Jobs may be waiting for a slot of this runner: a finished job then runs the claim query.
  let backlog = true;

  /** Runs one job; resolves with its conversation's next job when that was claimed on completion. */
  async function run(job: MessageJob, controller: AbortController): Promise<MessageJob | undefined> {
    publishTyping(ctx, job, true);
    const writes: CompletionWrite[] = [];
    let processed = false;
    try {
      const tools = createProcessorTools(ctx, job, controller.signal, writes);
      await ctx.pipeline.getProcessor().process(job, tools);
      // Cut off by stop(): whatever the processor made of it, the job runs again after the restart.
      controller.signal.throwIfAborted();
      processed = true;
      return await completeJob(ctx.db, ctx.dbKind, job, { runnerId, leaseMs, writes, claimNext: !stopped });
    } catch (error) {
      if (stopped && controller.signal.aborted) return undefined;
      // Only the message is stored (stacks can carry request details); the log gets the whole error.
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      // A processor that registered its log and then threw keeps the log (its retry reads it).
      const pending = processed ? [] : writes;
      const outcome = await ctx.db
        .transaction()
        .execute(async (trx) => {
          for (const write of pending) await write(trx);
          return failJob(trx, job, runnerId, reason, { maxAttempts, retryBaseMs });
        })
        .catch(() => 'unknown');
      logger.error({ err: error, jobId: job.id, attempt: job.attempt, outcome }, 'message processing failed');
      // Retries and the conversation's later jobs are claimed by the claim query.
      backlog = true;
      return undefined;
    } finally {
      publishTyping(ctx, job, false);
    }
  }

  function start(job: MessageJob) {
    if (stopped) {
      void releaseJobs(ctx.db, runnerId, [job.id]).catch(() => {});
      return;
    }
    const controller = new AbortController();
    const done = run(job, controller)
      .catch(() => undefined)
      .then((next) => {
        running.delete(job.id);
        if (next) start(next);
        else if (backlog) wake();
      });
    running.set(job.id, { controller, done });
  }

  function reserveSlot(): RunnerSlot | undefined {
    if (stopped || running.size + reserved >= concurrency) {
      backlog = true;
      return undefined;
    }
    reserved++;
    let open = true;
    const close = () => {
      if (open) reserved--;
      open = false;
    };
    return {
      runnerId,
      lockedUntil: later(leaseMs),
      start(job) {
        close();
        start(job);
      },
      release: close,
    };
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
        while (!stopped && running.size + reserved < concurrency) {
          const limit = concurrency - running.size - reserved;
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
          backlog = jobs.length >= limit;
          if (jobs.length < limit) break;
        }
      } while (again && !stopped);
      claimOutage.succeeded();
    } catch (error) {
      if (!stopped) claimOutage.failed(error);
    } finally {
      pumping = false;
    }
  }

  function wake() {
    if (!stopped) void pump();
  }

  const unsubscribe = ctx.pipeline.onNotify(wake);
  const withdraw = ctx.pipeline.offerSlots(reserveSlot);
  // The poll also parks poison jobs; in-process wake-ups only claim.
  const poll = setInterval(() => {
    if (!stopped) void pump(true);
  }, options.pollMs ?? 1000);
  const heartbeat = setInterval(
    () => {
      if (running.size > 0) {
        renewLeases(ctx.db, runnerId, leaseMs).then(leaseOutage.succeeded, leaseOutage.failed);
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
      withdraw();
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
