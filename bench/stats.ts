/** Percentiles and summaries of latency samples (milliseconds). */

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of an ascending list; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samplesMs: readonly number[]): Summary {
  const sorted = Float64Array.from(samplesMs).sort();
  const list = Array.from(sorted);
  let total = 0;
  for (const x of list) total += x;
  return {
    n: list.length,
    p50: percentile(list, 50),
    p99: percentile(list, 99),
    mean: list.length ? total / list.length : Number.NaN,
    max: list.length ? list[list.length - 1]! : Number.NaN,
  };
}

/** Milliseconds since `startNs` (from process.hrtime.bigint()). */
export const msSince = (startNs: bigint): number => Number(process.hrtime.bigint() - startNs) / 1e6;

/** Round for display and JSON: 3 significant decimals below 10, fewer above. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const abs = Math.abs(x);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : abs >= 1 ? 3 : 4;
  return Number(x.toFixed(digits));
}
