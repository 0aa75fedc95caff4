import { Worker } from 'node:worker_threads';

/** Writes after which a process counts as busy enough to move checkpoints off its event loop. */
export const CHECKPOINTER_AFTER_WRITES = 500;
/** How often the worker copies the WAL back into the database file. */
const INTERVAL_MS = 200;
/**
 * The connection's own automatic checkpoint, kept as a backstop (should the worker die) but far
 * enough away that the worker normally gets there first: 10,000 pages ≈ 40 MB of WAL.
 */
export const BACKSTOP_PAGES = 10_000;

// Plain JS evaluated in the worker: its own connection to the same file, PASSIVE checkpoints
// (they never wait for or block the main connection's writers or readers).
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.file);
db.exec('PRAGMA busy_timeout = 1000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try { checkpoint.all(); } catch {}
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { db.close(); } catch {}
  parentPort.close();
});
`;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * Checkpoints a WAL-mode SQLite file from a worker thread. A checkpoint copies the WAL's pages
 * into the database file and fsyncs it — about 5 ms every ~100 commits under load, which on the
 * main thread stalls every request; here it runs beside it. Started by the dialect only once the
 * process writes a lot (an idle server does not pay the worker's ~20 MB).
 */
export function startWalCheckpointer(file: string): WalCheckpointer {
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { file, intervalMs: INTERVAL_MS },
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
  });
  worker.unref();
  // A failed worker only means the connection's own (backstop) checkpoints take over.
  worker.on('error', () => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 1000);
      await exited;
      clearTimeout(timer);
    },
  };
}
