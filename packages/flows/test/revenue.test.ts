import { type Money, revenueJournalKey } from "@ledgerline/canonical";
import type { NetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { MemoryLedger } from "@ledgerline/core";
import { afterEach, describe, expect, it } from "vitest";
import { LedgerJsonStore, type RevenueProject, recognizeRevenue } from "../src/index.js";
import { accounts, engagement, milestone, netsuiteOver, periods, project, time } from "./fixtures-revenue.js";

let fake: NetSuiteFake | undefined;
afterEach(async () => {
  fake?.assertNoViolations();
  await fake?.close();
  fake = undefined;
});

const clock = (iso: string) => () => new Date(iso);

const tm = project("1");
const fixed = project("2", { billingType: { code: "fixed_fee" } });
const poc = project("3", {
  billingType: { code: "fixed_fee" },
  revenueTreatment: { code: "percent_complete" },
});

/** A fake NetSuite holding the projects (as the engagement sync leaves it), and the run's ledger. */
async function setup() {
  const ledger = new MemoryLedger();
  const over = netsuiteOver(ledger);
  fake = over.fake;
  const jobs = await over.netsuite.upsertProjects([tm, fixed, poc]);
  expect(jobs.written).toBe(3);
  return { ledger, netsuite: over.netsuite, fake: over.fake };
}

function inputs(extraTime: RevenueProject["time"] = []): RevenueProject[] {
  return [
    {
      project: tm,
      time: [time(tm.key, "1", "2026-01-15", 120), time(tm.key, "2", "2026-02-03", 90), ...extraTime],
    },
    {
      project: fixed,
      engagement: engagement("2", {
        billingTerms: { contractValue: { amount: "9000.00", currency: "USD" } },
      }),
      milestones: [
        milestone(fixed.key, "21", "3000.00", "2026-01-31"),
        milestone(fixed.key, "22", "6000.00"),
      ],
    },
    {
      project: poc,
      engagement: engagement("3", {
        revenueTreatment: { code: "percent_complete" },
        billingTerms: { contractValue: { amount: "1000.00", currency: "USD" }, budgetedMinutes: 180 },
      }),
      time: [
        time(poc.key, "31", "2026-01-10", 60, { billable: false }),
        time(poc.key, "32", "2026-02-10", 60),
      ],
    },
  ];
}

const journal = (f: NetSuiteFake) =>
  f
    .records("journalEntry")
    .map((r) => ({
      externalId: r.externalId,
      tranDate: r.tranDate,
      lines: (r.line as { items: Array<Record<string, unknown>> }).items.map((l) => [
        l.account,
        l.debit,
        l.credit,
      ]),
    }))
    .sort((a, b) => String(a.externalId).localeCompare(String(b.externalId)));

describe("recognizeRevenue", () => {
  it("posts one journal entry per project and period, exactly; a rerun sends nothing and changes nothing", async () => {
    const { ledger, netsuite, fake } = await setup();
    const run = () =>
      recognizeRevenue({
        netsuite,
        ledger,
        projects: inputs(),
        asOf: "2026-02-20",
        accounts,
        now: clock("2026-02-20T20:00:00Z"),
      });
    const first = await run();
    expect(first.openPeriod).toBe("2026-02");
    expect(first.entries.map((e) => [e.project, e.period, e.amount.amount, e.status])).toEqual([
      [tm.key, "2026-01", "300.00", "written"],
      [tm.key, "2026-02", "225.00", "written"],
      [fixed.key, "2026-01", "3000.00", "written"],
      [poc.key, "2026-01", "333.33", "written"],
      [poc.key, "2026-02", "333.34", "written"],
    ]);
    expect(first.schedules.find((s) => s.project.key === fixed.key)?.lines.at(-1)).toMatchObject({
      status: "planned",
      amount: { amount: "6000.00" },
    });
    const stored = journal(fake);
    expect(stored).toHaveLength(5);
    expect(stored.find((j) => j.tranDate === "2026-01-31" && j.lines[0]?.[1] === 3000)?.lines).toEqual([
      [{ id: "58" }, 3000, undefined],
      [{ id: "54" }, undefined, 3000],
    ]);
    const puts = () => fake.api.requests.filter((r) => r.method === "PUT").length;
    const writes = puts();
    const again = await run();
    expect(again.entries.every((e) => e.status === "unchanged")).toBe(true);
    expect([again.written, again.unchanged, again.rejected, again.failed]).toEqual([0, 5, 0, 0]);
    expect(journal(fake)).toEqual(stored);
    expect(puts()).toBe(writes); // no write sent at all
  });

  it("progress that changes before the period closes adjusts the entry, never adds one", async () => {
    const { ledger, netsuite, fake } = await setup();
    await recognizeRevenue({ netsuite, ledger, projects: inputs(), asOf: "2026-02-20", accounts });
    const before = journal(fake);
    const more = await recognizeRevenue({
      netsuite,
      ledger,
      projects: inputs([time(tm.key, "3", "2026-02-18", 60)]),
      asOf: "2026-02-20",
      accounts,
    });
    expect(
      more.entries.filter((e) => e.status === "written").map((e) => [e.period, e.amount.amount]),
    ).toEqual([["2026-02", "375.00"]]);
    const after = journal(fake);
    expect(after).toHaveLength(before.length);
    expect(fake.duplicateExternalIds()).toEqual([]);
    const feb = more.entries.find((e) => e.project === tm.key && e.period === "2026-02");
    expect(after.find((j) => j.externalId === feb?.journalKey)?.lines).toEqual([
      [{ id: "58" }, 375, undefined],
      [{ id: "54" }, undefined, 375],
    ]);
  });

  it("a closed period is never rewritten: a late approval and a late milestone post in the open period", async () => {
    const { ledger, netsuite, fake } = await setup();
    await recognizeRevenue({ netsuite, ledger, projects: inputs(), asOf: "2026-02-20", accounts });
    const jan = journal(fake).filter((j) => j.tranDate === "2026-01-31");
    fake.seed("accountingPeriod", [{ ...periods[0], closed: true }]);
    // A January entry approved late, and the second milestone completed in January but reported late.
    const late = inputs([time(tm.key, "4", "2026-01-30", 60)]);
    late[1] = {
      ...late[1]!,
      milestones: [
        milestone(fixed.key, "21", "3000.00", "2026-01-31"),
        milestone(fixed.key, "22", "6000.00", "2026-01-31"),
      ],
    };
    const report = await recognizeRevenue({ netsuite, ledger, projects: late, asOf: "2026-02-25", accounts });
    expect(report.rejected + report.failed).toBe(0);
    expect(journal(fake).filter((j) => j.tranDate === "2026-01-31")).toEqual(jan);
    const feb = report.entries.filter((e) => e.period === "2026-02" && e.status === "written");
    expect(feb.map((e) => [e.project, e.amount.amount, e.adjustment.amount])).toEqual([
      [tm.key, "375.00", "150.00"],
      [fixed.key, "6000.00", "6000.00"],
    ]);
    // Once February holds the adjustment, reruns leave every entry unchanged: nothing is posted twice.
    const rerun = await recognizeRevenue({ netsuite, ledger, projects: late, asOf: "2026-02-25", accounts });
    expect(rerun.written).toBe(0);
  });

  it("a crash between NetSuite's write and the ledger's record never makes an adjustment count twice", async () => {
    const { ledger, netsuite, fake } = await setup();
    await recognizeRevenue({ netsuite, ledger, projects: inputs(), asOf: "2026-02-20", accounts });
    // February's T&M entry grows to 375.00 in NetSuite, but the run dies before the ledger records it.
    const grown = inputs([time(tm.key, "3", "2026-02-18", 60)]);
    const store = new LedgerJsonStore<{ project: string; period: string; amount: Money }>(ledger, "rev");
    const febKey = revenueJournalKey(tm, "2026-02");
    const stale = await store.get(febKey);
    await recognizeRevenue({ netsuite, ledger, projects: grown, asOf: "2026-02-20", accounts });
    await store.put(febKey, stale!); // as if the record had never been written
    fake.seed("accountingPeriod", [
      { ...periods[0], closed: true },
      { ...periods[1], closed: true },
    ]);
    const march = await recognizeRevenue({ netsuite, ledger, projects: grown, asOf: "2026-03-10", accounts });
    expect(march.openPeriod).toBe("2026-03");
    expect(march.entries.filter((e) => e.status === "written")).toEqual([]); // nothing to adjust
    expect((await store.get(febKey))?.amount.amount).toBe("375.00"); // the record is repaired
    // Without reading NetSuite back, the stale record would have posted 150.00 again in March.
    await store.put(febKey, stale!);
    const blind = await recognizeRevenue({
      netsuite: {
        upsertJournalEntry: netsuite.upsertJournalEntry,
        listAccountingPeriods: netsuite.listAccountingPeriods,
      },
      ledger,
      projects: grown,
      asOf: "2026-03-10",
      accounts,
    });
    expect(blind.entries.map((e) => [e.period, e.amount.amount])).toContainEqual(["2026-03", "150.00"]);
  });

  it("a project in another currency than its subsidiary posts with the rate used, exactly", async () => {
    const { ledger, netsuite, fake } = await setup();
    const gbp = project("4", { currency: "GBP" });
    await netsuite.upsertProject(gbp);
    const report = await recognizeRevenue({
      netsuite,
      ledger,
      asOf: "2026-02-20",
      accounts,
      exchangeRate: (p) => (p.currency === "GBP" ? "1.2650" : undefined),
      projects: [
        {
          project: gbp,
          time: [time(gbp.key, "41", "2026-02-03", 50, { billRate: { amount: "100.01", currency: "GBP" } })],
        },
      ],
    });
    expect(report.entries.map((e) => [e.amount.amount, e.amount.currency])).toEqual([["83.34", "GBP"]]);
    const [stored] = fake.records("journalEntry");
    expect(stored).toMatchObject({ exchangeRate: 1.265 });
    expect(
      (stored!.line as { items: Array<Record<string, unknown>> }).items.map((l) => l.debit ?? l.credit),
    ).toEqual([83.34, 83.34]);
  });

  it("a project whose terms cannot be computed is rejected with the field and an exception, the others go on", async () => {
    const { ledger, netsuite } = await setup();
    const broken = project("9", {
      billingType: { code: "fixed_fee" },
      revenueTreatment: { code: "percent_complete" },
    });
    const report = await recognizeRevenue({
      netsuite,
      ledger,
      projects: [
        ...inputs(),
        {
          project: broken,
          engagement: engagement("9", {
            revenueTreatment: { code: "percent_complete" },
            billingTerms: { contractValue: { amount: "10.00", currency: "USD" } },
          }),
        },
      ],
      asOf: "2026-02-20",
      accounts,
    });
    expect(report.records.find((r) => r.key === broken.key)).toMatchObject({
      status: "rejected",
      reason: { code: "INVALID_TERMS", field: "budgetedMinutes" },
    });
    expect(report.exceptions.map((e) => [e.code, e.impact])).toEqual([
      ["REVENUE_TERMS_INVALID", "blocks-revenue"],
    ]);
    expect(report.written).toBe(5);
    expect(report.received).toBe(report.written + report.unchanged + report.rejected + report.failed);
    const internal = project("10", { billingType: { code: "non_billable" } });
    const quiet = await recognizeRevenue({
      netsuite,
      ledger,
      projects: [{ project: internal }],
      asOf: "2026-02-20",
      accounts,
    });
    expect(quiet.records).toEqual([{ key: internal.key, type: "RevenueSchedule", status: "unchanged" }]);
  });
});
