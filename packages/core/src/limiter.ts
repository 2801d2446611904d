import pLimit, { type LimitFunction } from "p-limit";
import { AdaptiveConcurrency, type AdaptiveConcurrencyOptions } from "./adaptive-concurrency.js";
import { AbortedError } from "./errors.js";
import { limiterOptionsSchema, parseOptions } from "./options.js";
import { sleep } from "./retry.js";

/** Limits of a client (or of several clients sharing one {@link Limiter}). */
export interface LimiterOptions {
  /** Most requests in flight at once — the ceiling adaptive concurrency never exceeds. @default 10 */
  maxConcurrency?: number;
  /** Optional rate limit: at most `limit` request starts in any `intervalMs` window. */
  ratePerInterval?: { limit: number; intervalMs: number };
  /**
   * Learn the server's limit: halve on 429 / governance errors, climb back to the ceiling learned from
   * them, probe above it rarely (see {@link AdaptiveConcurrency}). `true` = defaults. @default false
   */
  adaptive?: boolean | AdaptiveConcurrencyOptions;
}

/**
 * Bounds in-flight requests (p-limit underneath), optionally their rate, and adapts concurrency to
 * throttling. Share one instance between clients that draw on the same vendor quota (NetSuite
 * concurrency is per account).
 */
export class Limiter {
  readonly maxConcurrency: number;
  readonly adaptive: AdaptiveConcurrency | undefined;
  readonly #limit: LimitFunction;
  readonly #rate: { limit: number; intervalMs: number } | undefined;
  readonly #starts: number[] = [];

  /** @throws TypeError naming the option when an option is invalid */
  constructor(options: LimiterOptions = {}) {
    parseOptions(limiterOptionsSchema, options, "Limiter");
    const max = options.maxConcurrency ?? 10;
    if (!Number.isInteger(max) || max < 1) {
      throw new TypeError(`limits.maxConcurrency must be an integer ≥ 1, got ${String(max)}`);
    }
    const rate = options.ratePerInterval;
    if (rate && (!Number.isInteger(rate.limit) || rate.limit < 1 || !(rate.intervalMs > 0))) {
      throw new TypeError("limits.ratePerInterval needs an integer limit ≥ 1 and intervalMs > 0");
    }
    this.maxConcurrency = max;
    this.#rate = rate;
    this.adaptive = options.adaptive
      ? new AdaptiveConcurrency(max, options.adaptive === true ? {} : options.adaptive)
      : undefined;
    this.#limit = pLimit(max);
  }

  /** Current concurrency limit (≤ `maxConcurrency`). */
  get concurrency(): number {
    return this.#limit.concurrency;
  }

  /** Requests running now. */
  get activeCount(): number {
    return this.#limit.activeCount;
  }

  /** Requests waiting for a slot. */
  get pendingCount(): number {
    return this.#limit.pendingCount;
  }

  /** Runs `fn` in a slot (waiting for the rate window too). Rejects with {@link AbortedError} if `signal` aborts while queued. */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    const task = async (): Promise<T> => {
      if (signal?.aborted) throw new AbortedError();
      if (this.#rate) await this.#waitForRate(signal);
      return fn();
    };
    if (!signal) return this.#limit(task);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new AbortedError());
      signal.addEventListener("abort", onAbort, { once: true });
      this.#limit(task).then(
        (v) => {
          signal.removeEventListener("abort", onAbort);
          resolve(v);
        },
        (e: unknown) => {
          signal.removeEventListener("abort", onAbort);
          reject(e);
        },
      );
    });
  }

  /** The server throttled a request that started at adaptive `epoch`. Returns the new limit. */
  onThrottle(epoch?: number): number {
    if (!this.adaptive) return this.#limit.concurrency;
    const next = this.adaptive.onThrottle(epoch);
    if (next !== this.#limit.concurrency) this.#limit.concurrency = next;
    return next;
  }

  /** A request succeeded. */
  onSuccess(): void {
    if (!this.adaptive || this.adaptive.settled) return;
    const next = this.adaptive.onSuccess();
    if (next !== this.#limit.concurrency) this.#limit.concurrency = next;
  }

  async #waitForRate(signal?: AbortSignal): Promise<void> {
    const rate = this.#rate;
    if (!rate) return;
    for (;;) {
      const now = performance.now();
      while (this.#starts.length > 0 && now - (this.#starts[0] as number) >= rate.intervalMs)
        this.#starts.shift();
      if (this.#starts.length < rate.limit) {
        this.#starts.push(now);
        return;
      }
      await sleep(rate.intervalMs - (now - (this.#starts[0] as number)), signal);
    }
  }
}
