import { leaseOwnerId } from '../conversations/pipeline/lease-owner.ts';
import type { Db, DbKind } from '../db/database.ts';
import type { GuardedFetch } from '../http/guarded-fetch/index.ts';
import type { Vault } from '../vault/vault.ts';
import { activeSecrets } from './active-secrets.ts';
import { pruneDeliveries } from './prune-deliveries.ts';
import { type RetryPolicy, recordAttempt } from './record-attempt.ts';
import { defaultRetryScheduleMs } from './retry-schedule.ts';
import { DELIVERY_TIMEOUT_MS, sendDelivery } from './send-delivery.ts';
import { claimWebhooks, leasedWebhook, nextDueDelivery, releaseLease, renewLease } from './webhook-lease.ts';
import { onOutboxWrite } from './worker-signal.ts';

export interface WebhookWorkerDeps {
  db: Db;
  dbKind: DbKind;
  vault: Vault;
  fetch: GuardedFetch;
  /** An unexpected failure (not a receiver's answer: those are recorded attempts), once per back-off step. */
  onError?: (error: unknown, retry: ErrorRetry) => void;
}

/** When the worker tries again after an unexpected failure, and how many came in a row. */
export interface ErrorRetry {
  /** Set when one webhook failed (a secret that cannot be decrypted); unset when the worker as a whole did (the database). */
  webhookId?: string;
  failures: number;
  retryInMs: number;
}

export interface WebhookWorkerOptions extends RetryPolicy {
  /** How often an idle worker looks for due deliveries written by other processes. */
  pollIntervalMs: number;
  leaseMs: number;
  /** Webhooks served at the same time (one delivery in flight per webhook). */
  concurrency: number;
  /** Deliveries sent to one webhook before its lease is given up so that others get a turn. */
  batchPerLease: number;
  timeoutMs: number;
  /** Finished deliveries are kept this long in the log. */
  retentionMs: number;
  pruneEveryMs: number;
  /** Unexpected failures are retried after this, doubling per failure in a row up to errorBackoffMaxMs. */
  errorBackoffMs: number;
  errorBackoffMaxMs: number;
}

export const defaultWebhookWorkerOptions: WebhookWorkerOptions = {
  retryScheduleMs: defaultRetryScheduleMs,
  disableAfterMs: 3 * 24 * 60 * 60 * 1000,
  random: Math.random,
  pollIntervalMs: 1000,
  leaseMs: 30_000,
  concurrency: 8,
  batchPerLease: 50,
  timeoutMs: DELIVERY_TIMEOUT_MS,
  retentionMs: 30 * 24 * 60 * 60 * 1000,
  pruneEveryMs: 60 * 60 * 1000,
  errorBackoffMs: 1000,
  errorBackoffMaxMs: 30_000,
};

export interface WebhookWorker {
  /** Look for due deliveries now (and once more shortly after: the writer's transaction may not have committed yet). */
  wake(): void;
  /** Stops claiming, lets in-flight attempts finish and record their outcome, and gives up the leases. */
  stop(): Promise<void>;
}

// After a wake-up the outbox row may still be uncommitted; look again this often, for this long.
const FOLLOW_UP_MS = 20;
const FOLLOW_UP_WINDOW_MS = 250;

/**
 * Delivers the outbox. Each tick claims leases on webhooks with due deliveries (up to `concurrency`)
 * and serves each claimed webhook sequentially: its oldest due delivery first, the next only once
 * the previous succeeded or was scheduled for retry. A delivery waiting for a retry does not hold
 * back newer ones (see README, "Webhooks": order is kept for first attempts).
 */
