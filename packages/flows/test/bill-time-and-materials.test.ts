import { type BillableExpense, sumMoney, type TimeEntry } from "@ledgerline/canonical";
import { type Ledger, MemoryLedger } from "@ledgerline/core";
import { afterEach, describe, expect, it } from "vitest";
import { billTimeAndMaterials, unbilledWip } from "../src/index.js";
import {
  DECEMBER,
  expense,
  NOVEMBER,
  NOW,
  project,
  time,
  usd,
  type World,
  world,
} from "./billing-fixtures.js";

let w: World;

afterEach(() => {
  w.netsuiteFake.assertNoViolations();
  w.kantataFake.assertNoViolations();
});

const tm = project("10");

/** Eight time entries: five billable, approved and posted, the rest not billable in some way. */
const entries: TimeEntry[] = [
  time("1", { minutes: 50 }), // 125.00
  time("2", { minutes: 7, billRate: usd("99.99") }), // 11.6655 → 11.67 (half-even, once)
  time("3", { minutes: 480, date: "2026-10-30" }), // an older month, never billed: 1200.00
  time("4", { minutes: 60, approval: { state: "submitted" } }), // not approved: not posted, not billed
  time("5", { minutes: 60, billable: false }), // non-billable: posted, never billed
  time("6", { minutes: 90, date: "2026-12-02" }), // after the period
  time("7", { minutes: 30 }), // approved, not posted yet
  time("8", { minutes: 45 }), // 112.50
];
const expenses = [expense("31"), expense("32", { approval: { state: "submitted" } })];

async function setup(ledger?: Ledger) {
  w = world(ledger ? { ledger } : {});
  await w.netsuite.upsertProjects([tm]);
  const postable = entries.filter(
    (e) => e.approval.state === "approved" && e.key !== "kantata-time_entries-7",
  );
  const posted = await w.netsuite.postTime(postable);
  expect(posted.written).toBe(postable.length);
  const postedExpenses = await w.netsuite.postExpenses([expenses[0] as BillableExpense]);
  expect(postedExpenses.written).toBe(1);
}

function run(period = NOVEMBER, overrides: Partial<Parameters<typeof billTimeAndMaterials>[0]> = {}) {
  return billTimeAndMaterials({
    netsuite: w.netsuite,
    psa: w.psa,
    ledger: w.ledger,
    now: () => NOW,
    period,
    projects: [tm],
    timeEntries: entries,
    expenses,
    ...overrides,
  });
}

/** Every applied time line of every invoice in the NetSuite fake: time bill id → invoice external ids. */
function billedTimeBills(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const invoice of w.netsuiteFake.records("invoice")) {
    const lines =
      (invoice.time as { items: Array<{ apply: boolean; doc: { id: string } }> } | undefined)?.items ?? [];
    for (const line of lines.filter((l) => l.apply)) {
      out.set(line.doc.id, [...(out.get(line.doc.id) ?? []), String(invoice.externalId)]);
    }
  }
  return out;
}

