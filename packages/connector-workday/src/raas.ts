import { ValidationError } from "@ledgerline/core";
import type { z } from "zod";

/** One row of a RaaS report: the caller's typed row, or why it does not match the caller's schema. */
export type ReportRow<T> =
  | { ok: true /** Zero-based position in `Report_Entry`. */; index: number; value: T }
  | {
      ok: false;
      index: number /** Every mismatching column with a reason (never a value). */;
      error: ValidationError;
    };

/** Options of a RaaS report run. */
export interface ReportOptions<S extends z.ZodType> {
  /** The report's prompts, sent as query parameters under the report's own prompt names. */
  prompts?: Record<string, string | number | boolean | readonly string[]> | undefined;
  /** The report's columns (one row), e.g. `z.object({ Employee_ID: z.string(), … })`. */
  schema: S;
  /** Aborts the request. */
  signal?: AbortSignal | undefined;
}

/**
 * Checks the RaaS body `{ Report_Entry: [...] }` and validates each row against `schema`. A row that does not
 * match is a per-row rejection naming each column and the reason (zod's message and code; the value is
 * never copied), not a failed report. A body without a `Report_Entry` array is a {@link ValidationError}.
 */
export function reportRows<S extends z.ZodType>(
  body: unknown,
  schema: S,
  report: string,
): ReportRow<z.output<S>>[] {
  const entries =
    typeof body === "object" && body !== null ? (body as { Report_Entry?: unknown }).Report_Entry : undefined;
  if (!Array.isArray(entries)) {
    throw new ValidationError(
      `Malformed Workday report ${report}: Report_Entry`,
      [
        {
          path: "Report_Entry",
          message: entries === undefined ? "is missing" : "must be an array",
          code: "not_a_report",
        },
      ],
      { system: "workday" },
    );
  }
  return entries.map((entry: unknown, index): ReportRow<z.output<S>> => {
    const parsed = schema.safeParse(entry);
    if (parsed.success) return { ok: true, index, value: parsed.data };
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.length === 0 ? "(root)" : i.path.map(String).join("."),
      message: i.message,
      code: i.code,
    }));
    return {
      ok: false,
      index,
      error: new ValidationError(
        `Workday report ${report} row ${index} does not match: ${issues.map((i) => i.path).join(", ")}`,
        issues,
        { system: "workday" },
      ),
    };
  });
}
