import { computeRevenueSchedule, money } from "@ledgerline/canonical";
import { type LedgerEntry, MemoryLedger } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import {
  type BillingPositions,
  type CloseProject,
  closePeriod,
  ExceptionStore,
  LedgerJsonStore,
  renderCloseReport,
} from "../src/index.js";
import { project, time } from "./fixtures-revenue.js";

const tm = project("1");
const uk = project("2", { currency: "GBP", dimensions: { legalEntity: "UK" } });

/** The time entries of the PSA: three approved on tm (one posted late, one never), one on uk. */
const tmTime = [
  time(tm.key, "1", "2026-02-02", 120), // approved 18:00, posted 19:00 → 60 min
  time(tm.key, "2", "2026-02-03", 60), // approved 18:00, posted next day 18:00 → 1440 min
  time(tm.key, "3", "2026-02-27", 30), // a late approval: approved, never posted
  time(tm.key, "4", "2026-02-27", 45, { approval: { state: "submitted" } }), // not approved: not counted
];
const ukTime = [time(uk.key, "5", "2026-02-05", 60, { billRate: { amount: "100.00", currency: "GBP" } })];

function postings(): LedgerEntry[] {
  const at = (key: string, postedAt: string) => ({ key, hash: "h", targetId: "1", postedAt });
  return [
    at("kantata-time_entries-1", "2026-02-02T19:00:00Z"),
    at("kantata-time_entries-2", "2026-02-04T18:00:00Z"),
    at("kantata-time_entries-5", "2026-02-05T18:30:00Z"),
  ];
}

function schedule(projectKey: string, currency: "USD" | "GBP", value: string) {
  return computeRevenueSchedule({
    project: { key: projectKey },
    method: "as_delivered",
    currency,
    delivery: [{ date: "2026-02-10", minutes: 60, value: money(value, currency) }],
    asOf: "2026-02-28",
  });
}

async function seedRevenue(ledger: MemoryLedger) {
  const store = new LedgerJsonStore(ledger, "rev");
  await store.put("a", { project: tm.key, period: "2026-02", amount: money("525.00", "USD") });
  await store.put("b", { project: uk.key, period: "2026-02", amount: money("100.00", "GBP") });
  await store.put("c", { project: tm.key, period: "2026-03", amount: money("999.00", "USD") }); // after the period
}

const billing: BillingPositions = () => [
  { project: tm.key, billed: money("300.00", "USD"), unbilled: money("225.00", "USD") }, // 1 h unposted is not billed
  { project: uk.key, billed: money("100.00", "GBP"), unbilled: money("0.00", "GBP") },
];

const projects = (): CloseProject[] => [
  { project: tm, time: tmTime, schedule: schedule(tm.key, "USD", "525.00") },
  { project: uk, time: ukTime, schedule: schedule(uk.key, "GBP", "100.00") },
];

