import { money, revenueJournalEntry } from "@ledgerline/canonical";
import { MemoryLedger, ValidationError } from "@ledgerline/core";
import { afterEach, describe, expect, it } from "vitest";
import { createNetSuiteClient, toJournalEntry } from "../src/index.js";
import { createNetSuiteFake, type NetSuiteFake, propertyNamesFromSpec } from "../src/testing/index.js";
import { ctx } from "./fixtures.js";

const project = { key: "kantata-workspaces-77", ids: { netsuite: "601" } };
const accounts = { deferredRevenue: "2400", revenue: "4000" };
const masterData = { ...ctx, accounts: { "2400": "58", "4000": "54" } };
const periods = [
  { id: "301", periodName: "Jan 2026", startDate: "2026-01-01", endDate: "2026-01-31", closed: true },
  { id: "302", periodName: "Feb 2026", startDate: "2026-02-01", endDate: "2026-02-28", closed: false },
  {
    id: "310",
    periodName: "Q1 2026",
    startDate: "2026-01-01",
    endDate: "2026-03-31",
    closed: false,
    isQuarter: true,
  },
];
const entry = (period: string, amount: string) =>
  revenueJournalEntry({
    project,
    period,
    amount: money(amount, "GBP"),
    accounts,
    dimensions: { legalEntity: "UK", costCenter: "CC-100" },
    exchangeRate: "1.2650",
    updatedAt: "2026-02-28T12:00:00Z",
  });

let fake: NetSuiteFake | undefined;
function setup(ledger = new MemoryLedger()) {
  const created = createNetSuiteFake({ records: { accountingPeriod: periods } });
  fake = created;
  return createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl: created.baseUrl,
    fetch: created.fetch,
    auth: { type: "none" },
    masterData,
    ledger,
    retry: { baseDelayMs: 1, maxDelayMs: 5, budget: false },
  });
}

afterEach(async () => {
  fake?.assertNoViolations(); // every request and response matched openapi/netsuite.yaml
  await fake?.close();
  fake = undefined;
});

