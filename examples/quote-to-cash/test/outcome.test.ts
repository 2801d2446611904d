import { describe, expect, it } from "vitest";
import { judge, renderOutcome } from "../src/outcome.js";
import type { DemoSummary } from "../src/summary.js";

function summary(overrides: Partial<DemoSummary> = {}): DemoSummary {
  return {
    seed: 1,
    period: { from: "2026-10-01", to: "2026-10-31" },
    faults: 0,
    input: 100,
    buckets: { written: 90, unchanged: 0, rejected: 10, failed: 0 },
    phases: [],
    exceptions: [],
    targetDuplicates: 0,
    reconciliation: { matched: 90, missingInTarget: 10, missingInSource: 0, mismatched: 0 },
    reconciliationByKind: {
      time: { matched: 90, missingInTarget: 10, missingInSource: 0, mismatched: 0 },
      expenses: { matched: 0, missingInTarget: 0, missingInSource: 0, mismatched: 0 },
    },
    projects: [
      {
        kind: "time",
        project: "P-1",
        key: "p1",
        matched: 90,
        missingInTarget: 10,
        missingInSource: 0,
        mismatched: 0,
        sourceMinutes: 100,
        targetMinutes: 90,
        sourceAmounts: [],
        targetAmounts: [],
        explained: 10,
      },
    ],
    failures: [],
    traffic: [],
    stateDir: "/tmp/x/.ledgerline",
    resumed: false,
    timings: { startMs: 0, readMs: 0, reconcileMs: 0 },
    durationMs: 1,
    ...overrides,
  };
}

describe("judge (the exit code and the JSON outcome)", () => {
  it("is clean (0) when nothing failed or doubled and every gap is explained", () => {
    expect(judge(summary())).toEqual({ exitCode: 0, reasons: [] });
    expect(renderOutcome(summary(), judge(summary()))).toContain("exit 0");
  });

  it("is 1 for an approved record missing in NetSuite that no exception explains, naming the count", () => {
    const s = summary({
      projects: summary().projects.map((p) => ({ ...p, explained: 7 })),
    });
    expect(judge(s)).toEqual({
      exitCode: 1,
      reasons: ["3 approved records missing in NetSuite that no exception explains"],
    });
  });

  it("lists every reason: failures, duplicates, unread data, extra and differing records", () => {
    const s = summary({
      buckets: { written: 88, unchanged: 0, rejected: 10, failed: 2 },
      targetDuplicates: 1,
      readFailures: [{ what: "NetSuite time for the reconciliation", error: "RateLimitError: 429" }],
      reconciliation: { matched: 88, missingInTarget: 10, missingInSource: 4, mismatched: 5 },
    });
    const verdict = judge(s);
    expect(verdict.exitCode).toBe(1);
    expect(verdict.reasons).toEqual([
      "2 records failed",
      "1 external ids stored more than once in NetSuite",
      "could not read NetSuite time for the reconciliation: RateLimitError: 429",
      "4 NetSuite records without an approved record in Kantata",
      "5 records differ between Kantata and NetSuite",
    ]);
    const text = renderOutcome(
      { ...s, stateNotes: ["removed 1 temporary file(s) left by a stopped run"] },
      verdict,
    );
    expect(text).toContain("State folder:\n  removed 1 temporary file");
    expect(text).toContain("Outcome: NOT clean (exit 1)");
    for (const reason of verdict.reasons) expect(text).toContain(`  - ${reason}`);
  });
});
