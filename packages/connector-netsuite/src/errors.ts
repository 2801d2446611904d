import { LedgerlineError, type ParsedVendorError, type ParseErrorHook } from "@ledgerline/core";
import { parseErrorBody } from "./error-body.js";

/** NetSuite `o:errorCode` values the connector treats specially. */
export const NETSUITE_ERROR_CODES = {
  concurrencyLimitExceeded: "CONCURRENCY_LIMIT_EXCEEDED",
  invalidLogin: "INVALID_LOGIN",
  invalidContent: "INVALID_CONTENT",
  nonexistentId: "NONEXISTENT_ID",
  invalidRequest: "INVALID_REQUEST",
  invalidParameter: "INVALID_PARAMETER",
  unexpectedError: "UNEXPECTED_ERROR",
  userError: "USER_ERROR",
  idempotencyError: "IDEMPOTENCY_ERROR",
} as const;

/**
 * The `parseError` hook given to core's HTTP client: reads `o:errorDetails` (tolerating malformed JSON),
 * and classifies the error:
 * - 429 or `CONCURRENCY_LIMIT_EXCEEDED` (whatever the status, Oracle's sample says "Bad Request") →
 *   rate limit, retryable; core's adaptive concurrency halves the in-flight limit.
 * - `INVALID_LOGIN` → auth; `NONEXISTENT_ID` → not found; `IDEMPOTENCY_ERROR` → conflict;
 *   `INVALID_CONTENT` / `INVALID_PARAMETER` / `INVALID_REQUEST` / `USER_ERROR` → validation, not retryable.
 * - `UNEXPECTED_ERROR` (500) stays retryable by status.
 * Every detail becomes an issue `{ path: o:errorPath, message: detail, code: o:errorCode }`.
 */
export const parseNetSuiteError: ParseErrorHook = (response, bodyText) => {
  const body = parseErrorBody(bodyText);
  const first = body.details[0];
  const code = first?.errorCode;
  const parsed: ParsedVendorError = {
    vendorCode: code,
    message: first?.detail || body.title,
    path: first?.errorPath,
    issues: body.details.map((d) => ({ path: d.errorPath ?? "", message: d.detail, code: d.errorCode })),
  };
  if (response.status === 429 || code === NETSUITE_ERROR_CODES.concurrencyLimitExceeded) {
    return { ...parsed, kind: "rate-limit", retryable: true };
  }
  switch (code) {
    case NETSUITE_ERROR_CODES.invalidLogin:
      return { ...parsed, kind: "auth", retryable: false };
    case NETSUITE_ERROR_CODES.nonexistentId:
      return { ...parsed, kind: "not-found", retryable: false };
    case NETSUITE_ERROR_CODES.idempotencyError:
      return { ...parsed, kind: "conflict", retryable: false };
    case NETSUITE_ERROR_CODES.invalidContent:
    case NETSUITE_ERROR_CODES.invalidParameter:
    case NETSUITE_ERROR_CODES.invalidRequest:
    case NETSUITE_ERROR_CODES.userError:
      return response.status >= 500 ? parsed : { ...parsed, kind: "validation", retryable: false };
    default:
      return parsed;
  }
};

/** SuiteQL refuses to page past 100,000 rows; thrown before the first row is yielded. */
export class SuiteQLRowLimitError extends LedgerlineError {
  override name = "SuiteQLRowLimitError";
  /** Rows the query would return. */
  readonly totalResults: number;
  /** The cap (100,000). */
  readonly limit: number;
  constructor(totalResults: number, limit: number) {
    super(
      "SUITEQL_ROW_LIMIT",
      `SuiteQL query matches ${totalResults} rows but SuiteQL returns at most ${limit}; narrow the query (e.g. a shorter date range) or page by id`,
      { system: "netsuite", retryable: false },
    );
    this.totalResults = totalResults;
    this.limit = limit;
  }
}

/** An async batch job ended without results for some records (failed, cancelled or timed out while polling). */
export class BatchJobError extends LedgerlineError {
  override name = "BatchJobError";
  /** NetSuite async job id. */
  readonly jobId: string;
  constructor(jobId: string, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super("NETSUITE_BATCH_JOB", message, { system: "netsuite", ...options });
    this.jobId = jobId;
  }
}
