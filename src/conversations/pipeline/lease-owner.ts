import crypto from 'node:crypto';

/**
 * `<prefix>-<pid>-<random>`: the id a runner or webhook worker holds leases under names its
 * process, so a process starting on SQLite can tell the leases of a dead predecessor (released at
 * once) from those of a live one started by mistake on the same data (left alone).
 */
export const leaseOwnerId = (prefix: string): string => `${prefix}-${process.pid}-${crypto.randomUUID()}`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process that holds leases as `ownerId` is gone (on this machine). An id without a
 * pid (written by an older version) counts as gone, and so does our own pid: this process has
 * just started, so an earlier holder with that pid (a restarted container's pid 1) is dead.
 */
export function leaseOwnerGone(ownerId: string, alive: (pid: number) => boolean = isAlive): boolean {
  const pid = Number(/^[a-z]+-(\d+)-/.exec(ownerId)?.[1]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return true;
  return !alive(pid);
}
