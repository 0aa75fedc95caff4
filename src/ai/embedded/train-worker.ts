import { parentPort } from 'node:worker_threads';
import { trainIntentModel } from './intent-model.ts';
import type { TrainingRule } from './keyword-scorer.ts';

/** Worker thread entry: trains one model per message so training never blocks message handling. */
parentPort?.on('message', async (job: { id: number; rules: TrainingRule[] }) => {
  try {
    const model = await trainIntentModel(job.rules);
    parentPort?.postMessage({ id: job.id, model });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
