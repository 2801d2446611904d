import type { ParsedVendorError, VendorErrorKind } from "@ledgerline/core";

const KIND_BY_TYPE: Record<string, VendorErrorKind> = { oauth: "auth", validation: "validation" };

/**
 * The `parseError` hook for Kantata error bodies, `{ errors: [{ type, message, field? }] }`:
 * - `vendorCode` is the first error's `type` (`oauth`, `validation`, `system`);
 * - `type: "oauth"` → `AuthError`, `type: "validation"` → `BadRequestError` (status permitting);
 * - `issues` lists every error with its `field`;
 * - 429 (Kantata: "retry after a small delay", no rate-limit headers) and 503 are retryable.
 *
 * Non-Kantata bodies (an HTML 502 page …) give `undefined`, leaving the status to decide.
 */
export function parseKantataError(response: Response, bodyText: string): ParsedVendorError | undefined {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return statusOnly(response.status);
  }
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return statusOnly(response.status);
  const items = errors.filter(
    (e): e is { type?: unknown; message?: unknown; field?: unknown } => typeof e === "object" && e !== null,
  );
  const first = items[0];
  const type = typeof first?.type === "string" ? first.type : undefined;
  const issues = items.map((e) => ({
    path: typeof e.field === "string" ? e.field : "",
    message: typeof e.message === "string" ? e.message : "",
    ...(typeof e.type === "string" ? { code: e.type } : {}),
  }));
  // A 429 or 503 says "try again later" whatever the body's type.
  const kind = response.status === 429 ? "rate-limit" : type === undefined ? undefined : KIND_BY_TYPE[type];
  return {
    vendorCode: type,
    message: issues
      .map((i) => i.message)
      .filter((m) => m !== "")
      .join("; "),
    path: typeof first?.field === "string" ? first.field : undefined,
    issues,
    kind,
    ...statusOnly(response.status),
  };
}

function statusOnly(status: number): ParsedVendorError | undefined {
  return status === 429 || status === 503 ? { retryable: true } : undefined;
}
