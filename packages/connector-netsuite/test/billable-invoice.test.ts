import type { InvoiceEvent } from "@ledgerline/canonical";
import { MemoryLedger } from "@ledgerline/core";
import { afterEach, describe, expect, it } from "vitest";
import { createNetSuiteClient, toInvoice } from "../src/index.js";
import { createNetSuiteFake, type NetSuiteFake } from "../src/testing/index.js";
import { ctx, expense, project, timeEntry } from "./fixtures.js";

let fake: NetSuiteFake;

function setup() {
  fake = createNetSuiteFake();
  const ledger = new MemoryLedger();
  const netsuite = createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    auth: { type: "none" },
    masterData: ctx,
    ledger,
    retry: { baseDelayMs: 1, maxDelayMs: 5, budget: false },
  });
  return { netsuite, ledger };
}

/** The lines of an invoice's sublist, as the fake stores them. */
function linesOf(record: Record<string, unknown> | undefined, sublist: "time" | "expCost") {
  return ((record?.[sublist] ?? { items: [] }) as { items: Array<{ doc: { id: string } }> }).items;
}

const gbp = (amount: string) => ({ amount, currency: "GBP" as const });

function tmInvoice(key: string, timeKeys: string[], expenseKeys: string[] = []): InvoiceEvent {
  const lines = [
    ...timeKeys.map((k) => ({
      kind: "time" as const,
      description: `Time ${k}`,
      amount: gbp("675.00"),
      sourceKeys: [k],
    })),
    ...expenseKeys.map((k) => ({
      kind: "expense" as const,
      description: `Expense ${k}`,
      amount: gbp("123.45"),
      sourceKeys: [k],
    })),
  ];
  const total = (675 * timeKeys.length * 100 + 12345 * expenseKeys.length) / 100;
  return {
    key,
    source: {
      system: "ledgerline",
      type: "tm_invoice",
      id: key,
      version: "1",
      updatedAt: "2026-11-30T00:00:00Z",
    },
    kind: "time_and_materials",
    status: "ready",
    client: project.client,
    project: { key: project.key, ids: { netsuite: "601" } },
    date: "2026-11-30",
    amount: gbp(total.toFixed(2)),
    lines,
  };
}

describe("toInvoice: billable time and expense lines", () => {
  it("puts time lines on the time sublist and expense lines on expCost, pointing at the posted records", () => {
    const event = tmInvoice("tm-1", ["kantata-time_entries-1"], ["kantata-expenses-2"]);
    const ids: Record<string, string> = { "kantata-time_entries-1": "1101", "kantata-expenses-2": "1202" };
    const body = toInvoice(event, { ...ctx, resolve: (ref) => ids[ref.key] ?? ref.ids?.netsuite });
    expect(body.item).toBeUndefined();
    expect(body.time?.items).toEqual([
      { apply: true, doc: { id: "1101" }, amount: 675, memo: "Time kantata-time_entries-1" },
    ]);
    expect(body.expCost?.items).toEqual([
      { apply: true, doc: { id: "1202" }, amount: 123.45, memo: "Expense kantata-expenses-2" },
    ]);
  });

  it("refuses a time line whose time bill NetSuite does not hold, naming the line", () => {
    expect(() => toInvoice(tmInvoice("tm-1", ["kantata-time_entries-9"]), ctx)).toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ path: "lines[0].sourceKeys", code: "UNMAPPED" })],
      }),
    );
  });
});

describe("the fake bills each posted time bill on one invoice only", () => {
  afterEach(async () => {
    fake.assertNoViolations();
    await fake.close();
  });

  it("accepts posted billable approved time, re-posts the same invoice, and refuses a second invoice for it", async () => {
    const { netsuite } = setup();
    await netsuite.postTime([timeEntry("1"), timeEntry("2")]);
    await netsuite.postExpenses([expense("3")]);
    const first = await netsuite.upsertInvoice(
      tmInvoice("tm-1", ["kantata-time_entries-1"], ["kantata-expenses-3"]),
    );
    expect(first.status).toBe("written");
    const stored = fake.record("invoice", first.internalId ?? "");
    const timeBill = fake.record("timeBill", "eid:kantata-time_entries-1");
    expect(linesOf(stored, "time").map((l) => l.doc.id)).toEqual([timeBill?.id]);
    // The same invoice again (a rerun after a crash): accepted, still one invoice, lines replaced not added.
    const again = await netsuite.upsertInvoice({
      ...tmInvoice("tm-1", ["kantata-time_entries-1", "kantata-time_entries-2"], ["kantata-expenses-3"]),
      amount: gbp("1473.45"),
    });
    expect(again).toMatchObject({ status: "written", internalId: first.internalId });
    expect(fake.records("invoice")).toHaveLength(1);
    expect(linesOf(fake.records("invoice")[0], "time")).toHaveLength(2);
    // Another invoice for time already billed: refused, naming the line.
    const twice = await netsuite.upsertInvoice(tmInvoice("tm-2", ["kantata-time_entries-2"]));
    expect(twice).toMatchObject({ status: "rejected", field: "time.items[0].doc" });
    expect(twice.issues?.[0]?.code).toBe("USER_ERROR");
    expect(fake.records("invoice")).toHaveLength(1);
  });

  it("refuses non-billable or unapproved time bills and time of another project", async () => {
    const { netsuite } = setup();
    await netsuite.postTime([timeEntry("1", { billable: false })]);
    const notBillable = await netsuite.upsertInvoice(tmInvoice("tm-1", ["kantata-time_entries-1"]));
    expect(notBillable).toMatchObject({ status: "rejected", field: "time.items[0].doc" });
    expect(notBillable.reason).toMatch(/not billable/);

    fake.seed("timeBill", [
      {
        id: "2001",
        externalId: "unapproved",
        isBillable: true,
        approvalStatus: { id: "2" },
        customer: { id: "601" },
      },
      {
        id: "2002",
        externalId: "other",
        isBillable: true,
        approvalStatus: { id: "3" },
        customer: { id: "602" },
      },
    ]);
    const resolve = (id: string) => ({ key: `x-${id}`, ids: { netsuite: id } });
    for (const [id, why] of [
      ["2001", /not approved/],
      ["2002", /another customer/],
    ] as const) {
      const event = tmInvoice(`tm-${id}`, [`kantata-time_entries-${id}`]);
      const line = event.lines?.[0];
      if (line) line.sourceKeys = [resolve(id).key];
      const body = toInvoice(event, {
        ...ctx,
        resolve: (ref) => (ref.key === `x-${id}` ? id : ref.ids?.netsuite),
      });
      const response = await fake.fetch(`${fake.baseUrl}/record/v1/invoice/eid:tm-${id}?replace=time`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      const error = (await response.json()) as {
        "o:errorDetails": Array<{ detail: string; "o:errorPath": string }>;
      };
      expect(error["o:errorDetails"][0]?.detail).toMatch(why);
      expect(error["o:errorDetails"][0]?.["o:errorPath"]).toBe("time.items[0].doc");
    }
    expect(fake.records("invoice")).toHaveLength(0);
  });
});
