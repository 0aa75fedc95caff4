import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { EventBus } from './event-bus.ts';
import type { DomainEvent } from './realtime-event.ts';

export type Trx = Transaction<Database>;

interface TransactionState {
  events: EventBus;
  published: DomainEvent[];
  afterCommit: Array<() => void>;
}

// Keyed by the transaction object Kysely hands to the callback, so `recordEvent(trx, …)` needs no other argument.
const open = new WeakMap<Trx, TransactionState>();

/**
 * Runs `fn` in a transaction whose domain events are published (and `afterCommit` callbacks run)
 * only once it has committed: a socket never shows a message that a rollback took back.
 *
 * @example
 * await withTransaction(ctx, async (trx) => {
 *   await trx.insertInto('messages').values(row).execute();
 *   await recordEvent(trx, { type: 'message.created', tenantId, conversationId, data });
 * });
 */
export async function withTransaction<T>(
  ctx: { db: Db; events: EventBus },
  fn: (trx: Trx) => Promise<T>,
): Promise<T> {
  const state: TransactionState = { events: ctx.events, published: [], afterCommit: [] };
  const result = await ctx.db.transaction().execute(async (trx) => {
    open.set(trx, state);
    try {
      return await fn(trx);
    } finally {
      open.delete(trx);
    }
  });
  for (const event of state.published) ctx.events.publish(event);
  for (const callback of state.afterCommit) callback();
  return result;
}

function stateOf(trx: Trx): TransactionState {
  const state = open.get(trx);
  if (!state) throw new Error('recordEvent/afterCommit must be called inside withTransaction(ctx, …).');
  return state;
}

/**
 * The single entry point of every domain event: runs the registered in-transaction sinks
 * (e.g. the webhooks outbox) with `trx`, then queues the real-time publish for after commit.
 */
export async function recordEvent(trx: Trx, event: DomainEvent): Promise<void> {
  const state = stateOf(trx);
  for (const sink of state.events.sinks) await sink(trx, event);
  state.published.push(event);
}

/** Runs `callback` once the transaction has committed (never on rollback). */
export function afterCommit(trx: Trx, callback: () => void): void {
  stateOf(trx).afterCommit.push(callback);
}
