import { AdaptiveConcurrency, type AdaptiveConcurrencyOptions } from "./adaptive-concurrency.js";
import { AbortedError } from "./errors.js";
import { sleep } from "./retry.js";

/** Limits of a client (or of several clients sharing one {@link Limiter}). */
export interface LimiterOptions {
  /** Most requests in flight at once — the ceiling adaptive concurrency never exceeds. @default 10 */
  maxConcurrency?: number;
  /** Optional rate limit: at most `limit` request starts in any `intervalMs` window. */
  ratePerInterval?: { limit: number; intervalMs: number };
  /** Halve concurrency on 429 / governance errors and climb back on success. `true` = defaults. @default false */
  adaptive?: boolean | AdaptiveConcurrencyOptions;
}

/**
 * Bounds in-flight requests (a FIFO semaphore with p-limit's semantics), optionally their rate, and adapts concurrency to
 * throttling. Share one instance between clients that draw on the same vendor quota (NetSuite
 * concurrency is per account).
 */
export class Limiter {
  readonly maxConcurrency: number;
  readonly adaptive: AdaptiveConcurrency | undefined;
  #concurrency: number;
  #active = 0;
  /** FIFO of waiting starts; `#queueHead` is the next one (avoids O(n) `shift`). */
  readonly #queue: (() => void)[] = [];
  #queueHead = 0;
  readonly #rate: { limit: number; intervalMs: number } | undefined;
  readonly #starts: number[] = [];

  constructor(options: LimiterOptions = {}) {
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
    this.#concurrency = max;
  }

  /** Current concurrency limit (≤ `maxConcurrency`). */
  get concurrency(): number {
    return this.#concurrency;
  }

  /** Requests running now. */
  get activeCount(): number {
    return this.#active;
  }

  /** Requests waiting for a slot. */
  get pendingCount(): number {
    return this.#queue.length - this.#queueHead;
  }

  /** Runs `fn` in a slot (waiting for the rate window too). Rejects with {@link AbortedError} if `signal` aborts while queued. */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    // Fast path (the common case): a slot is free, nobody is waiting, no rate window and no signal to
    // follow, so the task starts synchronously — no queue entry and no extra promise hops.
    if (!signal && !this.#rate && this.#active < this.#concurrency && this.pendingCount === 0) {
      return this.#start(fn);
    }
    const task = async (): Promise<T> => {
      if (signal?.aborted) throw new AbortedError();
      if (this.#rate) await this.#waitForRate(signal);
      return fn();
    };
    return new Promise<T>((resolve, reject) => {
      const onAbort = signal ? () => reject(new AbortedError()) : undefined;
      if (signal && onAbort) signal.addEventListener("abort", onAbort, { once: true });
      const settle = (p: Promise<T>) =>
        p.then(
          (v) => {
            if (signal && onAbort) signal.removeEventListener("abort", onAbort);
            resolve(v);
          },
          (e: unknown) => {
            if (signal && onAbort) signal.removeEventListener("abort", onAbort);
            reject(e);
          },
        );
      if (this.#active < this.#concurrency && this.pendingCount === 0) settle(this.#start(task));
      else this.#queue.push(() => settle(this.#start(task)));
    });
  }

  /** Takes a slot, runs `fn`, and frees the slot (starting the next queued task) when it settles. */
  #start<T>(fn: () => Promise<T>): Promise<T> {
    this.#active++;
    let result: Promise<T>;
    try {
      // Typed as a promise, but tolerate plain values from JavaScript callers (p-limit did).
      const r: Promise<T> | T = fn();
      result = r instanceof Promise ? r : Promise.resolve(r);
    } catch (e) {
      result = Promise.reject(e);
    }
    result.then(this.#release, this.#release);
    return result;
  }

  readonly #release = (): void => {
    this.#active--;
    this.#drain();
  };

  #drain(): void {
    while (this.#active < this.#concurrency && this.#queueHead < this.#queue.length) {
      const next = this.#queue[this.#queueHead] as () => void;
      this.#queue[this.#queueHead] = undefined as unknown as () => void;
      this.#queueHead++;
      if (this.#queueHead === this.#queue.length) {
        this.#queue.length = 0;
        this.#queueHead = 0;
      }
      next();
    }
  }

  #setConcurrency(next: number): void {
    this.#concurrency = next;
    // Raising the limit starts waiting tasks (p-limit did this in a microtask too).
    queueMicrotask(() => this.#drain());
  }

  /** The server throttled a request that started at adaptive `epoch`. Returns the new limit. */
  onThrottle(epoch?: number): number {
    if (!this.adaptive) return this.#concurrency;
    const next = this.adaptive.onThrottle(epoch);
    if (next !== this.#concurrency) this.#setConcurrency(next);
    return next;
  }

  /** A request succeeded. */
  onSuccess(): void {
    if (!this.adaptive || this.adaptive.limit >= this.maxConcurrency) return;
    const next = this.adaptive.onSuccess();
    if (next !== this.#concurrency) this.#setConcurrency(next);
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
