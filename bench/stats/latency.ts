/** Nearest-rank percentile of samples in milliseconds (p in 0..100). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export type LatencySummary = { samples: number; p50: number; p95: number };

export function summarize(samples: number[]): LatencySummary {
  return { samples: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export const ms = (value: number) => (Number.isNaN(value) ? "–" : value < 10 ? value.toFixed(2) : value.toFixed(1));
