import { MemoryLedger } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { createSalesforceClient, SalesforceBudgetError } from "../src/index.js";
import { createSalesforceFake } from "../src/testing/index.js";

const creds = { clientId: "3MVG9-ledgerline", clientSecret: "s3cr3t-client" };

function setup(fakeOptions: Parameters<typeof createSalesforceFake>[0] = {}, retry = {}) {
  const fake = createSalesforceFake({ clientCredentials: creds, ...fakeOptions });
  const ledger = new MemoryLedger();
  const sf = createSalesforceClient({
    instanceUrl: fake.baseUrl,
    auth: { type: "client-credentials", ...creds },
    fetch: fake.fetch,
    ledger,
    retry: { baseDelayMs: 1, maxDelayMs: 2, budget: false, ...retry },
    bulk: { pollIntervalMs: 1 },
  });
  return { fake, sf, ledger };
}

const accounts = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({
    Ledgerline_Key__c: `ll-client-${from + i}`,
    Name: `Client ${from + i}`,
    BillingCountry: "Germany",
  }));

describe("upsertRecords", () => {
  it("creates one record with a single upsert call, then updates it (200 created:false)", async () => {
    const { fake, sf } = setup();
    const first = await sf.upsertRecords("Account", "Ledgerline_Key__c", accounts(1));
    expect(first.results[0]).toMatchObject({ status: "created", externalId: "ll-client-0" });
    expect(fake.apiCalls("upsert")).toBe(1);
    const second = await sf.upsertRecords("Account", "Ledgerline_Key__c", [
      { Ledgerline_Key__c: "ll-client-0", Name: "Renamed" },
    ]);
    expect(second.results[0]).toMatchObject({ status: "updated" });
    expect(fake.records("Account")).toHaveLength(1);
    expect(fake.records("Account")[0]?.Name).toBe("Renamed");
    fake.api.assertNoViolations();
  });

  it("accepts the pre-46.0 empty 204 on update", async () => {
    const fake = createSalesforceFake({ clientCredentials: creds });
    const sf = createSalesforceClient({
      instanceUrl: fake.baseUrl,
      apiVersion: "45.0",
      auth: { type: "client-credentials", ...creds },
      fetch: fake.fetch,
    });
    await sf.upsertRecords("Account", "Ledgerline_Key__c", accounts(1));
    const again = await sf.upsertRecords("Account", "Ledgerline_Key__c", [
      { Ledgerline_Key__c: "ll-client-0", Name: "Again" },
    ]);
    expect(again.results[0]?.status).toBe("updated");
    expect(fake.records("Account")).toHaveLength(1);
    fake.api.assertNoViolations();
  });

  it("writes 10,000 records through Collections in at most 50 calls, one result per record, in order", async () => {
    const { fake, sf } = setup();
    const input = accounts(10_000);
    const report = await sf.upsertRecords("Account", "Ledgerline_Key__c", input, {
      transport: "collections",
    });
    expect(report.results).toHaveLength(10_000);
    expect(report.results.map((r) => r.externalId)).toEqual(input.map((r) => r.Ledgerline_Key__c));
    expect(report.created).toBe(10_000);
    expect(fake.apiCalls()).toBeLessThanOrEqual(50);
    expect(fake.apiCalls("collectionUpsert")).toBe(50);
    expect(fake.records("Account")).toHaveLength(10_000);
    fake.api.assertNoViolations();
  });

  it("above 2,000 records picks Bulk API 2.0 by itself: 10,000 upserts in ≤ 5 job calls plus polls, matched by external id", async () => {
    const { fake, sf } = setup();
    for (const a of accounts(10)) fake.insert("Account", { ...a, Name: "before" }); // 10 exist: updates
    const input = accounts(10_000);
    const report = await sf.upsertRecords("Account", "Ledgerline_Key__c", input);
    expect(report.transport).toBe("bulk");
    expect(report.results.map((r) => r.externalId)).toEqual(input.map((r) => r.Ledgerline_Key__c));
    expect(report.updated).toBe(10);
    expect(report.created).toBe(9_990);
    const polls = fake.apiCalls("jobPoll");
    const jobCalls = fake.apiCalls() - fake.apiCalls("collectionUpsert") - polls;
    expect(jobCalls).toBeLessThanOrEqual(5);
    expect(polls).toBeGreaterThan(0);
    expect(fake.records("Account")).toHaveLength(10_000);
    // The fake returns result rows in reverse order: results still line up with the input by external id.
    const byKey = new Map(fake.records("Account").map((r) => [r.Ledgerline_Key__c, r.Id]));
    for (const r of report.results) if ("id" in r) expect(r.id).toBe(byKey.get(r.externalId));
    fake.api.assertNoViolations();
  });

  it("Bulk failed rows come back per record with their code; unknown-type values are rejected before upload", async () => {
    const { fake, sf } = setup();
    const input: Record<string, unknown>[] = accounts(5);
    input[1] = { ...input[1], Name: null };
    input[2] = { ...input[2], Website: { nested: true } };
    fake.insert("Account", { Name: "dup A", Ledgerline_Key__c: "ll-client-3" });
    fake.insert("Account", { Name: "dup B", Ledgerline_Key__c: "ll-client-3" });
    const report = await sf.upsertRecords("Account", "Ledgerline_Key__c", input, { transport: "bulk" });
    expect(report.results.map((r) => r.status)).toEqual([
      "created",
      "rejected",
      "rejected",
      "rejected",
      "created",
    ]);
    // null is sent as #N/A; a new Account without Name is refused as Salesforce does.
    expect(report.results[1]).toMatchObject({ code: "REQUIRED_FIELD_MISSING" });
    expect(report.results[2]).toMatchObject({ code: "INVALID_TYPE" });
    expect(report.results[3]).toMatchObject({ code: "DUPLICATE_EXTERNAL_ID" });
    expect(JSON.stringify(report)).not.toContain("nested");
    fake.api.assertNoViolations();
  });

  it("Bulk rows refused with UNABLE_TO_LOCK_ROW are resent through Collections: every record written once", async () => {
    const { fake, sf } = setup({ lockRate: 0.4, seed: 7 }, { maxAttempts: 10 });
    const input = accounts(3_000);
    const report = await sf.upsertRecords("Account", "Ledgerline_Key__c", input);
    expect(report.transport).toBe("bulk");
    expect(fake.apiCalls("collectionUpsert")).toBeGreaterThan(0);
    expect(report.created).toBe(3_000);
    const keys = fake.records("Account").map((r) => r.Ledgerline_Key__c);
    expect(new Set(keys).size).toBe(3_000);
    expect(keys).toHaveLength(3_000);
  });

  it("skips unchanged records through the ledger on a rerun", async () => {
    const { fake, sf } = setup();
    await sf.upsertRecords("Account", "Ledgerline_Key__c", accounts(300));
    const calls = fake.apiCalls();
    const rerun = await sf.upsertRecords("Account", "Ledgerline_Key__c", accounts(300));
    expect(rerun.unchanged).toBe(300);
    expect(fake.apiCalls()).toBe(calls);
  });

  it("rejects records without an external id or with bad field names before sending, naming the field", async () => {
    const { fake, sf } = setup();
    const report = await sf.upsertRecords("Account", "Ledgerline_Key__c", [
      { Name: "no key" },
      { Ledgerline_Key__c: "ok-1", Name: "fine" },
      { Ledgerline_Key__c: "ok-2", "Name'; DROP": "x" },
      { Ledgerline_Key__c: "ok-3", Unknown__c: "x" },
    ]);
    expect(report.results[0]).toMatchObject({
      status: "rejected",
      code: "EXTERNAL_ID_MISSING",
      fields: ["Ledgerline_Key__c"],
    });
    // A whole-request failure fails its chunk: nothing of it was written, no record is blamed on its own.
    expect(report.results[1]).toMatchObject({ status: "failed", code: "INVALID_FIELD" });
    expect(report.results[2]).toMatchObject({ status: "rejected", code: "INVALID_FIELD" });
    // The fake is strict: an unknown field fails the whole Collections request with INVALID_FIELD.
    expect(report.results[3]).toMatchObject({ status: "failed", code: "INVALID_FIELD" });
    expect(JSON.stringify(report)).not.toContain("DROP");
    expect(fake.records("Account")).toHaveLength(0);
  });

  it("with 20 % UNABLE_TO_LOCK_ROW and 503 injected, every record ends written exactly once", async () => {
    const { fake, sf } = setup({ lockRate: 0.2, unavailableRate: 0.2, seed: 42 }, { maxAttempts: 10 });
    const input = accounts(2_000);
    const report = await sf.upsertRecords("Account", "Ledgerline_Key__c", input);
    expect(report.failed + report.rejected).toBe(0);
    expect(report.created).toBe(2_000);
    const keys = fake.records("Account").map((r) => r.Ledgerline_Key__c);
    expect(keys).toHaveLength(2_000);
    expect(new Set(keys).size).toBe(2_000);
    expect(fake.api.requests.some((r) => r.status === 503)).toBe(true);
    expect(fake.api.requests.some((r) => r.status === 400)).toBe(true);
  });

  it("stops at the daily budget with a typed error, reports every unsent record failed, and completes after the reset", async () => {
    // 1 token call is free; 10 data calls allowed; the guard stops at 90 % = 9 calls.
    const { fake, sf } = setup({ dailyLimit: 10 });
    const input = accounts(3_000);
    const report = await sf.upsertRecords("Account", "Ledgerline_Key__c", input, {
      transport: "collections",
    });
    expect(report.stoppedBy).toBeInstanceOf(SalesforceBudgetError);
    expect(report.created).toBe(9 * 200);
    expect(report.failed).toBe(3_000 - 9 * 200);
    expect(report.results).toHaveLength(3_000);
    expect(fake.apiUsed).toBe(9);
    expect(
      report.results
        .filter((r) => r.status === "failed")
        .every((r) => "code" in r && r.code === "API_BUDGET_EXHAUSTED"),
    ).toBe(true);

    fake.resetBudget();
    sf.resetApiBudget();
    const rerun = await sf.upsertRecords("Account", "Ledgerline_Key__c", input, { transport: "collections" });
    expect(rerun.stoppedBy).toBeUndefined();
    expect(rerun.unchanged).toBe(9 * 200);
    expect(rerun.created).toBe(3_000 - 9 * 200);
    expect(fake.records("Account")).toHaveLength(3_000);
  });

  it("a 403 REQUEST_LIMIT_EXCEEDED from the org is never retried and stops the run", async () => {
    const { fake, sf } = setup({ dailyLimit: 5, used: 5 });
    const report = await sf.upsertRecords("Account", "Ledgerline_Key__c", accounts(500));
    expect(report.stoppedBy?.code).toBe("RATE_LIMITED");
    expect(report.failed).toBe(500);
    expect(fake.apiCalls("collectionUpsert")).toBe(1);
  });
});
