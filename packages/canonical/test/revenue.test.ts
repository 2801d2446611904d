import { ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import {
  CANONICAL_SCHEMAS,
  computeRevenueSchedule,
  type Milestone,
  money,
  parseJournalEntry,
  parseRevenueSchedule,
  planRevenuePostings,
  type RevenueSchedule,
  revenueJournalEntry,
  revenueJournalKey,
  revenueMethodOf,
  safeParseCanonical,
} from "../src/index.js";
import { ref, source } from "./fixtures.js";

const project = ref("kantata", "workspaces", "12");

function milestone(id: string, amount: string, state: Milestone["state"], completedOn?: string): Milestone {
  const src = source("kantata", "stories", id);
  return {
    key: `kantata-stories-${id}`,
    source: src,
    project,
    name: `M${id}`,
    state,
    billable: true,
    amount: money(amount, "USD"),
    ...(completedOn ? { completedOn } : {}),
  };
}

const amounts = (s: RevenueSchedule) => s.lines.map((l) => [l.period, l.amount.amount, l.status]);

describe("computeRevenueSchedule", () => {
  it("fixed fee by milestones: each completed milestone in its period, the rest planned", () => {
    const schedule = computeRevenueSchedule({
      project,
      method: "milestones",
      currency: "USD",
      total: money("100000.00", "USD"),
      milestones: [
        milestone("1", "30000.00", "completed", "2026-01-20"),
        milestone("2", "30000.00", "accepted", "2026-02-10"),
        milestone("3", "40000.00", "completed", "2026-03-05"), // after asOf
        milestone("4", "5000.00", "cancelled"),
      ],
      asOf: "2026-02-28",
    });
    expect(amounts(schedule)).toEqual([
      ["2026-01", "30000.00", "recognized"],
      ["2026-02", "30000.00", "recognized"],
      ["2026-03", "40000.00", "planned"],
    ]);
    expect(parseRevenueSchedule(schedule)).toEqual(schedule); // lines sum exactly to the total
    expect(schedule.treatment.code).toBe("milestone");
  });

  it("fixed fee by percent complete of budgeted hours: exact, cumulative rounding, capped at 100%", () => {
    const schedule = computeRevenueSchedule({
      project,
      method: "percent_complete",
      currency: "USD",
      total: money("1000.00", "USD"),
      budgetedMinutes: 180, // 3 h: thirds do not divide 1000.00 exactly
      delivery: [
        { date: "2026-01-10", minutes: 60 },
        { date: "2026-02-10", minutes: 60 },
        { date: "2026-03-10", minutes: 90 }, // over budget: capped
      ],
      asOf: "2026-03-31",
    });
    expect(amounts(schedule)).toEqual([
      ["2026-01", "333.33", "recognized"],
      ["2026-02", "333.34", "recognized"],
      ["2026-03", "333.33", "recognized"],
    ]);
    expect(schedule.total.amount).toBe("1000.00");
  });

  it("percent complete part-way plans the remainder after asOf", () => {
    const schedule = computeRevenueSchedule({
      project,
      method: "percent_complete",
      currency: "JPY",
      total: money("100000", "JPY"),
      budgetedMinutes: 6000,
      delivery: [{ date: "2026-01-10", minutes: 1500 }],
      asOf: "2026-01-31",
    });
    expect(amounts(schedule)).toEqual([
      ["2026-01", "25000", "recognized"],
      ["2026-02", "75000", "planned"],
    ]);
  });

  it("T&M as delivered: the approved value in the period it was done", () => {
    const schedule = computeRevenueSchedule({
      project,
      method: "as_delivered",
      currency: "EUR",
      delivery: [
        { date: "2026-01-30", minutes: 270, value: money("675.00", "EUR") },
        { date: "2026-01-31", minutes: 60, value: money("150.05", "EUR") },
        { date: "2026-02-02", minutes: 60, value: money("150.00", "EUR") },
        { date: "2026-03-01", minutes: 60, value: money("999.00", "EUR") }, // after asOf
      ],
      asOf: "2026-02-28",
    });
    expect(amounts(schedule)).toEqual([
      ["2026-01", "825.05", "recognized"],
      ["2026-02", "150.00", "recognized"],
    ]);
    expect(schedule.total.amount).toBe("975.05");
  });

  it("rejects bad terms naming the field", () => {
    const error = (() => {
      try {
        computeRevenueSchedule({
          project,
          method: "percent_complete",
          currency: "USD",
          total: money("1", "USD"),
          asOf: "2026-01-31",
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe("budgetedMinutes");
    expect(() =>
      computeRevenueSchedule({
        project,
        method: "milestones",
        currency: "USD",
        total: money("10.00", "USD"),
        milestones: [milestone("1", "20.00", "open")],
        asOf: "2026-01-31",
      }),
    ).toThrow(/worth more than the total/);
  });

  it("reads the method from the engagement terms", () => {
    expect(revenueMethodOf({ billingType: { code: "time_and_materials" } })).toBe("as_delivered");
    expect(
      revenueMethodOf({ billingType: { code: "fixed_fee" }, revenueTreatment: { code: "percent_complete" } }),
    ).toBe("percent_complete");
    expect(revenueMethodOf({ billingType: { code: "milestone" } })).toBe("milestones");
    expect(revenueMethodOf({ billingType: { code: "non_billable" } })).toBeUndefined();
  });
});

describe("planRevenuePostings", () => {
  const schedule = (lines: Array<[string, string]>): RevenueSchedule =>
    computeRevenueSchedule({
      project,
      method: "as_delivered",
      currency: "USD",
      delivery: lines.map(([date, amount]) => ({ date, minutes: 60, value: money(amount, "USD") })),
      asOf: "2026-12-31",
    });

  it("posts each open period's earnings; a rerun with the result posted changes nothing", () => {
    const s = schedule([
      ["2026-01-10", "100.00"],
      ["2026-02-10", "50.00"],
    ]);
    const first = planRevenuePostings({ schedule: s, posted: {}, closedPeriods: [], openPeriod: "2026-02" });
    expect(first.map((p) => [p.period, p.amount.amount, p.change])).toEqual([
      ["2026-01", "100.00", "new"],
      ["2026-02", "50.00", "new"],
    ]);
    const posted = Object.fromEntries(first.map((p) => [p.period, p.amount]));
    const again = planRevenuePostings({ schedule: s, posted, closedPeriods: [], openPeriod: "2026-02" });
    expect(again.map((p) => p.change)).toEqual(["unchanged", "unchanged"]);
  });

  it("progress changing before close adjusts the period's entry instead of adding one", () => {
    const before = schedule([["2026-02-10", "50.00"]]);
    const after = schedule([
      ["2026-02-10", "50.00"],
      ["2026-02-11", "25.00"],
    ]);
    const posted = { "2026-02": money("50.00", "USD") };
    expect(
      planRevenuePostings({ schedule: before, posted, closedPeriods: [], openPeriod: "2026-02" })[0]?.change,
    ).toBe("unchanged");
    const plan = planRevenuePostings({ schedule: after, posted, closedPeriods: [], openPeriod: "2026-02" });
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ period: "2026-02", change: "changed", amount: { amount: "75.00" } });
  });

  it("never rewrites a closed period: the difference posts in the open period, stable across reruns", () => {
    // January closed holding 100.00; a late approval adds 30.00 to January.
    const s = schedule([
      ["2026-01-10", "100.00"],
      ["2026-01-20", "30.00"],
      ["2026-02-10", "50.00"],
    ]);
    const posted = { "2026-01": money("100.00", "USD") };
    const plan = planRevenuePostings({
      schedule: s,
      posted,
      closedPeriods: ["2026-01"],
      openPeriod: "2026-02",
    });
    expect(plan.map((p) => [p.period, p.amount.amount, p.adjustment.amount])).toEqual([
      ["2026-02", "80.00", "30.00"],
    ]);
    // After February closes with 80.00, March carries nothing: the adjustment is not posted twice.
    const later = planRevenuePostings({
      schedule: s,
      posted: { ...posted, "2026-02": money("80.00", "USD") },
      closedPeriods: ["2026-01", "2026-02"],
      openPeriod: "2026-03",
    });
    expect(later).toEqual([]);
  });

  it("refuses a closed open period", () => {
    expect(() =>
      planRevenuePostings({
        schedule: schedule([]),
        posted: {},
        closedPeriods: ["2026-02"],
        openPeriod: "2026-02",
      }),
    ).toThrow(ValidationError);
  });
});

describe("revenueJournalEntry", () => {
  it("is balanced deferred → revenue with the project's dimensions, and swaps sides for a reversal", () => {
    const je = revenueJournalEntry({
      project,
      period: "2026-02",
      amount: money("80.00", "GBP"),
      accounts: { deferredRevenue: "2400", revenue: "4000" },
      dimensions: { costCenter: "CC-100", legalEntity: "LE-UK" },
      exchangeRate: "1.2650",
      updatedAt: "2026-02-28T12:00:00Z",
    });
    expect(parseJournalEntry(je)).toEqual(je);
    expect(je.key).toBe(revenueJournalKey(project, "2026-02"));
    expect(je.date).toBe("2026-02-28");
    expect(je.lines.map((l) => [l.account, l.debit?.amount, l.credit?.amount])).toEqual([
      ["2400", "80.00", undefined],
      ["4000", undefined, "80.00"],
    ]);
    const reversal = revenueJournalEntry({
      project,
      period: "2026-02",
      amount: money("-5.00", "GBP"),
      accounts: { deferredRevenue: "2400", revenue: "4000" },
      updatedAt: "2026-02-28T12:00:00Z",
    });
    expect(reversal.lines.map((l) => [l.account, l.debit?.amount, l.credit?.amount])).toEqual([
      ["4000", "5.00", undefined],
      ["2400", undefined, "5.00"],
    ]);
  });

  it("the schema refuses an unbalanced entry", () => {
    const je = revenueJournalEntry({
      project,
      period: "2026-02",
      amount: money("80.00", "USD"),
      accounts: { deferredRevenue: "2400", revenue: "4000" },
      updatedAt: "2026-02-28T12:00:00Z",
    });
    const broken = { ...je, lines: [je.lines[0], { ...je.lines[1], credit: money("79.99", "USD") }] };
    const result = safeParseCanonical(CANONICAL_SCHEMAS.JournalEntry, broken);
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.error.issues.map((i) => i.reason)).toContain("debits must equal credits exactly");
  });
});
