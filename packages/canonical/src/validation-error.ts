import { ValidationError } from "@ledgerline/core";
import type { z } from "zod";

/**
 * One offending field of a canonical record. Never contains the field's value. It is also a core
 * `ValidationIssue` (`path`, `message`, `code`), so batch runners and reports treat it like any other.
 */
export interface CanonicalIssue {
  /** Dotted path, e.g. `approval.state`, `lines[2].amount.currency`; `(root)` for the record itself. */
  path: string;
  /** The same path as segments. */
  segments: (string | number)[];
  /** Why the value is rejected, e.g. `expected string, received number`. */
  reason: string;
  /** The same as `reason` (core's `ValidationIssue` name for it). */
  message: string;
  /** Zod issue code (`invalid_type`, `too_small`, `custom`, …). */
  code: string;
}

/** A {@link CanonicalIssue} as built by a validator (`message` is filled from `reason`). */
export type CanonicalIssueInput = Omit<CanonicalIssue, "message"> & { message?: string };

/** Formats path segments as `a.b[2].c`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  if (segments.length === 0) return "(root)";
  let out = "";
  for (const seg of segments) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

/**
 * Thrown (or returned) when input is not a valid canonical record. Lists EVERY offending field with a
 * reason; messages never contain field values, so rates and personal data cannot leak into logs.
 *
 * It is a `@ledgerline/core` `ValidationError` (and so a `LedgerlineError`) with code `VALIDATION_ERROR`:
 * `runBatch` files a record whose handler throws it under rejected, like any other validation failure.
 */
export class CanonicalValidationError extends ValidationError {
  override name = "CanonicalValidationError";
  /** Name of the canonical type that was expected (`TimeEntry`). */
  readonly type: string;
  /** Every offending field. */
  declare readonly issues: CanonicalIssue[];

  constructor(type: string, issues: CanonicalIssueInput[]) {
    const full = issues.map((i) => ({ ...i, message: i.message ?? i.reason }));
    const list = full.map((i) => `${i.path}: ${i.reason}`).join("; ");
    super(`invalid ${type}: ${list}`, full);
    this.type = type;
  }

  /** Builds the error from zod issues. */
  static fromZod(type: string, issues: readonly z.core.$ZodIssue[]): CanonicalValidationError {
    return new CanonicalValidationError(type, flattenIssues(issues));
  }
}

function flattenIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): CanonicalIssueInput[] {
  const out: CanonicalIssueInput[] = [];
  for (const issue of issues) {
    const segments = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // Report the branch with the fewest issues (closest match).
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      out.push(...flattenIssues(best, segments));
      continue;
    }
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({
          path: formatPath([...segments, key]),
          segments: toSegments([...segments, key]),
          reason: "unknown field",
          code: issue.code,
        });
      }
      continue;
    }
    out.push({
      path: formatPath(segments),
      segments: toSegments(segments),
      reason: reasonOf(issue),
      code: issue.code,
    });
  }
  return out;
}

function toSegments(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((p) => (typeof p === "number" ? p : String(p)));
}

function reasonOf(issue: z.core.$ZodIssue): string {
  const message = issue.message.replace(/^Invalid input: /, "");
  if (issue.code === "invalid_type" && /received undefined$/.test(message)) {
    return `is required (expected ${issue.expected})`;
  }
  return message;
}
