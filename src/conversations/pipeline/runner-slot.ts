import type { MessageJob } from './message-processor.ts';

/**
 * One reserved slot of this process's runner (see MessagePipeline.reserveSlot). The writer stores
 * the job as `running`, locked by `runnerId` until `lockedUntil`, in the transaction that stores
 * the message; after commit it calls `start`, after a rollback `release`. If the process dies in
 * between, the lease runs out and any runner retries the job, exactly like a crashed run.
 */
export interface RunnerSlot {
  readonly runnerId: string;
  readonly lockedUntil: string;
  start(job: MessageJob): void;
  release(): void;
}
