import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addMoney } from "@ledgerline/canonical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runQuoteToCash } from "../src/flow.js";
import { judge } from "../src/outcome.js";
import { renderReport } from "../src/report.js";
import type { SeedSize } from "../src/seed.js";
import { type StatePaths, statePaths } from "../src/state.js";
import type { DemoSummary } from "../src/summary.js";

// Six projects over three clients: two fixed fee (P-101, P-102), the on-hold client's P-103 (and the closed
// P-106), and two time-and-materials projects that invoice normally (P-104, P-105).
const SIZE: SeedSize = { clients: 3, projects: 6, consultants: 10, timeEntries: 600, expenses: 60 };
const SEED = 1515;

type Records = Array<Record<string, unknown> & { id: string; externalId?: string }>;

async function netsuiteRecords(paths: StatePaths): Promise<Record<string, Records>> {
  return (JSON.parse(await readFile(paths.netsuite, "utf8")) as { records: Record<string, Records> }).records;
}

/** NetSuite's invoices by external id, with every reference rewritten to the referenced record's external id. */
async function invoiceState(paths: StatePaths): Promise<Record<string, unknown>> {
  const records = await netsuiteRecords(paths);
  const externalIdOf = new Map<string, string>();
  for (const [type, list] of Object.entries(records)) {
    for (const r of list) externalIdOf.set(r.id, r.externalId ?? `${type}:${r.id}`);
  }
  const normalise = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(normalise);
    if (value && typeof value === "object") {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 1 && entries[0]?.[0] === "id")
        return { ref: externalIdOf.get(String(entries[0][1])) };
      return Object.fromEntries(
        entries.filter(([k]) => k !== "id" && k !== "lastModifiedDate").map(([k, v]) => [k, normalise(v)]),
      );
    }
    return value;
  };
  return Object.fromEntries((records.invoice ?? []).map((r) => [r.externalId, normalise(r)]));
}

function invoicesOf(summary: DemoSummary) {
  const section = summary.invoices;
  if (!section) throw new Error("the run has no invoices section");
  return section;
}

