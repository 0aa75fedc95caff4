import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Counter, Gauge } from 'prom-client';
import type { AppContext } from '../context.ts';
import { metricsEndpointOf } from './metrics.ts';

type MetricsContext = Pick<AppContext, 'db' | 'outboundCalls' | 'config'>;

/**
 * One query for the gauges read from it: prom-client collects every metric of a scrape at the same
 * time, so a query still in flight is shared, and the next scrape asks again.
 */
function shareInFlight<T>(load: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    inFlight ??= load().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

async function jobBacklog(db: MetricsContext['db']) {
  const rows = (
    await sql<{ status: string; n: number | string; oldest: string | null }>`
      select status, count(*) as n, min(created_at) as oldest from message_jobs
      where status in ('pending', 'running') group by status`.execute(db)
  ).rows;
  const of = (status: string) => rows.find((r) => r.status === status);
  const oldest = of('pending')?.oldest;
  return {
    pending: Number(of('pending')?.n ?? 0),
    running: Number(of('running')?.n ?? 0),
    oldestPendingAgeSeconds: oldest ? Math.max(0, (Date.now() - Date.parse(oldest)) / 1000) : 0,
  };
}

/** Driven from the (few) webhooks, so each count is a probe of the (webhook_id, status, id) index. */
async function deliveryBacklog(db: MetricsContext['db']) {
  const rows = (
    await sql<{ status: string; n: number | string }>`
      select d.status as status, count(*) as n from webhooks w
      join webhook_deliveries d on d.webhook_id = w.id and d.status in ('pending', 'failed')
      group by d.status`.execute(db)
  ).rows;
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return { pending: count('pending'), failed: count('failed') };
}

/**
 * What an operator watches beside the HTTP histogram: the message-job backlog, the webhook outbox,
 * outbound calls by outcome, and (registerSocketMetrics) open WebSockets. Every label has a fixed,
 * small set of values. Also applies PARLEY_METRICS_TOKEN. The database gauges are read when
 * scraped; while the database is away they are left out of the scrape rather than failing it.
 */
export function registerOperationalMetrics(app: FastifyInstance, ctx: MetricsContext): void {
  const endpoint = metricsEndpointOf(app);
  if (!endpoint) throw new Error('registerMetrics(app) must run first');
  endpoint.token = ctx.config.metricsToken;
  const registers = [endpoint.registry];
  const jobs = shareInFlight(() => jobBacklog(ctx.db));
  const deliveries = shareInFlight(() => deliveryBacklog(ctx.db));

  new Gauge({
    name: 'parley_message_jobs',
    help: 'Visitor messages waiting for (pending) or in (running) processing, in the whole installation',
    labelNames: ['status'],
    registers,
    async collect() {
      try {
        const backlog = await jobs();
        this.set({ status: 'pending' }, backlog.pending);
        this.set({ status: 'running' }, backlog.running);
      } catch {
        this.reset();
      }
    },
  });
  new Gauge({
    name: 'parley_message_jobs_oldest_pending_age_seconds',
    help: 'Age of the oldest pending message job (0 when none is pending)',
    registers,
    async collect() {
      try {
        this.set((await jobs()).oldestPendingAgeSeconds);
      } catch {
        this.reset();
      }
    },
  });
  new Gauge({
    name: 'parley_webhook_deliveries',
    help: 'Webhook deliveries waiting to be sent or retried (pending), and given up (failed) within the log retention',
    labelNames: ['status'],
    registers,
    async collect() {
      try {
        const backlog = await deliveries();
        this.set({ status: 'pending' }, backlog.pending);
        this.set({ status: 'failed' }, backlog.failed);
      } catch {
        this.reset();
      }
    },
  });
  new Counter({
    name: 'parley_outbound_calls_total',
    help: 'Outbound calls (API connections, webhooks, tenant LLMs) by outcome: ok, http_4xx, http_5xx, blocked, timeout, network, too_large, too_many_redirects, invalid_url, invalid_request, error',
    labelNames: ['outcome'],
    registers,
    collect() {
      this.reset();
      for (const [outcome, n] of ctx.outboundCalls.snapshot()) this.inc({ outcome }, n);
    },
  });
}
