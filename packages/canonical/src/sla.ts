import type { IntegrationException } from "./integration-exception.js";

/**
 * The `p`-th percentile (0 < p ≤ 100) of `values` by the nearest-rank method: the smallest value with at
 * least p% of the values at or below it — always one of the values, never interpolated. `undefined` for no
 * values.
 * @throws RangeError when `p` is not in (0, 100]
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p > 0 && p <= 100)) throw new RangeError("percentile: p must be in (0, 100]");
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(1, rank) - 1];
}

/** Latency figures in whole minutes. */
export interface LatencyFigures {
  count: number;
  p50?: number;
  p95?: number;
  max?: number;
  /** Counts per bucket (`≤ 1 h`, `1–4 h`, `4–24 h`, `1–3 d`, `> 3 d`), for a distribution chart. */
  histogram: Array<{ label: string; count: number }>;
}

const LATENCY_BUCKETS: Array<{ label: string; maxMinutes: number }> = [
  { label: "≤ 1 h", maxMinutes: 60 },
  { label: "1–4 h", maxMinutes: 240 },
  { label: "4–24 h", maxMinutes: 1440 },
  { label: "1–3 d", maxMinutes: 4320 },
  { label: "> 3 d", maxMinutes: Number.POSITIVE_INFINITY },
];

/** p50 / p95 / max and a histogram of latencies given in minutes (negative values count as 0). */
export function latencyFigures(minutes: readonly number[]): LatencyFigures {
  const values = minutes.map((m) => Math.max(0, Math.round(m)));
  const histogram = LATENCY_BUCKETS.map((b, i) => ({
    label: b.label,
    count: values.filter(
      (v) => v <= b.maxMinutes && (i === 0 || v > (LATENCY_BUCKETS[i - 1]?.maxMinutes ?? 0)),
    ).length,
  }));
  const p50 = percentile(values, 50);
  const p95 = percentile(values, 95);
  return {
    count: values.length,
    ...(p50 === undefined ? {} : { p50 }),
    ...(p95 === undefined ? {} : { p95, max: Math.max(...values) }),
    histogram,
  };
}

/** A success rate: the counts, and the rate as a decimal string with 4 places (`"0.9750"`), exact-rounded. */
export interface SuccessRate {
  succeeded: number;
  attempted: number;
  /** `succeeded / attempted` rounded half-up to 4 places; `"1.0000"` when nothing was attempted. */
  rate: string;
}

/** `succeeded / attempted` as a {@link SuccessRate}. */
export function successRate(succeeded: number, attempted: number): SuccessRate {
  if (
    !Number.isSafeInteger(succeeded) ||
    !Number.isSafeInteger(attempted) ||
    succeeded < 0 ||
    succeeded > attempted
  ) {
    throw new RangeError("successRate: need whole counts with 0 <= succeeded <= attempted");
  }
  if (attempted === 0) return { succeeded, attempted, rate: "1.0000" };
  const scaled = (BigInt(succeeded) * 20000n + BigInt(attempted)) / (2n * BigInt(attempted)); // half-up
  const text = scaled.toString().padStart(5, "0");
  return { succeeded, attempted, rate: `${text.slice(0, -4)}.${text.slice(-4)}` };
}

/** Age buckets of exceptions, by days since first seen. */
export const EXCEPTION_AGE_BUCKETS = [
  { label: "< 1 d", maxDays: 1 },
  { label: "1–7 d", maxDays: 7 },
  { label: "7–30 d", maxDays: 30 },
  { label: "> 30 d", maxDays: Number.POSITIVE_INFINITY },
] as const;

/** Exception counts per age bucket ({@link EXCEPTION_AGE_BUCKETS}) at `now`. */
export function exceptionAging(
  exceptions: readonly Pick<IntegrationException, "firstSeen">[],
  now: Date,
): Array<{ label: string; count: number }> {
  const counts = EXCEPTION_AGE_BUCKETS.map((b) => ({ label: b.label, count: 0 }));
  for (const e of exceptions) {
    const days = Math.max(0, now.getTime() - Date.parse(e.firstSeen)) / 86_400_000;
    const i = EXCEPTION_AGE_BUCKETS.findIndex((b) => days < b.maxDays);
    const bucket = counts[i === -1 ? counts.length - 1 : i];
    if (bucket) bucket.count++;
  }
  return counts;
}
