import { type MessageProcessor, noopProcessor } from './message-processor.ts';

/**
 * The per-process seam between stored visitor messages and whoever answers them: the rules engine
 * calls `ctx.pipeline.setProcessor(...)`, writers call `notify()` after committing a job.
 */
export interface MessagePipeline {
  setProcessor(processor: MessageProcessor): void;
  getProcessor(): MessageProcessor;
  /** Wakes this process's runner at once (other processes find the job by polling). */
  notify(): void;
  onNotify(listener: () => void): () => void;
}

export function createMessagePipeline(): MessagePipeline {
  let processor: MessageProcessor = noopProcessor;
  const listeners = new Set<() => void>();
  return {
    setProcessor(next) {
      processor = next;
    },
    getProcessor: () => processor,
    notify() {
      for (const listener of listeners) listener();
    },
    onNotify(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
