/**
 * The typed error hierarchy every Ledgerline package throws.
 *
 * ```
 * LedgerlineError
 * ├── HttpError            (non-2xx response after retries)
 * │   ├── AuthError        (401, 403, token endpoint failures)
 * │   ├── RateLimitError   (429 and vendor governance / quota errors)
 * │   ├── ConflictError    (409 and vendor conflicts)
 * │   ├── BadRequestError  (400, 422: the vendor rejected the content)
 * │   └── NotFoundError    (404)
 * ├── ValidationError      (bad input detected before or instead of a call)
 * ├── TimeoutError         (an attempt ran out of time)
 * ├── NetworkError         (connection failed / reset, no response)
 * └── AbortedError         (the caller aborted via AbortSignal; never retried)
 * ```
 *
 * Messages and body excerpts are redacted before an error is constructed: they never carry tokens,
 * client secrets or caller-configured sensitive values.
 */

/** Machine-readable code of a {@link LedgerlineError}. */
export type LedgerlineErrorCode =
  | "HTTP_ERROR"
  | "AUTH_ERROR"
  | "RATE_LIMITED"
  | "CONFLICT"
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "VALIDATION_ERROR"
  | "TIMEOUT"
  | "NETWORK_ERROR"
  | "ABORTED";

/** Fields shared by every {@link LedgerlineError}. */
export interface LedgerlineErrorOptions {
  /** Correlation id of the operation (see `withCorrelation`). */
  correlationId?: string | undefined;
  /** Whether retrying the same operation may succeed. */
  retryable?: boolean | undefined;
  /** How many attempts were made (1 = no retry). */
  attempts?: number | undefined;
  /** System the error came from, e.g. `"netsuite"`. */
  system?: string | undefined;
  /** Underlying error, if any. */
  cause?: unknown;
}

/** Base class of every error Ledgerline throws on purpose. */
export class LedgerlineError extends Error {
  override name = "LedgerlineError";
  /** Machine-readable code. */
  readonly code: LedgerlineErrorCode | string;
  /** Correlation id of the operation that failed, when known. */
  correlationId: string | undefined;
  /** Whether retrying the same operation may succeed. */
  retryable: boolean;
  /** Number of attempts made before giving up (1 when not retried). */
  attempts: number;
  /** System the error came from (`"netsuite"`, `"kantata"` …). */
  system: string | undefined;

  constructor(code: LedgerlineErrorCode | string, message: string, options: LedgerlineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.correlationId = options.correlationId;
    this.retryable = options.retryable ?? false;
    this.attempts = options.attempts ?? 1;
    this.system = options.system;
  }
}

/** One problem with an input or a request body: which field, and why. */
export interface ValidationIssue {
  /** Field path, e.g. `"lines.0.amount"` or `"customer"`. */
  path: string;
  /** Human-readable reason (redacted: never contains the rejected sensitive value). */
  message: string;
  /** Optional machine-readable reason code (vendor or Ledgerline). */
  code?: string | undefined;
}

/** Options of an {@link HttpError}. */
export interface HttpErrorOptions extends LedgerlineErrorOptions {
  status: number;
  method: string;
  /** Request URL with credential-like query parameters and userinfo redacted. */
  url: string;
  vendorCode?: string | undefined;
  requestId?: string | undefined;
  /** Redacted, truncated excerpt of the response body. */
  bodyExcerpt?: string | undefined;
  /** Vendor-reported field path, if the vendor names one. */
  path?: string | undefined;
  /** Delay the server asked for (Retry-After / retry-after-ms), in milliseconds. */
  retryAfterMs?: number | undefined;
  /** Field-level problems reported by the vendor. */
  issues?: ValidationIssue[] | undefined;
}

/** A non-2xx HTTP response (after retries). Subclasses narrow it by status or vendor meaning. */
export class HttpError extends LedgerlineError {
  override name = "HttpError";
  /** HTTP status code. */
  readonly status: number;
  /** HTTP method of the request. */
  readonly method: string;
  /** Redacted request URL. */
  readonly url: string;
  /** Vendor error code (NetSuite `o:errorCode`, Salesforce `errorCode` …). */
  readonly vendorCode: string | undefined;
  /** Vendor request id from the response headers, for support tickets. */
  readonly requestId: string | undefined;
  /** Redacted, truncated response body. */
  readonly bodyExcerpt: string | undefined;
  /** Vendor-reported field path, if any. */
  readonly path: string | undefined;
  /** Delay the server asked for, in milliseconds, if it sent one. */
  readonly retryAfterMs: number | undefined;
  /** Field-level problems reported by the vendor (may be empty). */
  readonly issues: ValidationIssue[];

