/**
 * Faults the fake can inject:
 * - `"rate-limit"`: 429 with `Retry-After` (before the handler runs; nothing committed).
 * - `"rate-limit-no-retry-after"`: 429 without `Retry-After` (e.g. NetSuite concurrency governance).
 * - `"unavailable"`: 503 (nothing committed).
 * - `"connection-reset"`: the connection drops before the handler runs (nothing committed).
 * - `"latency"`: the request is delayed by `latencyMs`, then handled normally.
 * - `"timeout-after-commit"`: the handler runs (the write is committed), then the fake holds the
 *   connection for `timeoutAfterCommitMs` and drops it without answering — the ambiguous case a client
 *   sees as a timeout (or a reset) although the write happened.
 */
export type FaultKind =
  | "rate-limit"
  | "rate-limit-no-retry-after"
  | "unavailable"
  | "connection-reset"
  | "latency"
  | "timeout-after-commit";

/** Every {@link FaultKind}. */
export const FAULT_KINDS: readonly FaultKind[] = [
  "rate-limit",
  "rate-limit-no-retry-after",
  "unavailable",
  "connection-reset",
  "latency",
  "timeout-after-commit",
];

/** Seeded pseudo-random numbers in [0, 1) (mulberry32): the same seed gives the same fault sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks a kind by weight. */
export function pickWeighted(weights: readonly (readonly [FaultKind, number])[], random: number): FaultKind {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let point = random * total;
  for (const [kind, w] of weights) {
    point -= w;
    if (point < 0) return kind;
  }
  return weights[weights.length - 1]![0];
}