describe("billTimeAndMaterials", () => {
  it("raises one invoice per project and period whose lines point at the posted time bills and expense report", async () => {
    await setup();
    const report = await run();
    expect(report).toMatchObject({
      step: "billTimeAndMaterials",
      received: 1,
      written: 1,
      rejected: 0,
      failed: 0,
    });
    const [invoice] = w.netsuiteFake.records("invoice");
    expect(invoice?.externalId).toBe("inv-tm-2026-11-kantata-workspaces-10");
    expect(invoice?.tranDate).toBe("2026-11-30");
    const timeBill = (id: string) => w.netsuiteFake.record("timeBill", `eid:kantata-time_entries-${id}`)?.id;
    const lines = (
      (invoice?.time ?? { items: [] }) as { items: Array<{ doc: { id: string }; amount: number }> }
    ).items;
    expect(lines.map((l) => [l.doc.id, l.amount])).toEqual([
      [timeBill("3"), 1200],
      [timeBill("1"), 125],
      [timeBill("2"), 11.67],
      [timeBill("8"), 112.5],
    ]);
    const expCost = (
      (invoice?.expCost ?? { items: [] }) as { items: Array<{ doc: { id: string }; amount: number }> }
    ).items;
    expect(expCost.map((l) => [l.doc.id, l.amount])).toEqual([
      [w.netsuiteFake.record("expenseReport", "eid:kantata-expenses-31")?.id, 123.45],
    ]);
    expect(report.invoices[0]).toMatchObject({
      amount: usd("1572.62"),
      period: "2026-11",
      status: "written",
    });
    expect(Object.fromEntries(report.skipped.map((s) => [s.key.replace(/^kantata-/, ""), s.reason]))).toEqual(
      {
        "time_entries-4": "NOT_APPROVED",
        "time_entries-5": "NOT_BILLABLE",
        "time_entries-6": "AFTER_PERIOD",
        "time_entries-7": "NOT_POSTED",
        "expenses-32": "NOT_APPROVED",
      },
    );
    // The invoice id goes back to Kantata on every entry it bills.
    const refs = w.kantataFake.store.all("external_references");
    expect(refs.map((r) => `${r.subject_type}:${r.subject_id}`).sort()).toEqual([
      "Expense:31",
      "TimeEntry:1",
      "TimeEntry:2",
      "TimeEntry:3",
      "TimeEntry:8",
    ]);
    expect(new Set(refs.map((r) => r.service_model_ref))).toEqual(new Set([invoice?.id]));
  });

  it("a rerun is unchanged; late work waits for the next period; every billable posted hour is on exactly one invoice or in unbilled WIP", async () => {
    await setup();
    await run();
    expect(await run()).toMatchObject({ received: 1, unchanged: 1, written: 0 });
    expect(w.netsuiteFake.records("invoice")).toHaveLength(1);

    // Entry 7 is posted after November was invoiced: November's invoice is final, so it is unbilled WIP.
    await w.netsuite.postTime([entries[6] as TimeEntry]);
    const late = await run();
    expect(late).toMatchObject({ unchanged: 1 });
    expect(late.skipped).toContainEqual({
      key: "kantata-time_entries-7",
      type: "TimeEntry",
      reason: "AFTER_INVOICE",
    });
    const [wip] = await unbilledWip({
      ledger: w.ledger,
      period: NOVEMBER,
      projects: [tm],
      timeEntries: entries,
      expenses,
    });
    expect(wip).toEqual({
      project: tm.key,
      period: "2026-11",
      approvedBillable: usd("447.62"),
      billed: usd("372.62"),
      unbilled: usd("75.00"),
      unbilledPosted: usd("75.00"),
      notPosted: usd("0.00"),
      minutes: { approvedBillable: 132, billed: 102, unbilled: 30 },
      unbilledKeys: ["kantata-time_entries-7"],
    });
    expect(sumMoney([wip?.billed ?? usd("0"), wip?.unbilled ?? usd("0")])).toEqual(wip?.approvedBillable);

    // December's run bills it (and entry 6), never anything already billed.
    const december = await run(DECEMBER);
    expect(december).toMatchObject({ received: 1, written: 1 });
    expect(december.invoices[0]?.work).toEqual(["kantata-time_entries-7", "kantata-time_entries-6"]);
    const billed = billedTimeBills();
    const posted = w.netsuiteFake.records("timeBill").filter((t) => t.isBillable === true);
    expect([...billed.keys()].sort()).toEqual(posted.map((t) => t.id).sort());
    for (const invoices of billed.values()) expect(invoices).toHaveLength(1);
    const [novemberAfter] = await unbilledWip({
      ledger: w.ledger,
      period: NOVEMBER,
      projects: [tm],
      timeEntries: entries,
      expenses,
    });
    expect(novemberAfter).toMatchObject({ billed: usd("447.62"), unbilled: usd("0.00"), unbilledKeys: [] });
  });

  it("a crash after NetSuite raised the invoice but before the ledger recorded it: the rerun bills no hour twice", async () => {
    const inner = new MemoryLedger();
    let crash = false;
    const crashing: Ledger = {
      get: (key) => inner.get(key),
      entries: () => inner.entries(),
      close: () => inner.close(),
      get size() {
        return inner.size;
      },
      async record(entry) {
        if (crash && entry.key.startsWith("inv-")) throw new Error("killed");
        return inner.record(entry);
      },
    };
    await setup(crashing);
    crash = true;
    expect(await run()).toMatchObject({ failed: 1 });
    expect(w.netsuiteFake.records("invoice")).toHaveLength(1);
    crash = false;
    // The next period's run must not put November's hours on December's invoice; November's is recovered.
    await w.netsuite.postTime([entries[6] as TimeEntry]);
    const december = await run(DECEMBER);
    expect(december.invoices.map((i) => i.work)).toEqual([
      ["kantata-time_entries-7", "kantata-time_entries-6"],
    ]);
    // November's invoice is final now; the rerun only writes back the references the crash left out.
    expect(await run()).toMatchObject({ written: 1, failed: 0 });
    expect(await run()).toMatchObject({ unchanged: 1 });
    expect(w.netsuiteFake.records("invoice")).toHaveLength(2);
    for (const invoices of billedTimeBills().values()) expect(invoices).toHaveLength(1);
    expect(w.netsuiteFake.duplicateExternalIds()).toEqual([]);
  });

  it("a blocked invoice is an exception with its exact amount; its work stays unbilled and is billed once unblocked", async () => {
    await setup();
    const blocked = await run(NOVEMBER, { policy: { onHold: () => true } });
    expect(blocked).toMatchObject({ received: 1, rejected: 1 });
    expect(blocked.records[0]?.reason).toMatchObject({ code: "CUSTOMER_ON_HOLD", field: "client" });
    expect(blocked.exceptions).toEqual([
      expect.objectContaining({
        code: "CUSTOMER_ON_HOLD",
        impact: "blocks-billing",
        amount: usd("1572.62"),
        record: { key: "inv-tm-2026-11-kantata-workspaces-10", type: "InvoiceEvent", project: tm.key },
      }),
    ]);
    expect(w.netsuiteFake.records("invoice")).toHaveLength(0);
    const [wip] = await unbilledWip({
      ledger: w.ledger,
      period: NOVEMBER,
      projects: [tm],
      timeEntries: entries,
      expenses,
    });
    expect(wip?.billed).toEqual(usd("0.00"));
    // Next month the hold is lifted: November's blocked work goes on December's invoice, once.
    await w.netsuite.postTime([entries[6] as TimeEntry]);
    const december = await run(DECEMBER);
    expect(december).toMatchObject({ written: 1 });
    expect(december.invoices[0]?.amount).toEqual(
      usd("1572.62").amount === "1572.62" ? usd("1872.62") : usd("0"),
    );
    for (const invoices of billedTimeBills().values()) expect(invoices).toHaveLength(1);
  });
});
