import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isLedgerlineError, LedgerlineError, runBatch, ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import {
  CanonicalValidationError,
  DurationError,
  MoneyError,
  money,
  parseCanonical,
  parseHoursMinutes,
  TimeEntrySchema,
} from "../src/index.js";

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

describe("every canonical error is a LedgerlineError", () => {
  it("validation errors are core ValidationErrors with code VALIDATION_ERROR and core-shaped issues", () => {
    const error = thrown(() => parseCanonical(TimeEntrySchema, { minutes: 1.5 }, "TimeEntry"));
    expect(error).toBeInstanceOf(CanonicalValidationError);
    expect(error).toBeInstanceOf(ValidationError);
    expect(isLedgerlineError(error)).toBe(true);
    const e = error as CanonicalValidationError;
    expect(e.code).toBe("VALIDATION_ERROR");
    expect(e.retryable).toBe(false);
    expect(e.type).toBe("TimeEntry");
    for (const issue of e.issues) expect(issue.message).toBe(issue.reason);
  });

  it("money and duration errors keep their own reason codes", () => {
    const m = thrown(() => money("1.5", "JPY"));
    expect(m).toBeInstanceOf(MoneyError);
    expect(m).toBeInstanceOf(LedgerlineError);
    expect((m as MoneyError).code).toBe("PRECISION");
    const d = thrown(() => parseHoursMinutes("1:75"));
    expect(d).toBeInstanceOf(DurationError);
    expect(d).toBeInstanceOf(LedgerlineError);
    expect((d as DurationError).code).toBe("INVALID_DURATION");
  });

  it("runBatch files a record whose handler throws a CanonicalValidationError under rejected, naming the field", async () => {
    const report = await runBatch([{ minutes: "x" }], (input) => {
      parseCanonical(TimeEntrySchema, input, "TimeEntry");
      return { status: "written" };
    });
    expect(report).toMatchObject({ rejected: 1, failed: 0 });
    expect(report.rejectedSamples[0]).toMatchObject({ status: "rejected" });
  });

  it("takes only the error base from core (the import direction stays canonical → core for errors)", () => {
    const dir = join(import.meta.dirname, "..", "src");
    const allowed = new Set(["LedgerlineError", "ValidationError", "type ValidationIssue"]);
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(join(dir, file), "utf8");
      for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@ledgerline\/core[^"]*"/g)) {
        for (const name of (m[1] ?? "")
          .split(",")
          .map((n) => n.trim())
          .filter(Boolean)) {
          expect(allowed.has(name), `${file} imports ${name} from core`).toBe(true);
        }
      }
    }
  });
});
