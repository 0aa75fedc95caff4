import type { AppContext } from '../../context.ts';
import type { MessageProcessor } from '../../conversations/pipeline/message-processor.ts';
import { translateVisitorMessage } from './translate-visitor-message.ts';

/**
 * Wraps the rules processor: each visitor message is first translated for the operators (when
 * the widget asks for it), then handed to the rules. A failed translation never stops processing.
 */
export function withVisitorTranslation(ctx: AppContext, inner: MessageProcessor): MessageProcessor {
  return {
    async process(job, tools) {
      await translateVisitorMessage(ctx, job).catch(() => null);
      await inner.process(job, tools);
    },
  };
}
