import { type Ledger, MemoryLedger } from "@ledgerline/core";
import { afterEach, describe, expect, it } from "vitest";
import { billMilestones } from "../src/index.js";
import { engagement, milestone, NOW, project, usd, type World, world } from "./billing-fixtures.js";

let w: World;

afterEach(() => {
  // Every request the steps sent, and every answer, matched the vendors' OpenAPI documents.
  w.netsuiteFake.assertNoViolations();
  w.kantataFake.assertNoViolations();
});

const fixedFee = project("20", { billingType: { code: "milestone" } });

async function setup(ledger?: Ledger) {
  w = world(ledger ? { ledger } : {});
  const projects = await w.netsuite.upsertProjects([fixedFee]);
  expect(projects.written).toBe(1);
  return w;
}

function run(overrides: Partial<Parameters<typeof billMilestones>[0]> = {}) {
  return billMilestones({
    netsuite: w.netsuite,
    psa: w.psa,
    ledger: w.ledger,
    now: () => NOW,
    milestones: [
      milestone("55"),
      milestone("56", { name: "Go-live", completedOn: "2026-11-25" }),
      milestone("57", { name: "Phase 3", state: "open", completedOn: undefined }),
    ],
    projects: [fixedFee],
    engagements: [engagement("20")],
    ...overrides,
  });
}

const invoiceRefs = () =>
  w.kantataFake.store
    .all("external_references")
    .map((r) => [r.subject_type, r.subject_id, r.service_model_ref]);

