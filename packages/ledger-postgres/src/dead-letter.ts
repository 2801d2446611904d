import { isLedgerlineError, ValidationError } from "@ledgerline/core";

/** What went wrong with a record, as kept with its dead letter: never the record's values, only where and why. */
export interface DeadLetterError {
  /** Error class (`ValidationError`, `RateLimitError`, `TypeError` …). */
  name: string;
  /** Machine-readable code, when the error has one (`VALIDATION_ERROR`, `RATE_LIMITED`, `JOB_EXPIRED` …). */
  code?: string;
  /** The error's message (Ledgerline errors are redacted at the source). */
  message: string;
  /** Field problems of a rejection: which field, and why. */
  issues?: Array<{ path: string; message: string; code?: string }>;
}

/** A record that could not be posted and was set aside, with its error — reported, never dropped. */
export interface DeadLetter<T = unknown> {
  /** Id of the dead letter (use it to retry or discard it). */
  id: string;
  /** Queue the record came from. */
  queue: string;
  /** Canonical key of the record. */
  key: string;
  /** The record as it was enqueued. */
  record: T;
  /** Why it was set aside. */
  error: DeadLetterError;
  /** Attempts made (1 when it was rejected outright). */
  attempts: number;
  /** When it was set aside, as an ISO 8601 instant. */
  failedAt: string;
}

/** Dead letters of one queue, grouped by what went wrong — the report to act on. */
export interface DeadLetterReport<T = unknown> {
  /** Queue reported on. */
  queue: string;
  /** Dead letters in all. */
  total: number;
  /** How many per error code (or name, when there is no code), most frequent first. */
  byReason: Array<{ reason: string; count: number }>;
  /** The dead letters, oldest first (at most the `limit` asked for). */
  letters: Array<DeadLetter<T>>;
}

/** The error as kept with a dead letter: name, code, message and field issues; no stack, no values. @internal */
export function describeError(error: unknown): DeadLetterError {
  if (error instanceof ValidationError) {
    return {
      name: error.name,
      code: String(error.code),
      message: error.message,
      issues: error.issues.map((i) => ({
        path: i.path,
        message: i.message,
        ...(i.code ? { code: i.code } : {}),
      })),
    };
  }
  if (isLedgerlineError(error)) return { name: error.name, code: String(error.code), message: error.message };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: "Error", message: "non-Error value thrown" };
}
