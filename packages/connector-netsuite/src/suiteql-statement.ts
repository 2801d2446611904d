import { ValidationError } from "@ledgerline/core";

/** A value bound to a `?` placeholder of a SuiteQL statement. */
export type SuiteQLParam = string | number | boolean | null;

/** A SuiteQL statement with its bound parameters; the request body is `JSON.stringify` of it. */
export interface SuiteQLStatement {
  /** The SELECT statement, with `?` where each parameter is bound. */
  q: string;
  /** Values bound, in order, to the `?` placeholders. */
  params: SuiteQLParam[];
}

/**
 * Builds a parameterised statement from a template literal: every `${value}` becomes a `?` placeholder and
 * the value goes to `params`, so values are never spliced into the query text.
 * @example
 * const statement = sql`SELECT id FROM timeBill WHERE trandate >= TO_DATE(${from}, 'YYYY-MM-DD')`;
 * // { q: "SELECT id FROM timeBill WHERE trandate >= TO_DATE(?, 'YYYY-MM-DD')", params: ["2026-11-01"] }
 */
export function sql(strings: TemplateStringsArray, ...values: SuiteQLParam[]): SuiteQLStatement {
  let q = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) q += `?${strings[i + 1] ?? ""}`;
  return statement(q, values);
}

/**
 * Validates a statement and its parameters: the `?` placeholders outside quoted literals must match the
 * number of parameters, and every parameter must be a string, finite number, boolean or null.
 * @throws ValidationError naming `q` or `params.<n>` and the reason
 */
export function statement(q: string, params: readonly SuiteQLParam[] = []): SuiteQLStatement {
  if (typeof q !== "string" || q.trim() === "") {
    throw new ValidationError("SuiteQL statement is empty", [
      { path: "q", message: "must be a non-empty string" },
    ]);
  }
  const issues = params.flatMap((value, i) =>
    isParam(value)
      ? []
      : [{ path: `params.${i}`, message: "must be a string, finite number, boolean or null" }],
  );
  const placeholders = countPlaceholders(q);
  if (placeholders !== params.length) {
    issues.push({
      path: "params",
      message: `the statement has ${placeholders} "?" placeholder(s) but ${params.length} parameter(s) were given`,
    });
  }
  if (issues.length > 0) throw new ValidationError("Invalid SuiteQL parameters", issues);
  return { q, params: [...params] };
}

function isParam(value: unknown): value is SuiteQLParam {
  return (
    value === null ||
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value))
  );
}

/** Counts `?` outside single-quoted literals and double-quoted identifiers. */
export function countPlaceholders(q: string): number {
  let count = 0;
  let quote: string | undefined;
  for (const ch of q) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === "?") {
      count++;
    }
  }
  return count;
}
