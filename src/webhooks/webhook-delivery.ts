import type { AppContext } from '../context.ts';
import { afterCommit } from '../realtime/domain-events.ts';
import { insertWebhookDeliveries } from './record-webhook-event.ts';
import { relayWebhookChanges } from './webhook-change-relay.ts';
import { startWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from './webhook-worker.ts';
import { signalOutboxWrite } from './worker-signal.ts';

let overrides: Partial<WebhookWorkerOptions> = {};

/**
 * Changes the options of workers started afterwards in this process. For tests and benchmarks
 * (a retry schedule in milliseconds, a short poll interval); production uses the defaults.
 */
export function configureWebhookWorkers(next: Partial<WebhookWorkerOptions>): void {
  overrides = { ...next };
}

const workers = new WeakMap<AppContext, WebhookWorker>();

/**
 * Plugs the outbox writer into the domain events (it runs inside each event's write transaction)
 * and starts this process's delivery worker; both stop when the context closes, before the database.
 */
export function startWebhookDelivery(
  ctx: AppContext,
  logger: { error(obj: unknown, message: string): void },
): WebhookWorker {
  const removeSink = ctx.events.registerSink(async (trx, event) => {
    const queued = await insertWebhookDeliveries(trx, event.tenantId, event.type, event.data);
    if (queued > 0) afterCommit(trx, signalOutboxWrite);
  });
  const worker = startWebhookWorker(
    {
      db: ctx.db,
      dbKind: ctx.dbKind,
      vault: ctx.vault,
      fetch: ctx.outbound,
      // Once per back-off step (1 s doubling to 30 s), not once per attempt of a hot loop.
      onError: (err, retry) =>
        logger.error(
          { err, ...retry },
          `webhook delivery failed unexpectedly; retrying in ${Math.round(retry.retryInMs / 1000)} s`,
        ),
    },
    overrides,
  );
  workers.set(ctx, worker);
  const stopRelay = relayWebhookChanges(ctx);
  ctx.onClose(async () => {
    removeSink();
    await stopRelay();
    await worker.stop();
  });
  return worker;
}

/** The worker started for this context (tests and the benchmark wake it). */
export const webhookWorkerOf = (ctx: AppContext): WebhookWorker | undefined => workers.get(ctx);
