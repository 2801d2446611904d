import { describe, expect, it } from "vitest";
import {
  computeClose,
  exceptionAging,
  latencyFigures,
  money,
  type ProjectCloseInput,
  percentile,
  successRate,
} from "../src/index.js";

const base = (overrides: Partial<ProjectCloseInput> = {}): ProjectCloseInput => ({
  project: "kantata-workspaces-12",
  name: "Data platform",
  approvedMinutes: 600,
  postedMinutes: 600,
  approvedBillable: money("1500.00", "USD"),
  billed: money("1000.00", "USD"),
  unbilled: money("500.00", "USD"),
  accrued: money("1500.00", "USD"),
  recognized: money("1500.00", "USD"),
  ...overrides,
});
const now = new Date("2026-03-05T00:00:00Z");

describe("computeClose", () => {
  it("a tied-out project has no exception; deferred = billed − recognised", () => {
    const close = computeClose("2026-02", [base()], { now });
    expect(close.exceptions).toEqual([]);
    expect(close.projects[0]?.tiesOut).toBe(true);
    expect(close.projects[0]?.transaction.deferred.amount).toBe("-500.00");
  });

  it("converts to the subsidiary currency at the rate used, exactly, and totals per currency", () => {
    const close = computeClose(
      "2026-02",
      [
        base({ subsidiaryCurrency: "GBP", rate: "0.7919" }),
        base({
          project: "kantata-workspaces-13",
          approvedBillable: money("10.00", "GBP"),
          billed: money("10.00", "GBP"),
          unbilled: money("0.00", "GBP"),
          accrued: money("0", "GBP"),
          recognized: money("0", "GBP"),
        }),
      ],
      { now },
    );
    const uk = close.projects[0]!;
    expect(uk.rate).toBe("0.7919");
    expect(uk.subsidiary.approvedBillable).toEqual({ amount: "1187.85", currency: "GBP" });
    expect(uk.subsidiary.billed).toEqual({ amount: "791.90", currency: "GBP" });
    expect(close.totals).toHaveLength(1);
    expect(close.totals[0]?.amounts.billed).toEqual({ amount: "801.90", currency: "GBP" });
    expect(close.totals[0]?.projects).toBe(2);
  });

  it("tolerances decide exceptions: absolute or relative, per measure", () => {
    const input = base({
      postedMinutes: 570,
      unbilled: money("499.00", "USD"),
      recognized: money("1400.00", "USD"),
    });
    const strict = computeClose("2026-02", [input], { now });
    expect(strict.exceptions.map((e) => e.code).sort()).toEqual([
      "CLOSE_BILLING_MISMATCH",
      "CLOSE_REVENUE_MISMATCH",
      "CLOSE_UNPOSTED_TIME",
    ]);
    expect(strict.exceptions.find((e) => e.code === "CLOSE_UNPOSTED_TIME")?.message).toContain("0.5 h");
    const tolerant = computeClose("2026-02", [input], {
      now,
      tolerances: {
        hours: { absolute: "30" }, // 30 minutes off: tolerated
        billing: { relative: "0.001" }, // 1.00 of 1500.00 is 0.067%: tolerated
        revenue: { absolute: "99.99", relative: "0.05" }, // 100.00 is 6.7% and over 99.99: exception
      },
    });
    expect(tolerant.exceptions.map((e) => e.code)).toEqual(["CLOSE_REVENUE_MISMATCH"]);
    expect(tolerant.projects[0]?.checks.map((c) => [c.measure, c.difference, c.exception])).toEqual([
      ["hours", "30", false],
      ["billing", "1.00", false],
      ["revenue", "100.00", true],
    ]);
  });

  it("refuses mixed currencies and bad tolerances naming the field", () => {
    expect(() => computeClose("2026-02", [base({ billed: money("1", "EUR") })])).toThrow(
      /projects\[0\]\.billed/,
    );
    expect(() => computeClose("2026-02", [base()], { tolerances: { hours: { absolute: "-1" } } })).toThrow(
      /tolerances\.hours\.absolute/,
    );
  });
});

describe("SLA figures", () => {
  it("nearest-rank percentiles", () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 10)).toBe(1);
    expect(percentile([], 50)).toBeUndefined();
    const figures = latencyFigures([30, 90, 300, 2000, 5000, 45]);
    expect([figures.p50, figures.p95, figures.max]).toEqual([90, 5000, 5000]);
    expect(figures.histogram.map((b) => b.count)).toEqual([2, 1, 1, 1, 1]);
  });

  it("success rate exact to 4 places, and exception aging buckets", () => {
    expect(successRate(39, 40).rate).toBe("0.9750");
    expect(successRate(2, 3).rate).toBe("0.6667");
    expect(successRate(0, 0).rate).toBe("1.0000");
    const aging = exceptionAging(
      [
        { firstSeen: "2026-03-04T12:00:00Z" },
        { firstSeen: "2026-03-01T00:00:00Z" },
        { firstSeen: "2026-02-01T00:00:00Z" },
        { firstSeen: "2026-02-20T00:00:00Z" },
      ],
      now,
    );
    expect(aging.map((b) => b.count)).toEqual([1, 1, 1, 1]);
  });
});
