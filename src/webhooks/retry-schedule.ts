/** Waits after the 1st, 2nd, … failed attempt; after the last one the delivery is failed (7 attempts in all). */
export const defaultRetryScheduleMs: readonly number[] = [
  5_000, // 5 s
  30_000, // 30 s
  2 * 60_000, // 2 min
  15 * 60_000, // 15 min
  60 * 60_000, // 1 h
  6 * 60 * 60_000, // 6 h
];

/**
 * The wait before the next attempt after `failures` consecutive failures, or null when the schedule
 * is exhausted. ±20 % jitter spreads the retries of many deliveries that failed together (a receiver
 * coming back up is not hit by all of them in the same second).
 */
export function nextRetryDelayMs(
  failures: number,
  schedule: readonly number[] = defaultRetryScheduleMs,
  random: () => number = Math.random,
): number | null {
  if (failures < 1 || failures > schedule.length) return null;
  const base = schedule[failures - 1];
  return Math.round(base * (0.8 + 0.4 * random()));
}