describe("billMilestones", () => {
  it("raises exactly one NetSuite invoice per completed milestone for the billing milestone's fee, and writes its id back to the story", async () => {
    await setup();
    const report = await run();
    expect(report).toMatchObject({
      step: "billMilestones",
      received: 2,
      written: 2,
      unchanged: 0,
      rejected: 0,
      failed: 0,
    });
    expect(report.skipped).toEqual([
      { key: "kantata-stories-57", type: "Milestone", reason: "NOT_COMPLETED" },
    ]);

    const invoices = w.netsuiteFake.records("invoice");
    expect(
      invoices.map((i) => [
        i.externalId,
        i.tranDate,
        (i.item as { items: Array<{ amount: number }> }).items[0]?.amount,
      ]),
    ).toEqual([
      ["inv-milestone-kantata-stories-55", "2026-11-18", 12000],
      ["inv-milestone-kantata-stories-56", "2026-11-25", 30000.5],
    ]);
    // The invoice is raised on the project's job, with its subsidiary.
    const job = w.netsuiteFake.record("job", "eid:kantata-workspaces-20");
    expect(invoices[0]).toMatchObject({ entity: { id: job?.id }, subsidiary: { id: "1" } });
    expect(report.invoices.map((i) => [i.milestone, i.amount, i.period])).toEqual([
      ["kantata-stories-55", usd("12000.00"), "2026-11"],
      ["kantata-stories-56", usd("30000.50"), "2026-11"],
    ]);
    expect(invoiceRefs()).toEqual([
      ["Story", "55", invoices[0]?.id],
      ["Story", "56", invoices[1]?.id],
    ]);
    expect(report.records.map((r) => r.targets)).toEqual(invoices.map((i) => ({ netsuite: i.id })));
  });

  it("a rerun changes nothing: every record unchanged, still one invoice and one reference per milestone", async () => {
    await setup();
    await run();
    const requests = w.netsuiteFake.api.calls();
    const again = await run();
    expect(again).toMatchObject({ received: 2, written: 0, unchanged: 2, rejected: 0, failed: 0 });
    expect(w.netsuiteFake.api.calls()).toBe(requests);
    expect(w.netsuiteFake.records("invoice")).toHaveLength(2);
    expect(w.netsuiteFake.duplicateExternalIds()).toEqual([]);
    expect(w.kantataFake.store.all("external_references")).toHaveLength(2);
  });

  it("a crash between the invoice and the external reference: the rerun leaves exactly one invoice and writes the reference", async () => {
    await setup();
    // Kantata is down for the first run: the invoices are raised, the references cannot be written.
    const down = {
      ...w.psa,
      upsertExternalReference: async () => Promise.reject(new Error("connection reset")),
    };
    const first = await run({ psa: down });
    expect(first).toMatchObject({ received: 2, failed: 2 });
    expect(first.records[0]?.reason?.message).toMatch(/written back to the PSA/);
    expect(w.netsuiteFake.records("invoice")).toHaveLength(2);
    expect(w.kantataFake.store.all("external_references")).toHaveLength(0);

    const second = await run();
    expect(second).toMatchObject({ received: 2, written: 2, failed: 0 });
    expect(w.netsuiteFake.records("invoice")).toHaveLength(2);
    expect(invoiceRefs()).toHaveLength(2);
    expect(await run()).toMatchObject({ unchanged: 2 });
  });

  it("a crash after NetSuite raised the invoice but before the ledger recorded it: the rerun updates the same invoice", async () => {
    const inner = new MemoryLedger();
    let crash = true;
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
    const first = await run();
    expect(first.failed).toBe(2);
    expect(w.netsuiteFake.records("invoice")).toHaveLength(2);
    crash = false;
    const second = await run();
    expect(second).toMatchObject({ written: 2, failed: 0 });
    expect(w.netsuiteFake.records("invoice")).toHaveLength(2);
    expect(w.netsuiteFake.duplicateExternalIds()).toEqual([]);
  });

  it("blocked invoices are rejected with the reason code and field, and raised as blocks-billing exceptions with their exact amount", async () => {
    await setup();
    const report = await run({ policy: { onHold: (client) => client.key === "salesforce-account-001" } });
    expect(report).toMatchObject({ received: 2, rejected: 2, written: 0 });
    expect(report.records[0]?.reason).toMatchObject({ code: "CUSTOMER_ON_HOLD", field: "client" });
    expect(report.exceptions.map((e) => [e.code, e.impact, e.amount, e.record.type])).toEqual([
      ["CUSTOMER_ON_HOLD", "blocks-billing", usd("12000.00"), "InvoiceEvent"],
      ["CUSTOMER_ON_HOLD", "blocks-billing", usd("30000.50"), "InvoiceEvent"],
    ]);
    expect(w.netsuiteFake.records("invoice")).toHaveLength(0);

    const taxed = await run({
      policy: { requireTaxCode: true, taxCodeFor: (p) => (p.key.endsWith("20") ? "GST" : undefined) },
    });
    expect(taxed.records[0]?.reason).toMatchObject({ code: "DIMENSION_UNMAPPED", field: "lines[0].taxCode" });
    expect(taxed.exceptions[0]).toMatchObject({ code: "UNMAPPED_TAX_CODE", amount: usd("12000.00") });
    const untaxed = await run({ policy: { requireTaxCode: true } });
    expect(untaxed.exceptions[0]).toMatchObject({ code: "MISSING_TAX_CODE", field: "taxCode" });
  });

  it("an unmapped subsidiary blocks the invoice; a milestone without a billing milestone is rejected, not invoiced", async () => {
    await setup();
    const abroad = { ...fixedFee, dimensions: { legalEntity: "DE" } };
    const report = await run({
      projects: [abroad],
      milestones: [milestone("55"), milestone("56", { name: "Unplanned extra" })],
    });
    expect(report.records.map((r) => [r.key, r.status, r.reason?.code, r.reason?.field])).toEqual([
      ["kantata-stories-55", "rejected", "DIMENSION_UNMAPPED", "dimensions.legalEntity"],
      ["kantata-stories-56", "rejected", "NO_BILLING_MILESTONE", "milestone"],
    ]);
    expect(report.exceptions.map((e) => [e.code, e.impact, e.amount])).toEqual([
      ["UNMAPPED_LEGAL_ENTITY", "blocks-billing", usd("12000.00")],
      ["NO_BILLING_MILESTONE", "blocks-billing", undefined],
    ]);
    expect(w.netsuiteFake.records("invoice")).toHaveLength(0);
  });

  it("a milestone completed in a closed period is invoiced in the open period, and flagged for the close", async () => {
    await setup();
    const report = await run({ policy: { openFrom: "2026-12-01" }, milestones: [milestone("55")] });
    expect(report.written).toBe(1);
    expect(w.netsuiteFake.records("invoice")[0]?.tranDate).toBe("2026-12-01");
    expect(report.invoices[0]?.period).toBe("2026-12");
    expect(report.exceptions).toEqual([
      expect.objectContaining({
        code: "COMPLETED_AFTER_CLOSE",
        impact: "blocks-revenue",
        amount: usd("12000.00"),
      }),
    ]);
  });
});
