import type { ParsedVendorError, ValidationIssue, VendorErrorKind } from "@ledgerline/core";

/**
 * The `parseError` hook for Workday error bodies. Workday answers `{ error, code?, field?, path? }`, and on
 * 400/401/403/404 `{ error, errors: [{ error, code, field, path }] }`. `code` (e.g. `A161`) is what
 * handling keys on — messages change — so `vendorCode` is the first code found (the list's first item, else
 * the top-level one; `""` when Workday sent none); `issues` lists every item with its `field` (or `path`). 429 and 503 are retryable
 * (tenant limits are not published). Anything else (an HTML 502 page …) leaves the status to decide.
 */
export function parseWorkdayError(response: Response, bodyText: string): ParsedVendorError | undefined {
  const status = response.status;
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return statusOnly(status);
  }
  if (!isObject(body) || typeof body.error !== "string") return statusOnly(status);
  const items = Array.isArray(body.errors) ? body.errors.filter(isObject) : [body];
  const issues: ValidationIssue[] = items.map((e) => ({
    path: str(e.field) ?? str(e.path) ?? "",
    message: str(e.error) ?? "",
    ...(str(e.code) ? { code: str(e.code) } : {}),
  }));
  // Workday's `error` is a message, not a code: when no `code` was sent, `vendorCode` is "" (not the
  // message, which core's generic parser would otherwise take for an OAuth error code).
  const vendorCode = issues.find((i) => i.code !== undefined)?.code ?? str(body.code) ?? "";
  const kind: VendorErrorKind | undefined = status === 429 ? "rate-limit" : undefined;
  return {
    vendorCode,
    message: body.error,
    path: issues[0]?.path || undefined,
    issues,
    kind,
    ...statusOnly(status),
  };
}

function statusOnly(status: number): ParsedVendorError | undefined {
  return status === 429 || status === 503 ? { retryable: true } : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
