import { describe, expect, it } from "vitest";
import { formatAmount, hours } from "../src/format.js";
import { renderReport, verdict } from "../src/report.js";
import type { DemoSummary } from "../src/summary.js";

function summary(overrides: Partial<DemoSummary> = {}): DemoSummary {
  return {
    seed: 1,
    period: { from: "2026-10-01", to: "2026-10-31" },
    faults: 0,
    input: 112,
    buckets: { written: 90, unchanged: 0, rejected: 22, failed: 0 },
    phases: [
      {
        name: "customers",
        input: 2,
        buckets: { written: 2, unchanged: 0, rejected: 0, failed: 0 },
        durationMs: 40,
      },
      {
        name: "time entries",
        input: 110,
        buckets: { written: 88, unchanged: 0, rejected: 22, failed: 0 },
        durationMs: 1234,
      },
    ],
    exceptions: [
      {
        code: "UNMAPPED_COST_CENTER",
        impact: "blocks-cost-posting",
        kind: "time entries",
        message: "12 time entries blocked: unmapped cost center CC-450 (Data & AI Lab)",
        records: 12,
        minutes: 725,
        rejected: true,
      },
      {
        code: "PROJECT_STATUS_NOT_POSTABLE",
        impact: "blocks-cost-posting",
        kind: "time entries",
        message: "project P-104 closed: 4:30 h of approved time not posted",
        records: 6,
        minutes: 270,
        rejected: true,
      },
      {
        code: "APPROVAL_REQUIRED",
        impact: "awaiting-approval",
        kind: "time entries",
        message: "4 time entries awaiting approval",
        records: 4,
        minutes: 60,
        rejected: true,
      },
      {
        code: "EDITED_AFTER_APPROVAL",
        impact: "data-quality",
        kind: "time entries",
        message: "2 approved time entries edited after approval, posted at their latest version",
        records: 2,
        rejected: false,
      },
    ],
    targetDuplicates: 0,
    reconciliation: { matched: 90, missingInTarget: 19, missingInSource: 0, mismatched: 0 },
    reconciliationByKind: {
      time: { matched: 88, missingInTarget: 18, missingInSource: 0, mismatched: 0 },
      expenses: { matched: 2, missingInTarget: 1, missingInSource: 0, mismatched: 0 },
    },
    projects: [
      {
        kind: "expenses",
        project: "P-101 Northwind — ERP rollout",
        key: "kantata_workspace_8800001",
        matched: 2,
        missingInTarget: 1,
        missingInSource: 0,
        mismatched: 0,
        sourceMinutes: 0,
        targetMinutes: 0,
        sourceAmounts: [{ amount: "300.10", currency: "USD" }],
        targetAmounts: [{ amount: "200.05", currency: "USD" }],
        explained: 1,
      },
      {
        kind: "time",
        project: "P-101 Northwind — ERP rollout",
        key: "kantata_workspace_8800001",
        matched: 88,
        missingInTarget: 12,
        missingInSource: 0,
        mismatched: 0,
        sourceMinutes: 6000,
        targetMinutes: 5275,
        sourceAmounts: [{ amount: "18000.00", currency: "USD" }],
        targetAmounts: [{ amount: "15825.00", currency: "USD" }],
        explained: 12,
      },
      {
        kind: "time",
        project: "P-104 Tailspin — Loyalty",
        key: "kantata_workspace_8800004",
        matched: 0,
        missingInTarget: 6,
        missingInSource: 0,
        mismatched: 0,
        sourceMinutes: 270,
        targetMinutes: 0,
        sourceAmounts: [{ amount: "810.00", currency: "USD" }],
        targetAmounts: [],
        explained: 6,
      },
    ],
    failures: [],
    traffic: [{ system: "NetSuite", requests: 120, faults: 3 }, { system: "Kantata" }],
    stateDir: "/tmp/x/.ledgerline",
    resumed: false,
    timings: { startMs: 100, readMs: 300, reconcileMs: 200 },
    durationMs: 2000,
    ...overrides,
  };
}

