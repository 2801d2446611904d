import { AbortedError, LedgerlineError, Limiter, type LimiterOptions } from "@ledgerline/core";

/**
 * A vendor limit that several processes share — NetSuite's concurrency limit and Salesforce's daily API
 * budget are per account, not per process. Small on purpose, so any store (Postgres here, Redis
 * elsewhere) can provide it and any connector can take it through {@link SharedLimiter}.
 */
export interface SharedLimit {
  /**
   * Takes one unit of the limit — waiting for one to free up when the limit is a number of slots — and
   * resolves to the function that gives it back (a no-op for a budget, which is spent). Rejects when the
   * request must not be made (a spent budget: a non-retryable error) or `signal` aborts.
   */
  acquire(signal?: AbortSignal): Promise<() => Promise<void>>;
}

/** Options of {@link SharedLimiter}: core's limiter options plus the shared limits. */
export interface SharedLimiterOptions extends LimiterOptions {
  /** Limits shared with other processes, taken in this order for every request and given back after it. */
  shared: readonly SharedLimit[];
}

/**
 * Core's {@link Limiter} (per-process concurrency cap, rate, adaptive concurrency that halves on 429 and
 * climbs back) composed with limits shared across processes: every request — every attempt, retries
 * included — first takes a local slot, then one unit of each shared limit, and gives the units back when
 * it ends. Pass it where a connector takes `limits` (it is a `Limiter`): the local adaptive limit still
 * backs off on 429, and all workers together stay under the account's limit.
 * @example
 * const slots = await PostgresSemaphore.open(url, { resource: "netsuite:123456_SB1", limit: 20 });
 * const limits = new SharedLimiter({ maxConcurrency: 20, adaptive: true, shared: [slots] });
 * const netsuite = createNetSuiteClient({ ..., limits });
 */
export class SharedLimiter extends Limiter {
  readonly #shared: readonly SharedLimit[];

  /** @throws TypeError naming the option when an option is invalid */
  constructor(options: SharedLimiterOptions) {
    const { shared, ...local } = options ?? ({} as SharedLimiterOptions);
    if (
      !Array.isArray(shared) ||
      shared.some((s) => typeof (s as Partial<SharedLimit> | null)?.acquire !== "function")
    ) {
      throw new TypeError('SharedLimiter: option "shared" must be an array of SharedLimit (with acquire())');
    }
    super(local);
    this.#shared = [...shared];
  }

  override run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return super.run(async () => {
      const releases: Array<() => Promise<void>> = [];
      try {
        for (const limit of this.#shared) releases.push(await limit.acquire(signal));
        return await fn();
      } finally {
        for (const release of releases.reverse()) await release().catch(() => undefined);
      }
    }, signal);
  }
}

/** A shared budget is spent: the request is not made (retrying would not help until the window moves). */
export class BudgetExhaustedError extends LedgerlineError {
  override name = "BudgetExhaustedError";
  /** The budget's resource name. */
  readonly resource: string;
  constructor(resource: string) {
    super("BUDGET_EXHAUSTED", `shared budget "${resource}" is spent for the current window`, {
      retryable: false,
    });
    this.resource = resource;
  }
}

/** Resolves after `ms`, or early when `wake` is called; rejects with {@link AbortedError} on abort. @internal */
export function napping(ms: number, signal?: AbortSignal): { done: Promise<void>; wake: () => void } {
  let wake: () => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortedError());
      return;
    }
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve();
    };
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(finish, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
    wake = finish;
  });
  return { done, wake };
}
