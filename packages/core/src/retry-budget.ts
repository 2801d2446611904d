import { numberAtLeast, optionsObject, parseOptions } from "./options.js";

const retryBudgetSchema = optionsObject({
  capacity: numberAtLeast(0).optional(),
  retryCost: numberAtLeast(0).optional(),
  timeoutRetryCost: numberAtLeast(0).optional(),
  successIncrement: numberAtLeast(0).optional(),
});

/** Options of a {@link RetryBudget}. Defaults are the AWS SDK v3 standard retry quota. */
export interface RetryBudgetOptions {
  /** Tokens in a full bucket. @default 500 */
  capacity?: number;
  /** Tokens a retry costs. @default 5 */
  retryCost?: number;
  /** Tokens a retry after a timeout costs. @default 10 */
  timeoutRetryCost?: number;
  /** Tokens a request that succeeded on its first attempt adds back. @default 1 */
  successIncrement?: number;
}

/**
 * A retry quota token bucket (as in the AWS SDK's standard retry mode): every retry spends tokens,
 * every success pays some back, and when the bucket is empty the client stops retrying so a failing
 * dependency is not hit by a retry storm.
 *
 * Sizing (defaults): at a steady 20 % transient-fault rate with 3 attempts, the 3.2 % of requests that
 * need two retries keep 5 tokens and the 0.8 % that fail three times keep 10 (0.24 tokens per request),
 * while the 80 % that succeed at once pay back 0.8 → the bucket stays full and every fault is retried. When most requests fail (e.g. 80 %), each request costs ≈ 5.6 tokens
 * net, a full bucket lasts ≈ 90 requests, then at most one retry per ~25 requests is allowed.
 */
export class RetryBudget {
  readonly capacity: number;
  readonly retryCost: number;
  readonly timeoutRetryCost: number;
  readonly successIncrement: number;
  #available: number;

  /** @throws TypeError naming the option when an option is invalid */
  constructor(options: RetryBudgetOptions = {}) {
    parseOptions(retryBudgetSchema, options, "RetryBudget");
    this.capacity = positive("retry.budget.capacity", options.capacity ?? 500);
    this.retryCost = positive("retry.budget.retryCost", options.retryCost ?? 5);
    this.timeoutRetryCost = positive("retry.budget.timeoutRetryCost", options.timeoutRetryCost ?? 10);
    this.successIncrement = options.successIncrement ?? 1;
    this.#available = this.capacity;
  }

  /** Tokens currently in the bucket. */
  get available(): number {
    return this.#available;
  }

  /** Takes the cost of one retry; returns the cost taken, or `undefined` when the budget is exhausted. */
  tryAcquire(afterTimeout = false): number | undefined {
    const cost = afterTimeout ? this.timeoutRetryCost : this.retryCost;
    if (this.#available < cost) return undefined;
    this.#available -= cost;
    return cost;
  }

  /**
   * Records a success: refunds `lastRetryCost` if the success came after a retry, otherwise adds
   * `successIncrement`. Never exceeds `capacity`.
   */
  recordSuccess(lastRetryCost?: number): void {
    this.#available = Math.min(this.capacity, this.#available + (lastRetryCost ?? this.successIncrement));
  }
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new TypeError(`${name} must be a positive number, got ${value}`);
  return value;
}
