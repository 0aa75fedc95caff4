import { type MessageProcessor, noopProcessor } from './message-processor.ts';
import type { RunnerSlot } from './runner-slot.ts';

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
  /**
   * A free slot of this process's runner for a job being inserted now, so the writer can store
   * the job already claimed and hand it over after commit — no claim query, no wake-up.
   * Undefined when no runner is attached, it is stopping, or all its slots are taken.
   */
  reserveSlot(): RunnerSlot | undefined;
  /** The runner offers its slots here; returns a function that withdraws the offer. */
  offerSlots(reserve: () => RunnerSlot | undefined): () => void;
}

export function createMessagePipeline(): MessagePipeline {
  let processor: MessageProcessor = noopProcessor;
  const listeners = new Set<() => void>();
  let reserve: (() => RunnerSlot | undefined) | undefined;
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
    reserveSlot: () => reserve?.(),
    offerSlots(next) {
      reserve = next;
      return () => {
        if (reserve === next) reserve = undefined;
      };
    },
  };
}
