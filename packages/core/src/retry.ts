import { AbortedError, HttpError, type LedgerlineError, TimeoutError } from "./errors.js";
import { RetryBudget, type RetryBudgetOptions } from "./retry-budget.js";

/** HTTP methods retried without being marked idempotent. POST, PUT and PATCH need `idempotent: true`. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "DELETE"]);

/** Statuses retried by default. */
export const DEFAULT_RETRYABLE_STATUSES: readonly number[] = [408, 425, 429, 500, 502, 503, 504];

/** What a classifier sees. */
export interface RetryDecisionContext {
  error: LedgerlineError;
  /** The attempt that failed (1-based). */
  attempt: number;
  method: string;
  /** Whether the request may be sent twice (safe method or marked idempotent). */
  idempotent: boolean;
}

/** Retry policy of a client. Every field is optional. */
export interface RetryOptions {
  /** Total attempts including the first. `1` disables retries. @default 3 */
  maxAttempts?: number;
  /** Delay before the first retry; doubles each retry. @default 500 */
  baseDelayMs?: number;
  /** Cap of the computed backoff delay. @default 8000 */
  maxDelayMs?: number;
  /**
   * Cap of a server-requested delay (`Retry-After`, `retry-after-ms`). A longer hint is shortened to
   * this value (the error keeps the full `retryAfterMs`). @default 30000
   */
  maxRetryAfterMs?: number;
  /** Share of the delay randomised away (0 = none, 1 = full jitter): delay × (1 − jitter × random). @default 0.5 */
  jitter?: number;
  /** HTTP statuses worth retrying. @default [408, 425, 429, 500, 502, 503, 504] */
  retryableStatuses?: readonly number[];
  /** Vendor codes always worth retrying (e.g. `"UNABLE_TO_LOCK_ROW"`, `"CONCURRENCY_LIMIT_EXCEEDED"`). */
  retryableVendorCodes?: readonly string[];
  /** Vendor codes never worth retrying whatever the status (e.g. `"REQUEST_LIMIT_EXCEEDED"`). */
  nonRetryableVendorCodes?: readonly string[];
  /**
   * Vendor codes of refusals made before the server did any work — NetSuite's 429
   * `CONCURRENCY_LIMIT_EXCEEDED` is answered before the request runs, so nothing was written. Such a
   * refusal is retried whatever the method (even a non-idempotent POST), does not count against
   * `maxAttempts` nor spend the retry budget, and is retried with growing, jittered delays until
   * `refusalMaxWaitMs` after the request started or the caller's signal aborts (the run's deadline).
   * A code that means a write was attempted (Salesforce `UNABLE_TO_LOCK_ROW`) does not belong here: list
   * it in `retryableVendorCodes`.
   */
  refusalVendorCodes?: readonly string[];
  /** How long a request keeps retrying refusals ({@link RetryOptions.refusalVendorCodes}). @default 900000 (15 min) */
  refusalMaxWaitMs?: number;
  /**
   * Final say on whether an error is retryable; receives the default decision. Idempotency and the retry
   * budget still apply afterwards.
   */
  classify?: (context: RetryDecisionContext, defaultDecision: boolean) => boolean;
  /** Retry quota shared by all requests of the client; `false` disables it. Pass an instance to share it across clients. */
  budget?: RetryBudget | RetryBudgetOptions | false;
  /** Random source in [0, 1) for jitter (tests). @default Math.random */
  random?: () => number;
}

