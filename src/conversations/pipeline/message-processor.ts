import type { Message } from '../conversation.schema.ts';
import type { VariablePatch } from '../variables.ts';
import type { CompletionWrite } from './complete-job.ts';

/** One stored visitor message waiting for the rules/AI pipeline. */
export interface MessageJob {
  id: string;
  tenantId: string;
  conversationId: string;
  messageId: string;
  widgetId: string;
  /** The message's position in its conversation. */
  seq: number;
  /** 1 on the first run; higher when a crashed or failed run is retried. */
  attempt: number;
}

export interface ReplyOptions {
  /** 'ai' by default. */
  role?: 'ai' | 'system' | 'operator';
  /** true by default: replies of the pipeline are automatic. */
  isAutoReply?: boolean;
  contentLanguage?: string | null;
  translatedContent?: string | null;
  translatedLanguage?: string | null;
  /**
   * Commits in the reply's transaction (e.g. variables set since the last reply), or on its own
   * when a retried job's reply already existed.
   */
  alongside?: CompletionWrite;
}

export interface ProcessorTools {
  /**
   * Posts a reply into the conversation (stored, then pushed as `message.created`). Idempotent per job:
   * the n-th reply of a retried job returns the already stored n-th reply instead of posting it again.
   */
  reply(content: string, options?: ReplyOptions): Promise<Message>;
  getVariables(): Promise<Record<string, string>>;
  /**
   * Merges into the session variables (null removes one); returns the result. `alongside` commits
   * in the same transaction, before the merge (e.g. the run's checkpoint before its first change).
   */
  setVariables(
    patch: VariablePatch,
    options?: { alongside?: CompletionWrite },
  ): Promise<Record<string, string>>;
  /**
   * Commits `write` in the transaction that marks the job done (or records its failure), e.g. the
   * run's log: a job is never seen finished without it, nor it without the job finished.
   */
  atCompletion(write: CompletionWrite): void;
  /** Shows or hides the typing indicator (the runner shows it while the job runs and hides it after). */
  typing(active: boolean): void;
  /** Aborted when the process shuts down or the job's lease was lost; stop early when you can. */
  signal: AbortSignal;
}

/**
 * What the rules/AI engine implements. The runner calls `process` exactly once per stored visitor
 * message (again only after a crash or a thrown error), in order within a conversation, with
 * different conversations running concurrently. Throwing marks the attempt failed; it is retried
 * a few times with backoff, and its replies are de-duplicated.
 */
export interface MessageProcessor {
  process(job: MessageJob, tools: ProcessorTools): Promise<void>;
}

/** Until the rules engine registers itself: store the message, answer nothing. */
export const noopProcessor: MessageProcessor = { process: async () => {} };