describe("quote-to-cash billing (in process, fakes on 127.0.0.1)", () => {
  let dir: string;
  let paths: StatePaths;
  let first: DemoSummary;
  let firstInvoices: Record<string, unknown>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "quote-to-cash-billing-"));
    paths = statePaths(dir);
    first = await runQuoteToCash({ seed: SEED, size: SIZE, faults: 0, reset: false, paths });
    firstInvoices = await invoiceState(paths);
  }, 180_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("invoices every completed milestone once, each normal T&M project once, and blocks the on-hold client's invoice with its amount", () => {
    const billing = invoicesOf(first);
    expect(billing.steps.map((s) => [s.step, s.received, s.written, s.rejected, s.failed])).toEqual([
      ["billMilestones", 2, 2, 0, 0],
      ["billTimeAndMaterials", 3, 2, 1, 0],
    ]);
    const milestoneInvoices = billing.invoices.filter((i) => i.kind === "milestone");
    expect(milestoneInvoices.map((i) => [i.date, i.amount])).toEqual([
      ["2026-10-14", { amount: "45000.00", currency: "USD" }],
      ["2026-10-01", { amount: "45000.00", currency: "USD" }],
    ]);
    expect(Object.keys(firstInvoices)).toHaveLength(4);
    const codes = billing.exceptions.map((e) => [e.code, e.impact]);
    expect(codes).toEqual([
      ["COMPLETED_AFTER_CLOSE", "blocks-revenue"],
      ["CUSTOMER_ON_HOLD", "blocks-billing"],
    ]);
    const blocked = billing.invoices.find((i) => i.status === "rejected");
    expect(billing.exceptions[1]?.amount).toEqual(blocked?.amount);
    expect(Number(blocked?.amount.amount)).toBeGreaterThan(0);
  });

  it("every billable posted time bill of an invoiced project is on exactly one invoice, and billed + unbilled = approved billable per project", async () => {
    const records = await netsuiteRecords(paths);
    const onInvoices = new Map<string, number>();
    for (const invoice of records.invoice ?? []) {
      for (const line of (invoice.time as { items: Array<{ doc: { id: string } }> } | undefined)?.items ??
        []) {
        onInvoices.set(line.doc.id, (onInvoices.get(line.doc.id) ?? 0) + 1);
      }
    }
    const billing = invoicesOf(first);
    // The NetSuite jobs (the SOWs' projects) that a T&M invoice was raised for: every billable time bill
    // posted to one of them must be on exactly one invoice.
    const invoiced = new Set(
      (records.invoice ?? [])
        .filter((i) => String(i.externalId).startsWith("inv-tm-"))
        .map((i) => (i.entity as { id: string }).id),
    );
    expect(invoiced.size).toBe(
      billing.invoices.filter((i) => i.kind !== "milestone" && i.status === "written").length,
    );
    const billable = (records.timeBill ?? []).filter(
      (t) => t.isBillable === true && invoiced.has((t.customer as { id: string }).id),
    );
    expect(billable.length).toBeGreaterThan(0);
    for (const timeBill of billable) expect(onInvoices.get(timeBill.id)).toBe(1);
    expect([...onInvoices.values()].every((n) => n === 1)).toBe(true);
    for (const wip of billing.wip) {
      expect(addMoney(wip.billed, wip.unbilled)).toEqual(wip.approvedBillable);
      expect(addMoney(wip.unbilledPosted, wip.notPosted)).toEqual(wip.unbilled);
      expect(wip.minutes.billed + wip.minutes.unbilled).toBe(wip.minutes.approvedBillable);
    }
  });

  it("the text report shows billing: invoices by outcome, the blocked amount, billed + unbilled per project", () => {
    const report = renderReport(first);
    const billing = invoicesOf(first);
    const blocked = billing.exceptions.find((e) => e.code === "CUSTOMER_ON_HOLD");
    expect(report).toContain("Billing (2026-10)");
    expect(report).toContain(
      "billTimeAndMaterials: 3 invoices — 2 written, 0 unchanged, 1 blocked, 0 failed",
    );
    expect(report).toContain(
      `blocks-billing: CUSTOMER_ON_HOLD on ${blocked?.record} ${blocked?.amount?.amount} USD`,
    );
  });

  it("the run is clean with its blocked invoice; a failed invoice makes it not clean", () => {
    expect(judge(first)).toEqual({ exitCode: 0, reasons: [] });
    const billing = invoicesOf(first);
    const failed = {
      ...first,
      invoices: { ...billing, steps: billing.steps.map((s) => ({ ...s, failed: 1 })) },
    };
    expect(judge(failed)).toEqual({ exitCode: 1, reasons: ["2 invoices failed (run again to finish them)"] });
  });

  it("a repeat run raises nothing new: every invoice unchanged or still blocked", async () => {
    const again = await runQuoteToCash({ seed: SEED, size: SIZE, faults: 0, reset: false, paths });
    const billing = invoicesOf(again);
    expect(billing.steps.map((s) => [s.written, s.failed])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(await invoiceState(paths)).toEqual(firstInvoices);
  }, 180_000);

  it("--reset with 20 % faults ends with the same invoices: none twice, none missing", async () => {
    const faulty = await runQuoteToCash({ seed: SEED, size: SIZE, faults: 0.2, reset: true, paths });
    const billing = invoicesOf(faulty);
    expect(billing.steps.map((s) => s.failed)).toEqual([0, 0]);
    expect(await invoiceState(paths)).toEqual(firstInvoices);
    const strip = (s: DemoSummary) => invoicesOf(s).invoices.map(({ netsuiteId: _n, ...rest }) => rest);
    expect(strip(faulty)).toEqual(strip(first));
    expect(faulty.targetDuplicates).toBe(0);
  }, 300_000);
});
