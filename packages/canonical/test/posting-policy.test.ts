import { describe, expect, it } from "vitest";
import {
  checkPostable,
  type DimensionMap,
  type PostingContext,
  postingExceptions,
  summarizeExceptions,
} from "../src/index.js";
import { project, timeEntry } from "./fixtures.js";

const periods = [
  { id: "FEB-26", start: "2026-02-01", end: "2026-02-28", status: "closed" as const },
  { id: "MAR-26", start: "2026-03-01", end: "2026-03-31", status: "open" as const },
];
const map: DimensionMap = {
  target: "netsuite",
  tables: {
    costCenter: { "CC-100": "12" },
    practice: { DATA: "3" },
    region: new Map([["EMEA", "7"]]),
    legalEntity: { "LE-UK": "2" },
  },
};
const context = (overrides: Partial<PostingContext> = {}): PostingContext => ({
  project: project(),
  periods,
  requiredDimensions: ["costCenter", "legalEntity"],
  dimensionMap: map,
  ...overrides,
});

describe("checkPostable", () => {
  it("passes an approved entry on an active T&M project in an open period with mapped dimensions", () => {
    expect(checkPostable(timeEntry(), context())).toEqual({ postable: true, violations: [] });
  });

  it("returns every violation, not just the first", () => {
    const entry = timeEntry({
      approval: { state: "submitted" },
      date: "2026-02-15",
      billable: true,
      dimensions: { practice: "UNKNOWN", region: "EMEA" },
    });
    const result = checkPostable(
      entry,
      context({
        project: project({
          status: { code: "on_hold", raw: "On Hold" },
          billingType: { code: "non_billable" },
        }),
      }),
    );
    expect(result.postable).toBe(false);
    expect(result.violations.map((v) => v.code).sort()).toEqual(
      [
        "APPROVAL_REQUIRED",
        "PROJECT_STATUS_NOT_POSTABLE",
        "PERIOD_CLOSED",
        "BILLABLE_MISMATCH",
        "DIMENSION_MISSING",
        "DIMENSION_MISSING",
        "DIMENSION_UNMAPPED",
      ].sort(),
    );
    expect(
      result.violations
        .filter((v) => v.code === "DIMENSION_MISSING")
        .map((v) => v.dimension)
        .sort(),
    ).toEqual(["costCenter", "legalEntity"]);
    expect(result.violations.find((v) => v.code === "DIMENSION_UNMAPPED")?.field).toBe("dimensions.practice");
  });

  it("treats a date outside every period as closed and an unknown billing type as unverifiable", () => {
    const result = checkPostable(
      timeEntry({ date: "2026-05-01" }),
      context({ project: project({ billingType: { code: "other", raw: "FBX" } }) }),
    );
    expect(result.violations.map((v) => v.code)).toEqual(["PERIOD_CLOSED", "BILLING_TYPE_UNKNOWN"]);
  });

  it("flags a context project that is not the record's project", () => {
    const result = checkPostable(timeEntry(), context({ project: project({ key: "other-project-1" }) }));
    expect(result.violations.map((v) => v.code)).toEqual(["PROJECT_MISMATCH"]);
  });

  it("honours custom postable statuses and allows non-billable time on T&M", () => {
    const result = checkPostable(
      timeEntry({ billable: false }),
      context({
        project: project({ status: { code: "completed" } }),
        postableStatuses: ["active", "completed"],
      }),
    );
    expect(result.postable).toBe(true);
  });

  it("violations become summarisable exceptions", () => {
    const now = new Date("2026-03-10T00:00:00Z");
    const entries = [1, 2, 3].map((n) =>
      timeEntry({
        key: `kantata-time_entries-${n}`,
        dimensions: { costCenter: "CC-999", legalEntity: "LE-UK" },
      }),
    );
    const exceptions = entries.flatMap((e) => postingExceptions(e, checkPostable(e, context()), { now }));
    expect(exceptions.map((e) => e.code)).toEqual([
      "UNMAPPED_COST_CENTER",
      "UNMAPPED_COST_CENTER",
      "UNMAPPED_COST_CENTER",
    ]);
    const summary = summarizeExceptions(exceptions, { now });
    expect(summary.groups[0]?.headline).toBe("3 time entries blocked by missing cost center mappings");
  });
});