/** Resolved retry policy. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly jitter: number;
  readonly retryableStatuses: ReadonlySet<number>;
  readonly retryableVendorCodes: ReadonlySet<string>;
  readonly nonRetryableVendorCodes: ReadonlySet<string>;
  readonly refusalVendorCodes: ReadonlySet<string>;
  readonly refusalMaxWaitMs: number;
  readonly classify: RetryOptions["classify"];
  readonly budget: RetryBudget | undefined;
  readonly random: () => number;
}

function checkNumber(name: string, value: number, min: number): number {
  if (typeof value !== "number" || Number.isNaN(value) || value < min) {
    throw new TypeError(`retry.${name} must be a number ≥ ${min}, got ${String(value)}`);
  }
  return value;
}

/** Validates options (a `TypeError` names the bad option) and fills defaults. `false` → no retries. */
export function resolveRetryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  const o = options === false ? { maxAttempts: 1, budget: false as const } : (options ?? {});
  const jitter = checkNumber("jitter", o.jitter ?? 0.5, 0);
  if (jitter > 1) throw new TypeError(`retry.jitter must be between 0 and 1, got ${jitter}`);
  return {
    maxAttempts: Math.floor(checkNumber("maxAttempts", o.maxAttempts ?? 3, 1)),
    baseDelayMs: checkNumber("baseDelayMs", o.baseDelayMs ?? 500, 0),
    maxDelayMs: checkNumber("maxDelayMs", o.maxDelayMs ?? 8000, 0),
    maxRetryAfterMs: checkNumber("maxRetryAfterMs", o.maxRetryAfterMs ?? 30_000, 0),
    jitter,
    retryableStatuses: new Set(o.retryableStatuses ?? DEFAULT_RETRYABLE_STATUSES),
    retryableVendorCodes: new Set(o.retryableVendorCodes ?? []),
    nonRetryableVendorCodes: new Set(o.nonRetryableVendorCodes ?? []),
    refusalVendorCodes: new Set(o.refusalVendorCodes ?? []),
    refusalMaxWaitMs: checkNumber("refusalMaxWaitMs", o.refusalMaxWaitMs ?? 900_000, 0),
    classify: o.classify,
    budget:
      o.budget === false ? undefined : o.budget instanceof RetryBudget ? o.budget : new RetryBudget(o.budget),
    random: o.random ?? Math.random,
  };
}

/**
 * Parses a server's retry hint: `retry-after-ms` (milliseconds), else `Retry-After` as delay-seconds or an
 * HTTP date. Returns milliseconds (≥ 0) or `undefined`.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "") {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return Math.round(n);
  }
  const ra = headers.get("retry-after");
  if (ra === null || ra.trim() === "") return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(ra)) return Math.round(Number(ra) * 1000);
  const date = Date.parse(ra);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Default classification of a failed attempt as retryable (before idempotency and budget). */
export function isRetryableByDefault(error: LedgerlineError, policy: RetryPolicy): boolean {
  if (error instanceof AbortedError) return false;
  if (error instanceof HttpError) {
    if (error.vendorCode !== undefined) {
      if (policy.nonRetryableVendorCodes.has(error.vendorCode)) return false;
      if (policy.retryableVendorCodes.has(error.vendorCode)) return true;
    }
    return error.retryable;
  }
  return error.retryable;
}

/** Whether a failed attempt is a refusal made before any work ({@link RetryOptions.refusalVendorCodes}). */
export function isRefusal(error: unknown, policy: RetryPolicy): error is HttpError {
  return (
    error instanceof HttpError &&
    error.vendorCode !== undefined &&
    policy.refusalVendorCodes.has(error.vendorCode)
  );
}

/**
 * Delay before retry number `retry` (1-based): a server hint capped at `maxRetryAfterMs`, else
 * `min(baseDelayMs · 2^(retry−1), maxDelayMs)` × (1 − jitter × random).
 */
export function retryDelay(policy: RetryPolicy, retry: number, retryAfterMs: number | undefined): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const exp = Math.min(policy.baseDelayMs * 2 ** (retry - 1), policy.maxDelayMs);
  return Math.round(exp * (1 - policy.jitter * policy.random()));
}

/** Sleeps `ms`, rejecting with {@link AbortedError} if `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** True if the failure was a timeout (a retry after it costs more budget). */
export function isTimeout(error: LedgerlineError): boolean {
  return error instanceof TimeoutError;
}
