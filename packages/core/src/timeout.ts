/** A per-attempt deadline combined with the caller's signal. */
export interface AttemptSignal {
  /** Aborts when the caller aborts or the deadline passes; `undefined` when there is neither. */
  signal: AbortSignal | undefined;
  /** True once the deadline (not the caller) caused the abort. */
  timedOut(): boolean;
  /** Stops the deadline timer. */
  clear(): void;
}

/**
 * Creates the signal for one attempt: aborted by `parent` (the caller → `AbortedError`) or after
 * `timeoutMs` (→ `TimeoutError`), so the two stay distinguishable.
 */
export function attemptSignal(parent: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) {
    // No deadline: pass the caller's signal through (or none — the cheapest fetch).
    return { signal: parent, timedOut: () => false, clear: () => {} };
  }
  const controller = new AbortController();
  let fired = false;
  const timer =
    timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          fired = true;
          controller.abort(new DOMException("attempt timed out", "TimeoutError"));
        }, timeoutMs)
      : undefined;
  timer?.unref?.();
  const onAbort = () => controller.abort(parent?.reason);
  if (parent) {
    if (parent.aborted) controller.abort(parent.reason);
    else parent.addEventListener("abort", onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    timedOut: () => fired,
    clear: () => {
      if (timer) clearTimeout(timer);
      parent?.removeEventListener("abort", onAbort);
    },
  };
}