describe("toJournalEntry", () => {
  it("maps accounts, sides, entity, dimensions, currency rate; unmapped accounts are issues", () => {
    const body = toJournalEntry(entry("2026-02", "80.00"), masterData);
    expect(body).toMatchObject({
      externalId: entry("2026-02", "80.00").key,
      tranDate: "2026-02-28",
      exchangeRate: 1.265,
      subsidiary: { id: "4" },
      department: { id: "3" },
      line: {
        items: [
          { account: { id: "58" }, debit: 80, entity: { id: "601" }, department: { id: "3" } },
          { account: { id: "54" }, credit: 80, entity: { id: "601" } },
        ],
      },
    });
    expect(body.line?.items?.[0]).not.toHaveProperty("subsidiary");
    try {
      toJournalEntry(entry("2026-02", "80.00"), { ...masterData, accounts: { "2400": "58" } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual(["lines[1].account"]);
    }
  });
});

describe("every property toJournalEntry writes exists in openapi/netsuite.yaml", () => {
  it("header, line sublist and references", () => {
    const names = propertyNamesFromSpec(new URL("../../../openapi/netsuite.yaml", import.meta.url).pathname);
    const body = toJournalEntry(
      {
        ...entry("2026-02", "80.00"),
        dimensions: { legalEntity: "UK", costCenter: "CC-100", practice: "DATA", region: "EMEA" },
      },
      { ...masterData, currencies: { GBP: "2" }, postingPeriods: { "2026-02": "302" } },
    );
    expect(Object.keys(body)).toEqual(
      expect.arrayContaining([
        "postingPeriod",
        "currency",
        "exchangeRate",
        "subsidiary",
        "class",
        "location",
        "line",
      ]),
    );
    expect(names.check("journalEntry", body).unknown).toEqual([]);
  });
});

describe("journal entries against the fake", () => {
  it("upserts by external id: a rerun is unchanged, an adjustment replaces the lines", async () => {
    const netsuite = setup();
    const first = await netsuite.upsertJournalEntry(entry("2026-02", "80.00"));
    expect(first.status).toBe("written");
    expect((await netsuite.upsertJournalEntry(entry("2026-02", "80.00"))).status).toBe("unchanged");
    const adjusted = await netsuite.upsertJournalEntry(entry("2026-02", "95.10"));
    expect(adjusted).toMatchObject({ status: "written", internalId: first.internalId });
    const stored = fake!.records("journalEntry");
    expect(stored).toHaveLength(1);
    const items = (stored[0]!.line as { items: Array<Record<string, unknown>> }).items;
    expect(items.map((l) => [l.debit, l.credit])).toEqual([
      [95.1, undefined],
      [undefined, 95.1],
    ]);
  });

  it("reads back what NetSuite holds by external id, with account codes; none → undefined", async () => {
    const netsuite = setup();
    const je = entry("2026-02", "95.10");
    await netsuite.upsertJournalEntry(je);
    expect(await netsuite.readJournalEntry(je.key)).toMatchObject({
      tranDate: "2026-02-28",
      lines: [
        { account: "2400", debit: "95.1" },
        { account: "4000", credit: "95.1" },
      ],
    });
    expect(await netsuite.readJournalEntry("nothing-here")).toBeUndefined();
  });

  it("NetSuite refuses an entry in a closed period, and a change to an entry whose period has closed", async () => {
    const netsuite = setup();
    const closed = await netsuite.upsertJournalEntry(entry("2026-01", "10.00"));
    expect(closed).toMatchObject({ status: "rejected", field: "tranDate" });
    expect(fake!.records("journalEntry")).toEqual([]);

    const feb = await netsuite.upsertJournalEntry(entry("2026-02", "10.00"));
    expect(feb.status).toBe("written");
    fake!.seed("accountingPeriod", [{ ...periods[1], closed: true }]);
    const late = await netsuite.upsertJournalEntry(entry("2026-02", "12.00"));
    expect(late.status).toBe("rejected");
    expect(
      (fake!.records("journalEntry")[0]!.line as { items: Array<{ debit?: number }> }).items[0]?.debit,
    ).toBe(10);
  });

  it("the fake is strict: unbalanced lines and too many decimals are refused", async () => {
    const netsuite = setup();
    let n = 0;
    const put = (body: Record<string, unknown>) =>
      netsuite.http.PUT("/record/v1/journalEntry/eid:{externalId}", {
        params: { path: { externalId: `je-${++n}` } },
        body,
      });
    const unbalanced = await put({
      tranDate: "2026-02-10",
      line: {
        items: [
          { account: { id: "58" }, debit: 0.1 },
          { account: { id: "54" }, credit: 0.3 },
        ],
      },
    }).catch((e: unknown) => e);
    expect(unbalanced).toMatchObject({ status: 400, vendorCode: "USER_ERROR", path: "line" });
    // 0.1 + 0.2 is not 0.3 in floats; the fake adds exact minor units, so this balances.
    const exact = await put({
      tranDate: "2026-02-10",
      line: {
        items: [
          { account: { id: "58" }, debit: 0.1 },
          { account: { id: "58" }, debit: 0.2 },
          { account: { id: "54" }, credit: 0.3 },
        ],
      },
    });
    expect(exact.response.status).toBe(204);
    const precise = await put({
      tranDate: "2026-02-10",
      line: {
        items: [
          { account: { id: "58" }, debit: 1.005 },
          { account: { id: "54" }, credit: 1.005 },
        ],
      },
    }).catch((e: unknown) => e);
    expect(precise).toMatchObject({
      status: 400,
      vendorCode: "INVALID_CONTENT",
      path: "line.items[0].debit",
    });
  });

  it("lists accounting periods with their closed state", async () => {
    const netsuite = setup();
    const listed = await netsuite.listAccountingPeriods();
    expect(listed.map((p) => [p.id, p.startDate, p.closed, p.summary])).toEqual([
      ["301", "2026-01-01", true, false],
      ["310", "2026-01-01", false, true],
      ["302", "2026-02-01", false, false],
    ]);
  });
});