describe("renderReport", () => {
  it("shows buckets per phase, exceptions grouped by impact and the reconciliation per project", () => {
    const text = renderReport(summary());
    expect(text).toContain("Ledgerline quote-to-cash");
    expect(text).toMatch(/time entries\s+110\s+88\s+0\s+22\s+0\s+1\.2 s/);
    expect(text).toMatch(/total\s+112\s+90\s+0\s+22\s+0/);
    expect(text).toContain(
      "(total includes starting the fakes 0.1 s, reading Kantata 0.3 s, reconciling 0.2 s)",
    );
    const costPosting = text.indexOf("Blocks cost posting");
    const approval = text.indexOf("Not approved yet");
    const quality = text.indexOf("Data quality");
    expect(costPosting).toBeGreaterThan(0);
    expect(approval).toBeGreaterThan(costPosting);
    expect(quality).toBeGreaterThan(approval);
    expect(text).toContain("    12 time entries blocked: unmapped cost center CC-450 (Data & AI Lab)\n");
    expect(text).toContain("project P-104 closed");
    expect(text).toMatch(/P-101 Northwind — ERP rollout\s+100:00\s+87:55\s+88\s+12\s+0\s+0\s+USD 15,825\.00/);
    expect(text).toContain("18 of 18 approved entries missing in NetSuite are explained");
    expect(text).toContain("PSA approved expenses vs NetSuite expense reports");
    expect(text).toMatch(/P-101 Northwind — ERP rollout\s+USD 300\.10\s+USD 200\.05\s+2\s+1\s+0\s+0\n/);
    expect(text).toContain("1 of 1 approved expenses missing in NetSuite are explained");
    expect(text).toContain("no external id stored twice");
    expect(text).toContain(
      "NetSuite fake: 120 requests served, 3 answered with a fault or a 429 and retried",
    );
    expect(text).not.toContain("Kantata fake:");
    expect(text).not.toContain("(!)");
    expect(text).not.toContain("\u001b");
  });

  it("flags rejected records not named by an exception, duplicates and unexplained gaps", () => {
    const text = renderReport(
      summary({
        buckets: { written: 89, unchanged: 0, rejected: 23, failed: 0 },
        targetDuplicates: 2,
        reconciliation: { matched: 88, missingInTarget: 19, missingInSource: 0, mismatched: 0 },
      }),
    );
    expect(text).toContain("(!) 23 rejected, 22 named above");
    expect(text).toContain("2 external ids stored more than once (!)");
  });

  it("counts pending and rejected expense report submissions apart", () => {
    const text = renderReport(
      summary({
        expenseSubmissions: {
          approved: { submissions: 222, expenses: 441 },
          pending: { submissions: 27, expenses: 57 },
          rejected: { submissions: 2, expenses: 3 },
        },
      }),
    );
    expect(text).toContain(
      "Expense report submissions in Kantata: 222 approved (441 expenses), 27 pending (57 expenses), 2 rejected (3 expenses) — only approved ones post",
    );
    expect(renderReport(summary())).not.toContain("Expense report submissions");
  });

  it("lists failures and says how to recover", () => {
    const s = summary({
      buckets: { written: 88, unchanged: 0, rejected: 22, failed: 2 },
      failures: [{ phase: "time entries", record: "kantata_time_entry_1", error: "HTTP 503" }],
    });
    const text = renderReport(s);
    expect(text).toContain("Failed records (first 1):");
    expect(text).toContain("time entries kantata_time_entry_1: HTTP 503");
    expect(verdict(s)).toMatch(/2 failed records: run again/);
  });

  it("says when nothing changed", () => {
    expect(verdict(summary({ buckets: { written: 0, unchanged: 90, rejected: 22, failed: 0 } }))).toMatch(
      /Nothing to write/,
    );
  });
});

describe("formatting", () => {
  it("formats exact amounts without floats", () => {
    expect(formatAmount({ amount: "1234567.5", currency: "USD" })).toBe("USD 1,234,567.50");
    expect(formatAmount({ amount: "-0.07", currency: "EUR" })).toBe("EUR -0.07");
    expect(formatAmount({ amount: "90071992547409931.25", currency: "USD" })).toBe(
      "USD 90,071,992,547,409,931.25",
    );
    expect(formatAmount({ amount: "1.234", currency: "BHD" })).toBe("BHD 1.234");
    expect(formatAmount({ amount: "1234", currency: "JPY" })).toBe("JPY 1,234");
  });

  it("formats minutes as H:MM", () => {
    expect(hours(0)).toBe("0:00");
    expect(hours(725)).toBe("12:05");
    expect(hours(123_456)).toBe("2,057:36");
  });
});
