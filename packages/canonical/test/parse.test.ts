import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CANONICAL_SCHEMAS,
  CANONICAL_TYPE_NAMES,
  CanonicalValidationError,
  parseApprovedTimeEntry,
  parseCanonical,
  parseProject,
  parseTimeEntry,
  safeParseCanonical,
  TimeEntrySchema,
} from "../src/index.js";
import { project, timeEntry } from "./fixtures.js";

function errorOf(fn: () => unknown): CanonicalValidationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CanonicalValidationError) return err;
    throw err;
  }
  throw new Error("expected a CanonicalValidationError");
}

describe("parsing", () => {
  it("accepts a valid time entry and project", () => {
    expect(parseTimeEntry(timeEntry())).toEqual(timeEntry());
    expect(parseProject(project())).toEqual(project());
  });

  it("lists every offending field path with a reason", () => {
    const bad = {
      ...timeEntry(),
      key: "Has Spaces!",
      minutes: 12.5,
      date: "2026-13-01",
      approval: { state: "maybe" },
      billRate: { amount: "150.001", currency: "USD" },
      costRate: { amount: 80, currency: "usd" },
      resource: undefined,
    };
    const err = errorOf(() => parseTimeEntry(bad));
    expect(err.type).toBe("TimeEntry");
    const paths = err.issues.map((i) => i.path).sort();
    expect(paths).toEqual(
      [
        "key",
        "minutes",
        "date",
        "approval.state",
        "billRate.amount",
        "costRate.amount",
        "costRate.currency",
        "resource",
      ].sort(),
    );
    for (const issue of err.issues) expect(issue.reason.length).toBeGreaterThan(0);
    expect(err.issues.find((i) => i.path === "resource")?.reason).toMatch(/required/);
    expect(err.issues.find((i) => i.path === "billRate.amount")?.reason).toMatch(/decimal places/);
    expect(err.message).toContain("minutes");
  });

  it("never puts field values (rates) into the error message", () => {
    const err = errorOf(() =>
      parseTimeEntry({ ...timeEntry(), billRate: { amount: "987.6543", currency: "USD" } }),
    );
    expect(err.message).not.toContain("987");
    expect(JSON.stringify(err.issues)).not.toContain("987");
  });

  it("reports nested array paths", () => {
    const err = errorOf(() =>
      parseCanonical(CANONICAL_SCHEMAS.RevenueSchedule, {
        key: "k",
        source: { system: "s", type: "t", id: "1", version: "1", updatedAt: "2026-01-01T00:00:00Z" },
        project: { key: "p" },
        treatment: { code: "straight_line" },
        total: { amount: "100.00", currency: "USD" },
        lines: [
          { period: "2026-01", amount: { amount: "50.00", currency: "USD" }, status: "planned" },
          { period: "2026-1", amount: { amount: "50.00", currency: "USD" }, status: "planned" },
        ],
      }),
    );
    expect(err.issues.map((i) => i.path)).toEqual(["lines[1].period"]);
  });

  it("checks cross-field rules: revenue lines sum to the total", () => {
    const result = safeParseCanonical(CANONICAL_SCHEMAS.RevenueSchedule, {
      key: "k",
      source: { system: "s", type: "t", id: "1", version: "1", updatedAt: "2026-01-01T00:00:00Z" },
      project: { key: "p" },
      treatment: { code: "other", raw: "custom rule" },
      total: { amount: "100.00", currency: "USD" },
      lines: [{ period: "2026-01", amount: { amount: "99.99", currency: "USD" }, status: "planned" }],
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => i.path)).toEqual(["lines"]);
  });

  it("safeParseCanonical: data on success; on failure one typed error, built on first access", () => {
    const ok = safeParseCanonical(TimeEntrySchema, { ...timeEntry(), unknownField: 1 });
    expect(ok).toEqual({ success: true, data: timeEntry() });
    const bad = safeParseCanonical(
      TimeEntrySchema,
      { ...timeEntry(), minutes: 12.5, billRate: { amount: "987.654", currency: "USD" } },
      "TimeEntry",
    );
    expect(bad.success).toBe(false);
    if (bad.success) return;
    const error = bad.error;
    expect(error).toBeInstanceOf(CanonicalValidationError);
    expect(bad.error).toBe(error);
    const { success, error: destructured } = bad;
    expect([success, destructured]).toEqual([false, error]);
    expect(error.issues.map((i) => i.path).sort()).toEqual(["billRate.amount", "minutes"]);
    expect(JSON.stringify(error.issues)).not.toContain("987");
    expect(error.message).not.toContain("987");
  });

  it("ApprovedTimeEntry rejects entries that are not approved", () => {
    const err = errorOf(() => parseApprovedTimeEntry(timeEntry({ approval: { state: "submitted" } })));
    expect(err.issues.map((i) => i.path)).toEqual(["approval.state"]);
    expect(parseApprovedTimeEntry(timeEntry()).approval.state).toBe("approved");
  });

  it("tolerant enums require raw for other", () => {
    const err = errorOf(() => parseProject(project({ status: { code: "other" } })));
    expect(err.issues.map((i) => i.path)).toEqual(["status.raw"]);
  });

  it("fuzz: 10k random inputs never produce anything but CanonicalValidationError", () => {
    const valid = timeEntry() as unknown as Record<string, unknown>;
    const mutated = fc
      .tuple(
        fc.constantFrom(...Object.keys(valid)),
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withNullPrototype: true,
          withBoxedValues: true,
        }),
      )
      .map(([k, v]) => ({ ...valid, [k]: v }));
    const inputs = fc.oneof(
      fc.anything({ withBigInt: true, withNullPrototype: true, withObjectString: true }),
      mutated,
      fc.jsonValue(),
    );
    let runs = 0;
    fc.assert(
      fc.property(inputs, fc.constantFrom(...CANONICAL_TYPE_NAMES), (input, name) => {
        runs++;
        try {
          parseCanonical(CANONICAL_SCHEMAS[name], input, name);
        } catch (err) {
          expect(err).toBeInstanceOf(CanonicalValidationError);
          expect((err as CanonicalValidationError).issues.length).toBeGreaterThan(0);
        }
        try {
          TimeEntrySchema.parse(input);
        } catch {
          // zod's own error is fine here; parseTimeEntry is what we guarantee:
        }
        try {
          parseTimeEntry(input);
        } catch (err) {
          expect(err).toBeInstanceOf(CanonicalValidationError);
        }
      }),
      { numRuns: 10_000 },
    );
    expect(runs).toBe(10_000);
  });
});
