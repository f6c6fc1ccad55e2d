/** Order statistics over latency samples (milliseconds). */

export interface Summary {
  count: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile (p in 0..100) of already sorted samples. */
export function percentileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('no samples');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be 0-100, got ${p}`);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError('no samples to summarize');
  const sorted = Float64Array.from(samples).sort();
  const list = Array.from(sorted);
  let sum = 0;
  for (const v of list) sum += v;
  return {
    count: list.length,
    min: list[0]!,
    p50: percentileSorted(list, 50),
    p95: percentileSorted(list, 95),
    p99: percentileSorted(list, 99),
    max: list[list.length - 1]!,
    mean: sum / list.length,
  };
}

/** "p50 0.21 / p99 0.48 / max 3.1 ms" for progress lines and notes. */
export function describeMs(s: Summary, digits = 3): string {
  const f = (v: number) => v.toFixed(digits);
  return `n=${s.count} p50 ${f(s.p50)} / p95 ${f(s.p95)} / p99 ${f(s.p99)} / max ${f(s.max)} ms`;
}
