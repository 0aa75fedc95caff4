import { z } from 'zod';

/** "2xx"…"5xx" (any case), an exact code such as "404", "error" (no HTTP answer) or "default". */
export const branchStatusSchema = z
  .string()
  .transform((status) => status.trim().toLowerCase())
  .pipe(
    z
      .string()
      .regex(
        /^([1-5]xx|[1-5][0-9]{2}|error|default)$/,
        'A branch status is "2xx", "3xx", "4xx", "5xx", an exact code such as "404", "error" or "default"',
      ),
  );

export interface BranchLike {
  status: string;
}

/**
 * Picks the branch for a call outcome, most specific first: the exact code, then its class,
 * then "error" when no usable HTTP answer came back (network, timeout, blocked address,
 * missing variables, unreadable body), then "default". `status` is null in that error case.
 */
export function chooseBranch<B extends BranchLike>(
  branches: readonly B[],
  status: number | null,
): B | undefined {
  const find = (wanted: string) => branches.find((branch) => branch.status === wanted);
  if (status === null) return find('error') ?? find('default');
  return find(String(status)) ?? find(`${Math.floor(status / 100)}xx`) ?? find('default');
}

/** The status branches are chosen by: a failed call with a 2xx code (bad body, failed read) counts as an error. */
export function branchingStatus(outcome: { ok: boolean; status: number | null }): number | null {
  if (outcome.status === null) return null;
  if (!outcome.ok && outcome.status < 300) return null;
  return outcome.status;
}
