import type { LedgerlineError } from "./errors.js";

/** Fields every HTTP lifecycle event carries. URLs are redacted. */
export interface RequestEventBase {
  /** Client `system` (e.g. `"netsuite"`). */
  system: string;
  method: string;
  /** Redacted URL. */
  url: string;
  correlationId: string;
}

/** Emitted once per logical request, before the first attempt. */
export interface RequestStartEvent extends RequestEventBase {}

/** Emitted once per logical request, after the last attempt. */
export interface RequestEndEvent extends RequestEventBase {
  /** Final HTTP status, if a response arrived. */
  status: number | undefined;
  /** Attempts made (1 = not retried). */
  attempts: number;
  /** Wall time of the whole request including retries and waits, in milliseconds. */
  durationMs: number;
  /** The error thrown to the caller, if it failed. */
  error: LedgerlineError | undefined;
}

/** Emitted before waiting for a retry. */
export interface RetryEvent extends RequestEventBase {
  /** The attempt that failed (1-based). */
  attempt: number;
  /** How long the client will wait before the next attempt, in milliseconds. */
  delayMs: number;
  /** Duration of the failed attempt, in milliseconds. */
  durationMs: number;
  error: LedgerlineError;
}

/** Emitted when the server throttled a request (429 or vendor governance). */
export interface RateLimitedEvent extends RequestEventBase {
  status: number;
  vendorCode: string | undefined;
  /** Server's requested delay, if it gave one. */
  retryAfterMs: number | undefined;
  /** Client concurrency limit after adapting to the throttle. */
  concurrency: number;
  /** Duration of the throttled attempt, in milliseconds. */
  durationMs: number;
}

/** Callbacks for metrics and tracing. A hook that throws is logged and ignored. */
export interface HttpHooks {
  onRequestStart?(event: RequestStartEvent): void;
  onRequestEnd?(event: RequestEndEvent): void;
  onRetry?(event: RetryEvent): void;
  onRateLimited?(event: RateLimitedEvent): void;
}

/** Combines several hook sets into one that calls each in order. */
export function combineHooks(...hooks: (HttpHooks | undefined)[]): HttpHooks {
  const list = hooks.filter((h): h is HttpHooks => h !== undefined);
  return {
    onRequestStart: (e) => {
      for (const h of list) h.onRequestStart?.(e);
    },
    onRequestEnd: (e) => {
      for (const h of list) h.onRequestEnd?.(e);
    },
    onRetry: (e) => {
      for (const h of list) h.onRetry?.(e);
    },
    onRateLimited: (e) => {
      for (const h of list) h.onRateLimited?.(e);
    },
  };
}
