import type { AppContext } from '../../context.ts';
import { postMessage } from '../post-message.ts';
import { getVariables, setVariables } from '../variables.ts';
import type { CompletionWrite } from './complete-job.ts';
import type { MessageJob, ProcessorTools } from './message-processor.ts';

export type ToolsContext = Pick<AppContext, 'db' | 'events'>;

/** Publishes the ephemeral typing indicator to the conversation's sockets. */
export function publishTyping(ctx: ToolsContext, job: MessageJob, active: boolean): void {
  ctx.events.publish({
    type: 'typing',
    tenantId: job.tenantId,
    conversationId: job.conversationId,
    data: { conversationId: job.conversationId, active },
  });
}

/** The tools one job's processor gets; replies are numbered so a retried job never repeats one. */
export function createProcessorTools(
  ctx: ToolsContext,
  job: MessageJob,
  signal: AbortSignal,
  completionWrites: CompletionWrite[] = [],
): ProcessorTools {
  let replyIndex = 0;
  return {
    async reply(content, options = {}) {
      // A job aborted by shutdown goes back to the queue and runs again: what it would say now (a
      // fallback for a call the abort cut off) must not take the reply slot of the real answer.
      signal.throwIfAborted();
      const message = await postMessage(
        ctx,
        {
          tenantId: job.tenantId,
          conversationId: job.conversationId,
          role: options.role ?? 'ai',
          content,
          isAutoReply: options.isAutoReply ?? true,
          contentLanguage: options.contentLanguage,
          translatedContent: options.translatedContent,
          translatedLanguage: options.translatedLanguage,
          jobReply: { jobId: job.id, index: replyIndex++ },
        },
        options.alongside,
      );
      if (!message) throw new Error(`Conversation ${job.conversationId} no longer exists.`);
      return message;
    },
    getVariables: () => getVariables(ctx.db, job.tenantId, job.conversationId),
    async setVariables(patch, options) {
      signal.throwIfAborted();
      return (await setVariables(ctx.db, job.tenantId, job.conversationId, patch, options?.alongside)) ?? {};
    },
    atCompletion: (write) => {
      completionWrites.push(write);
    },
    typing: (active) => publishTyping(ctx, job, active),
    signal,
  };
}