describe("closePeriod", () => {
  it("ties out per project and in total, in transaction and subsidiary currency; SLA from the ledger", async () => {
    const ledger = new MemoryLedger(postings());
    await seedRevenue(ledger);
    const close = await closePeriod({
      period: "2026-02",
      ledger,
      projects: projects(),
      billing,
      tolerances: { hours: { absolute: "30" }, billing: { absolute: "75.00" } },
      subsidiaryRate: (p) => (p.currency === "GBP" ? { currency: "USD", rate: "1.2650" } : undefined),
      now: () => new Date("2026-03-02T09:00:00Z"),
    });
    const [p1, p2] = close.projects;
    expect([p1?.approvedMinutes, p1?.postedMinutes, p1?.unpostedMinutes]).toEqual([210, 180, 30]);
    expect(p1?.transaction.approvedBillable.amount).toBe("525.00");
    expect(p1?.checks.map((c) => [c.measure, c.difference, c.exception])).toEqual([
      ["hours", "30", false],
      ["billing", "0.00", false],
      ["revenue", "0.00", false],
    ]);
    expect(p1?.transaction.deferred.amount).toBe("-225.00");
    expect(p2?.subsidiary.billed).toEqual({ amount: "126.50", currency: "USD" });
    expect(p2?.rate).toBe("1.2650");
    expect(close.totals).toEqual([
      expect.objectContaining({
        currency: "USD",
        projects: 2,
        approvedMinutes: 270,
        postedMinutes: 240,
        amounts: expect.objectContaining({
          billed: { amount: "426.50", currency: "USD" },
          recognized: { amount: "651.50", currency: "USD" },
        }),
      }),
    ]);
    expect(close.exceptions).toEqual([]);
    expect([close.received, close.written, close.rejected]).toEqual([2, 2, 0]);
    expect(close.sla.approvalToPosting).toMatchObject({ count: 3, p50: 60, p95: 1440, max: 1440 });
    expect(close.sla.postingSuccess).toEqual({ succeeded: 3, attempted: 4, rate: "0.7500" });
  });

  it("zero tolerance makes the late approval an exception whose age grows across runs, and clears when posted", async () => {
    const ledger = new MemoryLedger(postings());
    await seedRevenue(ledger);
    const run = (now: string) =>
      closePeriod({ period: "2026-02", ledger, projects: projects(), billing, now: () => new Date(now) });
    const first = await run("2026-03-01T08:00:00Z");
    // Its age counts from the approval of the entry still waiting (2026-02-27 18:00), not from this run.
    expect(first.exceptions.map((e) => [e.code, e.record.key, e.firstSeen, e.ageDays])).toEqual([
      ["CLOSE_UNPOSTED_TIME", tm.key, "2026-02-27T18:00:00.000Z", 1],
    ]);
    expect(first.exceptions[0]?.message).toContain("0.5 h");
    expect(first.records.find((r) => r.key === tm.key)).toMatchObject({
      status: "rejected",
      reason: { code: "CLOSE_OUT_OF_TOLERANCE", field: "hours" },
    });
    const later = await run("2026-03-09T08:00:00Z");
    expect(later.exceptions[0]).toMatchObject({
      firstSeen: "2026-02-27T18:00:00.000Z",
      ageDays: 9,
      occurrences: 2,
    });
    expect(later.sla.exceptionAging.map((b) => b.count)).toEqual([0, 0, 1, 0]);
    // The ledger is the only memory: a new ExceptionStore over it sees the same history.
    expect(
      (await new ExceptionStore(ledger).open("closePeriod", new Date("2026-03-09T08:00:00Z")))[0]?.ageDays,
    ).toBe(9);
    await ledger.record({
      key: "kantata-time_entries-3",
      hash: "h",
      targetId: "9",
      postedAt: "2026-03-09T09:00:00Z",
    });
    const cleared = await run("2026-03-09T10:00:00Z");
    expect(cleared.exceptions).toEqual([]);
    expect(cleared.openExceptions).toEqual([]);
  });

  it("renders one self-contained HTML page with the same figures", async () => {
    const ledger = new MemoryLedger(postings());
    await seedRevenue(ledger);
    const close = await closePeriod({
      period: "2026-02",
      ledger,
      projects: projects(),
      billing,
      now: () => new Date("2026-03-01T08:00:00Z"),
    });
    const html = renderCloseReport({ close });
    expect(html).not.toMatch(/<script|<link|@import|url\(|src=|href=/i);
    expect(html).toContain(`data-project="${tm.key}" data-measure="billed">300.00<`);
    expect(html).toContain(`data-project="${uk.key}" data-measure="subsidiaryCurrency">GBP<`);
    expect(html).toContain('id="chart-billing"');
    expect(html).toContain('id="chart-latency"');
    expect(html).toContain('id="chart-aging"');
    expect(html).toContain('data-exception="CLOSE_UNPOSTED_TIME"');
    const hostile = renderCloseReport({
      close: { ...close, projects: [{ ...close.projects[0]!, name: "<img src=x onerror=alert(1)>" }] },
    });
    expect(hostile).not.toContain("<img");
  });
});