  constructor(message: string, options: HttpErrorOptions, code: LedgerlineErrorCode | string = "HTTP_ERROR") {
    super(code, message, options);
    this.status = options.status;
    this.method = options.method;
    this.url = options.url;
    this.vendorCode = options.vendorCode;
    this.requestId = options.requestId;
    this.bodyExcerpt = options.bodyExcerpt;
    this.path = options.path;
    this.retryAfterMs = options.retryAfterMs;
    this.issues = options.issues ?? [];
  }
}

/** 401 / 403, or a token endpoint refusing the credentials. */
export class AuthError extends HttpError {
  override name = "AuthError";
  constructor(message: string, options: HttpErrorOptions) {
    super(message, options, "AUTH_ERROR");
  }
}

/** 429 or a vendor governance / quota error. `retryAfterMs` holds the server's hint, if any. */
export class RateLimitError extends HttpError {
  override name = "RateLimitError";
  constructor(message: string, options: HttpErrorOptions) {
    super(message, options, "RATE_LIMITED");
  }
}

/** 409 or a vendor conflict (duplicate key, idempotency key reuse). */
export class ConflictError extends HttpError {
  override name = "ConflictError";
  constructor(message: string, options: HttpErrorOptions) {
    super(message, options, "CONFLICT");
  }
}

/** 400 / 422: the vendor rejected the request content. `issues` lists field problems when known. */
export class BadRequestError extends HttpError {
  override name = "BadRequestError";
  constructor(message: string, options: HttpErrorOptions) {
    super(message, options, "BAD_REQUEST");
  }
}

/** 404: the addressed record or endpoint does not exist. */
export class NotFoundError extends HttpError {
  override name = "NotFoundError";
  constructor(message: string, options: HttpErrorOptions) {
    super(message, options, "NOT_FOUND");
  }
}

/** Bad input detected by Ledgerline (or a handler) — names every field and reason. Never retryable. */
export class ValidationError extends LedgerlineError {
  override name = "ValidationError";
  /** Every problem found, each with its field path. */
  readonly issues: ValidationIssue[];
  constructor(message: string, issues: ValidationIssue[], options: LedgerlineErrorOptions = {}) {
    super("VALIDATION_ERROR", message, { ...options, retryable: false });
    this.issues = issues;
  }
}

/** Options of errors raised for a request that got no response. */
export interface RequestErrorOptions extends LedgerlineErrorOptions {
  method?: string | undefined;
  /** Redacted request URL. */
  url?: string | undefined;
}

/** An attempt (or the token request) exceeded its time budget. */
export class TimeoutError extends LedgerlineError {
  override name = "TimeoutError";
  readonly method: string | undefined;
  readonly url: string | undefined;
  /** The timeout that elapsed, in milliseconds. */
  readonly timeoutMs: number | undefined;
  constructor(message: string, options: RequestErrorOptions & { timeoutMs?: number | undefined } = {}) {
    super("TIMEOUT", message, options);
    this.method = options.method;
    this.url = options.url;
    this.timeoutMs = options.timeoutMs;
  }
}

/** The connection failed or was reset before a response arrived. */
export class NetworkError extends LedgerlineError {
  override name = "NetworkError";
  readonly method: string | undefined;
  readonly url: string | undefined;
  constructor(message: string, options: RequestErrorOptions = {}) {
    super("NETWORK_ERROR", message, options);
    this.method = options.method;
    this.url = options.url;
  }
}

/** The caller aborted the operation through its `AbortSignal`. Distinct from {@link TimeoutError}; never retried. */
export class AbortedError extends LedgerlineError {
  override name = "AbortedError";
  constructor(message = "The operation was aborted by the caller", options: RequestErrorOptions = {}) {
    super("ABORTED", message, { ...options, retryable: false });
  }
}

/** True if `err` is a {@link LedgerlineError} marked retryable. Unknown errors are not retryable. */
export function isRetryable(err: unknown): boolean {
  return err instanceof LedgerlineError && err.retryable;
}

/** True if `err` is any {@link LedgerlineError}. */
export function isLedgerlineError(err: unknown): err is LedgerlineError {
  return err instanceof LedgerlineError;
}
