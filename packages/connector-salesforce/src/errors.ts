import { LedgerlineError, type ParsedVendorError, type ValidationIssue } from "@ledgerline/core";

/** Salesforce error codes the connector treats specially. */
export const SALESFORCE_ERROR_CODES = {
  /** Transient row lock held by another transaction: retried with backoff. */
  unableToLockRow: "UNABLE_TO_LOCK_ROW",
  /** The org's rolling 24-hour API allocation is used up (403): never retried. */
  requestLimitExceeded: "REQUEST_LIMIT_EXCEEDED",
  /** Expired or revoked session (401): the token is refreshed once and the request resent. */
  invalidSessionId: "INVALID_SESSION_ID",
  /** Unknown field, object or external-id field. */
  invalidField: "INVALID_FIELD",
  notFound: "NOT_FOUND",
  malformedQuery: "MALFORMED_QUERY",
  duplicateValue: "DUPLICATE_VALUE",
  serverUnavailable: "SERVER_UNAVAILABLE",
} as const;

/** Validation-type codes that are never retried, whatever the status. */
export const NON_RETRYABLE_CODES: readonly string[] = [
  SALESFORCE_ERROR_CODES.requestLimitExceeded,
  SALESFORCE_ERROR_CODES.invalidField,
  SALESFORCE_ERROR_CODES.duplicateValue,
  SALESFORCE_ERROR_CODES.malformedQuery,
  "FIELD_CUSTOM_VALIDATION_EXCEPTION",
  "REQUIRED_FIELD_MISSING",
  "INVALID_TYPE",
  "STRING_TOO_LONG",
];

/** One entry of Salesforce's error body. */
export interface SalesforceApiError {
  message: string;
  errorCode: string;
  fields?: string[] | undefined;
}

function isApiError(v: unknown): v is SalesforceApiError {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as { errorCode?: unknown }).errorCode === "string" &&
    typeof (v as { message?: unknown }).message === "string"
  );
}

/**
 * Reads a Salesforce error body: the usual array `[{ message, errorCode, fields }]` or the single object
 * some composite failures and gateways send. Anything else gives `[]`. Never throws.
 */
export function readSalesforceErrors(bodyText: string): SalesforceApiError[] {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return [];
  }
  if (Array.isArray(body)) return body.filter(isApiError);
  return isApiError(body) ? [body] : [];
}

/**
 * core `parseError` hook: vendor code = the first `errorCode`, blamed fields as issues;
 * `UNABLE_TO_LOCK_ROW` retryable, `REQUEST_LIMIT_EXCEEDED` a non-retryable rate-limit error.
 */
export function parseSalesforceError(response: Response, bodyText: string): ParsedVendorError | undefined {
  const errors = readSalesforceErrors(bodyText);
  const first = errors[0];
  if (!first) return response.status === 420 ? { retryable: true } : undefined;
  const issues: ValidationIssue[] = errors.flatMap((e) =>
    (e.fields ?? []).map((f) => ({ path: f, message: e.errorCode, code: e.errorCode })),
  );
  const parsed: ParsedVendorError = { vendorCode: first.errorCode, message: first.message };
  if (issues.length > 0) parsed.issues = issues;
  if (first.fields?.[0]) parsed.path = first.fields[0];
  if (first.errorCode === SALESFORCE_ERROR_CODES.unableToLockRow) parsed.retryable = true;
  if (first.errorCode === SALESFORCE_ERROR_CODES.requestLimitExceeded) {
    parsed.retryable = false;
    parsed.kind = "rate-limit";
  } else if (NON_RETRYABLE_CODES.includes(first.errorCode)) {
    parsed.retryable = false;
  }
  return parsed;
}

/**
 * Thrown before a request is sent when the org's daily API usage (from `Sforce-Limit-Info`) has reached
 * the configured share of its allocation, or when Salesforce answers 403 `REQUEST_LIMIT_EXCEEDED`
 * through {@link upsertRecords}. Never retryable: wait for the rolling 24-hour window to free calls.
 */
export class SalesforceBudgetError extends LedgerlineError {
  override name = "SalesforceBudgetError";
  /** Calls used in the rolling 24 hours, as last reported. */
  readonly used: number;
  /** The org's allocation, as last reported. */
  readonly max: number;
  /** The share of `max` at which the guard stops sending. */
  readonly maxShare: number;
  constructor(used: number, max: number, maxShare: number) {
    super(
      "API_BUDGET_EXHAUSTED",
      `Salesforce daily API budget reached: ${used}/${max} calls used, guard stops at ${Math.round(maxShare * 100)} %`,
      { retryable: false, system: "salesforce" },
    );
    this.used = used;
    this.max = max;
    this.maxShare = maxShare;
  }
}