export function startWebhookWorker(
  deps: WebhookWorkerDeps,
  overrides: Partial<WebhookWorkerOptions> = {},
): WebhookWorker {
  const options = { ...defaultWebhookWorkerOptions, ...overrides };
  const workerId = leaseOwnerId('worker');
  const onError = deps.onError ?? (() => {});
  const inFlight = new Map<string, Promise<void>>();
  const secretOpener = cachingOpener(deps.vault);
  const backoffMs = (failures: number) =>
    Math.min(options.errorBackoffMaxMs, options.errorBackoffMs * 2 ** Math.min(failures - 1, 30));
  // Unexpected failures in a row: of the worker as a whole (claiming: the database), and per webhook.
  let workerFailures = 0;
  let pausedUntil = 0;
  const webhookFailures = new Map<string, number>();
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let ticking: Promise<void> | undefined;
  let again = false;
  let wokenAt = 0;
  let prunedAt = 0;

  function scheduleTick(delayMs: number): void {
    if (!running) return;
    const at = Date.now() + Math.max(0, delayMs);
    if (timer !== undefined && timerAt <= at) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(
      () => {
        timer = undefined;
        timerAt = Number.POSITIVE_INFINITY;
        tick();
      },
      Math.max(0, delayMs),
    );
    // The worker never keeps a process alive on its own (the HTTP server does, until close).
    timer.unref();
  }

  /** A failure outside any one webhook's delivery: nothing is claimed until the back-off has passed. */
  function workerFailed(error: unknown): void {
    workerFailures++;
    const retryInMs = backoffMs(workerFailures);
    pausedUntil = Date.now() + retryInMs;
    onError(error, { failures: workerFailures, retryInMs });
    scheduleTick(retryInMs);
  }

  function tick(): void {
    if (!running) return;
    if (Date.now() < pausedUntil) {
      scheduleTick(pausedUntil - Date.now());
      return;
    }
    if (ticking) {
      again = true;
      return;
    }
    ticking = claimAndServe()
      .then(() => {
        workerFailures = 0;
      }, workerFailed)
      .finally(() => {
        ticking = undefined;
        if (again) {
          again = false;
          tick();
        }
      });
  }

  async function claimAndServe(): Promise<void> {
    if (Date.now() - prunedAt >= options.pruneEveryMs) {
      prunedAt = Date.now();
      await pruneDeliveries(deps.db, new Date(Date.now() - options.retentionMs));
    }
    const free = options.concurrency - inFlight.size;
    let claimed: string[] = [];
    if (free > 0) claimed = await claimWebhooks(deps.db, deps.dbKind, workerId, free, options.leaseMs);
    for (const webhookId of claimed) serve(webhookId);
    if (claimed.length === 0 && Date.now() - wokenAt < FOLLOW_UP_WINDOW_MS) scheduleTick(FOLLOW_UP_MS);
    else scheduleTick(options.pollIntervalMs);
  }

  function serve(webhookId: string): void {
    const task = serveWebhook(webhookId)
      .catch(workerFailed)
      .finally(() => {
        inFlight.delete(webhookId);
        tick();
      });
    inFlight.set(webhookId, task);
  }

  /**
   * Serves one claimed webhook. An unexpected failure (its secret cannot be decrypted, say) keeps
   * the lease for a back-off instead of giving it up, so neither this worker nor another process
   * retries the webhook in a hot loop, while the other webhooks are served as usual.
   */
  async function serveWebhook(webhookId: string): Promise<void> {
    let parkMs = 0;
    try {
      await sendBatch(webhookId);
      webhookFailures.delete(webhookId);
    } catch (error) {
      const failures = (webhookFailures.get(webhookId) ?? 0) + 1;
      if (webhookFailures.size >= 10_000) webhookFailures.clear();
      webhookFailures.set(webhookId, failures);
      parkMs = backoffMs(failures);
      onError(error, { webhookId, failures, retryInMs: parkMs });
    }
    if (parkMs > 0) {
      await renewLease(deps.db, webhookId, workerId, parkMs);
      scheduleTick(parkMs);
    } else {
      await releaseLease(deps.db, webhookId, workerId);
    }
  }

  async function sendBatch(webhookId: string): Promise<void> {
    let renewedAt = Date.now();
    for (let sent = 0; sent < options.batchPerLease && running; sent++) {
      // An attempt lasts at most timeoutMs, far less than the lease: renewing every third of it is enough.
      if (Date.now() - renewedAt > options.leaseMs / 3) {
        if (!(await renewLease(deps.db, webhookId, workerId, options.leaseMs))) return;
        renewedAt = Date.now();
      }
      // Re-read each time: a PATCH (url, enabled, rotation) applies from the next delivery on.
      const webhook = await leasedWebhook(deps.db, webhookId, workerId);
      if (webhook?.enabled !== 1) return;
      const delivery = await nextDueDelivery(deps.db, webhookId);
      if (!delivery) return;
      const target = { url: webhook.url, secrets: activeSecrets(webhook, secretOpener) };
      const outcome = await sendDelivery(deps.fetch, target, delivery, options.timeoutMs);
      // An attempt went out: the run of unexpected failures is over, also for the rest of this batch.
      webhookFailures.delete(webhookId);
      const recorded = await recordAttempt(deps.db, delivery, outcome, options, {
        wasFailing: webhook.failing_since !== null,
      });
      if (recorded.retryAt) scheduleTick(recorded.retryAt.getTime() - Date.now());
      if (recorded.disabled) return;
    }
    // A full batch gives the lease up; the tick that follows claims again, taking turns with other webhooks.
  }

  const unsubscribe = onOutboxWrite(() => worker.wake());
  const worker: WebhookWorker = {
    wake() {
      wokenAt = Date.now();
      scheduleTick(0);
    },
    async stop() {
      running = false;
      unsubscribe();
      clearTimeout(timer);
      await ticking;
      await Promise.allSettled(inFlight.values());
    },
  };
  scheduleTick(0);
  return worker;
}

/** Decrypting costs more than the rest of an attempt's CPU; a secret's ciphertext only changes on rotation. */
function cachingOpener(vault: Pick<Vault, 'open'>): Pick<Vault, 'open'> {
  const cache = new Map<string, string>();
  return {
    open(sealed) {
      let plain = cache.get(sealed);
      if (plain === undefined) {
        if (cache.size >= 1000) cache.clear();
        plain = vault.open(sealed);
        cache.set(sealed, plain);
      }
      return plain;
    },
  };
}
