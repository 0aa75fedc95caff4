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
 * alive. If the worker cannot start or dies, training moves to the main thread (slower, but
 * models still get trained) — the jobs it held are retried there.
 */
export function createWorkerTrainer(
  entry: URL = new URL('./train-worker.ts', import.meta.url),
): ModelTrainer {
  let worker: Worker | undefined;
  let broken = false;
  let closed = false;
  let nextId = 0;
  const pending = new Map<
    number,
    { rules: readonly TrainingRule[]; resolve(json: string): void; reject(error: Error): void }
  >();

  function failOver(): void {
    broken = true;
    worker = undefined;
    const jobs = [...pending.values()];
    pending.clear();
    for (const job of jobs) trainIntentModel(job.rules).then(job.resolve, job.reject);
  }

  function start(): Worker {
    const created = new Worker(entry);
    created.unref();
    created.on('message', (reply: { id: number; model?: string; error?: string }) => {
      const job = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.model !== undefined) job?.resolve(reply.model);
      else job?.reject(new Error(reply.error ?? 'training failed'));
    });
    created.on('error', () => {
      if (!closed) failOver();
    });
    created.on('exit', () => {
      if (!closed && pending.size > 0) failOver();
    });
    return created;
  }

  return {
    train(rules) {
      if (closed) return Promise.reject(new Error('trainer closed'));
      if (broken) return trainIntentModel(rules);
      try {
        worker ??= start();
      } catch {
        broken = true;
        return trainIntentModel(rules);
      }
      const id = nextId++;
      const active = worker;
      return new Promise<string>((resolve, reject) => {
        pending.set(id, { rules, resolve, reject });
        active.postMessage({ id, rules });
      });
    },
    async close() {
      closed = true;
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
