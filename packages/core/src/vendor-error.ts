import {
  AuthError,
  BadRequestError,
  ConflictError,
  HttpError,
  type HttpErrorOptions,
  NotFoundError,
  RateLimitError,
  type ValidationIssue,
} from "./errors.js";

/** Which error class a vendor error maps to, when the status alone doesn't say. */
export type VendorErrorKind = "auth" | "rate-limit" | "conflict" | "validation" | "not-found" | "other";

/**
 * What a connector's `parseError` hook extracts from a vendor error body. Every field is optional; what
 * is missing falls back to the generic parser and the status code.
 */
export interface ParsedVendorError {
  /** Vendor error code (NetSuite `o:errorCode`, Kantata `errors[].type` …). */
  vendorCode?: string | undefined;
  /** Vendor message (redacted by Ledgerline before use). */
  message?: string | undefined;
  /** Field path the vendor blames. */
  path?: string | undefined;
  /** Overrides retryability (e.g. `UNABLE_TO_LOCK_ROW` → true, `REQUEST_LIMIT_EXCEEDED` → false). */
  retryable?: boolean | undefined;
  /** Overrides the error class (e.g. Salesforce 403 `REQUEST_LIMIT_EXCEEDED` → `"rate-limit"`). */
  kind?: VendorErrorKind | undefined;
  /** Field-level problems. */
  issues?: ValidationIssue[] | undefined;
}

/** The vendor hook: maps an error response (its body already read as text) to {@link ParsedVendorError}. */
export type ParseErrorHook = (response: Response, bodyText: string) => ParsedVendorError | undefined;

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

/**
 * Best-effort parser for common error shapes: NetSuite `o:errorDetails`, Salesforce `[{errorCode,
 * message, fields}]`, Kantata/Workday `{errors: [...]}`, OAuth `{error, error_description}`,
 * problem+json `{title, detail}`, `{message, code}`. Never throws.
 */
export function parseCommonErrorBody(bodyText: string): ParsedVendorError {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return {};
  }
  if (Array.isArray(body)) {
    const first = body[0] as Record<string, unknown> | undefined;
    if (!first || typeof first !== "object") return {};
    const fields = Array.isArray(first.fields)
      ? (first.fields as unknown[]).filter((f) => typeof f === "string")
      : [];
    return {
      vendorCode: str(first.errorCode) ?? str(first.code),
      message: str(first.message),
      path: fields[0] as string | undefined,
      issues: body
        .filter((e): e is Record<string, unknown> => typeof e === "object" && e !== null)
        .map((e) => ({
          path: Array.isArray(e.fields) ? (e.fields as unknown[]).join(",") : "",
          message: str(e.message) ?? "",
          code: str(e.errorCode),
        })),
    };
  }
  if (typeof body !== "object" || body === null) return {};
  const b = body as Record<string, unknown>;
  const details = b["o:errorDetails"];
  if (Array.isArray(details) && details.length > 0) {
    const d = details[0] as Record<string, unknown>;
    return {
      vendorCode: str(d["o:errorCode"]),
      message: str(d.detail) ?? str(b.title),
      path: str(d["o:errorPath"]),
      issues: details.map((x: Record<string, unknown>) => ({
        path: str(x["o:errorPath"]) ?? "",
        message: str(x.detail) ?? "",
        code: str(x["o:errorCode"]),
      })),
    };
  }
  if (Array.isArray(b.errors) && b.errors.length > 0) {
    const errs = b.errors.filter((e): e is Record<string, unknown> => typeof e === "object" && e !== null);
    const e = errs[0];
    return {
      vendorCode: str(e?.code) ?? str(e?.type) ?? str(e?.errorCode),
      message: str(e?.message) ?? str(e?.error) ?? str(b.error),
      path: str(e?.field) ?? str(e?.path),
      issues: errs.map((x) => ({
        path: str(x.field) ?? str(x.path) ?? "",
        message: str(x.message) ?? str(x.error) ?? "",
        code: str(x.code) ?? str(x.type),
      })),
    };
  }
  if (typeof b.error === "string") {
    return { vendorCode: b.error, message: str(b.error_description) ?? b.error };
  }
  if (typeof b.error === "object" && b.error !== null) {
    const e = b.error as Record<string, unknown>;
    return { vendorCode: str(e.code) ?? str(e.type), message: str(e.message) };
  }
  return {
    vendorCode: str(b.code) ?? str(b.errorCode),
    message: str(b.detail) ?? str(b.message) ?? str(b.title),
  };
}

/** Status (or vendor `kind`) → error class. */
export function createHttpError(
  message: string,
  options: HttpErrorOptions,
  kind: VendorErrorKind | undefined,
): HttpError {
  const k =
    kind ??
    (options.status === 401 || options.status === 403
      ? "auth"
      : options.status === 429
        ? "rate-limit"
        : options.status === 409
          ? "conflict"
          : options.status === 400 || options.status === 422
            ? "validation"
            : options.status === 404
              ? "not-found"
              : "other");
  switch (k) {
    case "auth":
      return new AuthError(message, options);
    case "rate-limit":
      return new RateLimitError(message, options);
    case "conflict":
      return new ConflictError(message, options);
    case "validation":
      return new BadRequestError(message, options);
    case "not-found":
      return new NotFoundError(message, options);
    default:
      return new HttpError(message, options);
  }
}
