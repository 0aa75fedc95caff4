import { Worker } from 'node:worker_threads';
import { trainIntentModel } from './intent-model.ts';
import type { TrainingRule } from './keyword-scorer.ts';

export interface ModelTrainer {
  /** Resolves with the model JSON. */
  train(rules: readonly TrainingRule[]): Promise<string>;
  close(): Promise<void>;
}

/**
 * Trains on a worker thread: a thousand rules take seconds of CPU, which on the main thread would
 * stall every conversation. One worker per app, jobs one at a time; it does not keep the process
 * alive. If the worker cannot start, training falls back to the main thread.
 */
export function createWorkerTrainer(): ModelTrainer {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve(json: string): void; reject(error: Error): void }>();

  function start(): Worker {
    const created = new Worker(new URL('./train-worker.ts', import.meta.url));
    created.unref();
    created.on('message', (reply: { id: number; model?: string; error?: string }) => {
      const job = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.model !== undefined) job?.resolve(reply.model);
      else job?.reject(new Error(reply.error ?? 'training failed'));
    });
    created.on('error', (error) => {
      for (const job of pending.values()) job.reject(error);
      pending.clear();
      worker = undefined;
    });
    return created;
  }

  return {
    train(rules) {
      try {
        worker ??= start();
      } catch {
        return trainIntentModel(rules);
      }
      const id = nextId++;
      const active = worker;
      return new Promise<string>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        active.postMessage({ id, rules });
      });
    },
    async close() {
      const active = worker;
      worker = undefined;
      for (const job of pending.values()) job.reject(new Error('trainer closed'));
      pending.clear();
      if (active) await active.terminate();
    },
  };
}

/** Same contract on the calling thread (benchmarks, and tests that want no worker). */
export const inlineTrainer: ModelTrainer = { train: trainIntentModel, close: async () => {} };
