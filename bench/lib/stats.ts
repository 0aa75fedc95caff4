export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 50),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    n: sorted.length,
  };
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
