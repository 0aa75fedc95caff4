/**
 * Reconnect delay: exponential growth capped at `maxMs`, with "equal jitter" (half fixed, half random)
 * so thousands of widgets that lost the same server do not reconnect in lockstep.
 * See https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 500,
  maxMs = 30_000,
) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
