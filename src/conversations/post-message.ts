import { detectLanguage } from '../ai/language.ts';
import type { AppContext } from '../context.ts';
import { afterCommit, type Trx, withTransaction } from '../realtime/domain-events.ts';
import { appendMessage, DuplicateReply } from './append-message.ts';
import type { Message } from './conversation.schema.ts';
import type { RunnerSlot } from './pipeline/runner-slot.ts';

export interface PostMessageInput {
  tenantId: string;
  conversationId: string;
  role: 'ai' | 'system' | 'operator';
  content: string;
  isAutoReply?: boolean;
  contentLanguage?: string | null;
  translatedContent?: string | null;
  translatedLanguage?: string | null;
  /** Set by the pipeline runner: a retried job's n-th reply is stored only once. */
  jobReply?: { jobId: string; index: number };
}

/**
 * Posts an ai/system/operator message: stores it and, once committed, pushes `message.created`
 * to the visitor's and the tenant's sockets (and runs the in-transaction event sinks).
 * Returns undefined when the conversation is unknown or another tenant's.
 */
export async function postMessage(
  ctx: Pick<AppContext, 'db' | 'events'>,
  input: PostMessageInput,
  /** Another write committed with the message; when the reply already existed, on its own. */
  alongside?: (trx: Trx) => Promise<void>,
): Promise<Message | undefined> {
  try {
    const result = await withTransaction(ctx, async (trx) => {
      const appended = await appendMessage(trx, input);
      if (appended && alongside) await alongside(trx);
      return appended;
    });
    return result?.message;
  } catch (error) {
    if (!(error instanceof DuplicateReply)) throw error;
    if (alongside) await ctx.db.transaction().execute(alongside);
    return error.existing;
  }
}

/**
 * Stores a visitor's message and its processing job in one transaction, so once this resolves
 * (and the 201 is sent) neither can be lost; then starts the job on the runner slot it was stored
 * claimed by, or wakes the runner.
 */
export async function postVisitorMessage(
  ctx: Pick<AppContext, 'db' | 'events' | 'pipeline'>,
  input: { tenantId: string; conversationId: string; content: string },
): Promise<Message | undefined> {
  let slot: RunnerSlot | undefined;
  const reserve = () => {
    slot = ctx.pipeline.reserveSlot();
    return slot;
  };
  try {
    const result = await withTransaction(ctx, async (trx) => {
      const appended = await appendMessage(trx, {
        ...input,
        role: 'visitor',
        queueJob: { reserve },
        // Detected per message (offline); too little text to tell keeps the visitor's stated language.
        contentLanguage: detectLanguage(input.content) ?? undefined,
      });
      const queued = appended?.queued;
      if (queued?.claimed) {
        const { job, slot: claimedBy } = queued.claimed;
        afterCommit(trx, () => claimedBy.start(job));
      } else if (queued && !queued.behindEarlier) {
        // Whoever finishes the earlier job claims this one; otherwise the runner has to look.
        afterCommit(trx, () => ctx.pipeline.notify());
      }
      return appended;
    });
    return result?.message;
  } catch (error) {
    slot?.release();
    throw error;
  }
}
