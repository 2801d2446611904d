import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createSalesforceClient, generateDescribeTypes } from "../src/index.js";
import { createSalesforceFake } from "../src/testing/index.js";

describe("writeBack", () => {
  it("writes project and engagement ids to existing Opportunities by external id, never creates one", async () => {
    const fake = createSalesforceFake();
    fake.insert("Opportunity", {
      Name: "SOW",
      StageName: "Closed Won",
      CloseDate: "2026-11-30",
      Ledgerline_Key__c: "opp-1",
    });
    const sf = createSalesforceClient({
      instanceUrl: fake.baseUrl,
      auth: { type: "client-credentials", clientId: "id", clientSecret: "secret" },
      fetch: fake.fetch,
    });
    const report = await sf.writeBack([
      { opportunityKey: "opp-1", projectId: "ll-project-9", engagementId: "ll-engagement-9" },
      { opportunityKey: "opp-missing", projectId: "ll-project-10" },
    ]);
    expect(report.results.map((r) => r.status)).toEqual(["updated", "rejected"]);
    expect(report.results[1]).toMatchObject({ code: "REQUIRED_FIELD_MISSING" });
    expect(fake.records("Opportunity")).toHaveLength(1);
    expect(fake.records("Opportunity")[0]).toMatchObject({
      Project_Id__c: "ll-project-9",
      Engagement_Id__c: "ll-engagement-9",
    });
    fake.api.assertNoViolations();
  });
});

describe("updateRecord", () => {
  it("writes the NetSuite project and Kantata workspace ids to an Opportunity by its id", async () => {
    const fake = createSalesforceFake();
    const opp = fake.insert("Opportunity", { Name: "SOW", StageName: "Closed Won", CloseDate: "2026-11-30" });
    const sf = createSalesforceClient({
      instanceUrl: fake.baseUrl,
      auth: { type: "client-credentials", clientId: "id", clientSecret: "secret" },
      fetch: fake.fetch,
    });
    await sf.updateRecord("Opportunity", opp.Id, {
      NetSuite_Project_Id__c: "1042",
      Kantata_Workspace_Id__c: "77",
    });
    expect(fake.records("Opportunity")[0]).toMatchObject({
      NetSuite_Project_Id__c: "1042",
      Kantata_Workspace_Id__c: "77",
    });
    await expect(sf.updateRecord("Opportunity", opp.Id, { No_Such_Field__c: "x" })).rejects.toMatchObject({
      vendorCode: "INVALID_FIELD",
    });
    fake.api.assertNoViolations();
  });
});

describe("codegen --describe", () => {
  const describeAccount = {
    name: "Account",
    fields: [
      { name: "Id", type: "id", nillable: false },
      { name: "Name", type: "string", nillable: false },
      {
        name: "Tier__c",
        type: "picklist",
        custom: true,
        nillable: true,
        picklistValues: [
          { value: "Gold", active: true },
          { value: "Old", active: false },
        ],
      },
      { name: "Ledgerline_Key__c", type: "string", custom: true, externalId: true, nillable: true },
      { name: "AnnualRevenue", type: "currency", nillable: true },
    ],
  };

  it("turns describe output into interfaces with custom fields and picklist unions", () => {
    const { source, customFields } = generateDescribeTypes([describeAccount]);
    expect(customFields).toEqual({ Account: ["Tier__c", "Ledgerline_Key__c"] });
    expect(source).toContain("export interface Account {");
    expect(source).toContain('Tier__c?: "Gold" | (string & {}) | null;');
    expect(source).not.toContain('"Old"');
    expect(source).toContain("AnnualRevenue?: number | null;");
    expect(() => generateDescribeTypes({ name: "Bad Name", fields: [] })).toThrow(/describe\[0\]\.name/);
  });

  it("runs as a command line", () => {
    const dir = mkdtempSync(join(tmpdir(), "sf-codegen-"));
    writeFileSync(join(dir, "describe.json"), JSON.stringify(describeAccount));
    const out = execFileSync(
      process.execPath,
      [
        "--conditions=@ledgerline/source",
        "--import",
        "tsx",
        join(import.meta.dirname, "..", "src", "cli.ts"),
        "codegen",
        "--describe",
        join(dir, "describe.json"),
        "--out",
        join(dir, "types.ts"),
      ],
      { encoding: "utf8" },
    );
    expect(out).toContain("1 objects with 2 custom fields");
    expect(readFileSync(join(dir, "types.ts"), "utf8")).toContain("Ledgerline_Key__c?: string | null;");
  });
});

describe("composite", () => {
  it("creates an Account and an Opportunity referring to it in one API call", async () => {
    const fake = createSalesforceFake();
    const sf = createSalesforceClient({
      instanceUrl: fake.baseUrl,
      auth: { type: "client-credentials", clientId: "id", clientSecret: "secret" },
      fetch: fake.fetch,
    });
    const base = `/services/data/v${sf.apiVersion}`;
    const answers = await sf.composite([
      {
        method: "POST",
        url: `${base}/sobjects/Account`,
        referenceId: "newAccount",
        body: { Name: "Globex" },
      },
      {
        method: "POST",
        url: `${base}/sobjects/Opportunity`,
        referenceId: "newOpp",
        body: {
          Name: "Globex SOW",
          AccountId: "@{newAccount.id}",
          StageName: "Prospecting",
          CloseDate: "2026-12-31",
        },
      },
      { method: "GET", url: `${base}/sobjects/Opportunity/@{newOpp.id}`, referenceId: "readBack" },
    ]);
    expect(answers.map((a) => a.httpStatusCode)).toEqual([201, 201, 200]);
    const account = fake.records("Account")[0];
    expect(fake.records("Opportunity")[0]?.AccountId).toBe(account?.Id);
    expect(fake.apiCalls()).toBe(1);
    expect(fake.apiUsed).toBe(1);
    await expect(sf.composite([])).rejects.toThrow(/1 to 25/);
    fake.api.assertNoViolations();
  });

  it("with allOrNone, a failure rolls back the earlier subrequests and halts the later ones", async () => {
    const fake = createSalesforceFake();
    const sf = createSalesforceClient({
      instanceUrl: fake.baseUrl,
      auth: { type: "client-credentials", clientId: "id", clientSecret: "secret" },
      fetch: fake.fetch,
    });
    const base = `/services/data/v${sf.apiVersion}`;
    const post = (referenceId: string, body: Record<string, unknown>) => ({
      method: "POST" as const,
      url: `${base}/sobjects/Account`,
      referenceId,
      body,
    });
    const answers = await sf.composite(
      [post("first", { Name: "w" }), post("bad", { Name: "x", Nope__c: 1 }), post("next", { Name: "y" })],
      { allOrNone: true },
    );
    expect(answers.map((a) => a.httpStatusCode)).toEqual([400, 400, 400]);
    expect(JSON.stringify(answers[0]?.body)).toContain("PROCESSING_HALTED");
    expect(JSON.stringify(answers[1]?.body)).toContain("INVALID_FIELD");
    expect(JSON.stringify(answers[2]?.body)).toContain("PROCESSING_HALTED");
    expect(fake.records("Account")).toHaveLength(0);
    fake.api.assertNoViolations();
  });
});

describe("relationship subqueries in the fake", () => {
  it("returns line items nested under their opportunity (null when none), ready for toEngagement", async () => {
    const { toEngagement, soql } = await import("../src/index.js");
    const fake = createSalesforceFake();
    const account = fake.insert("Account", { Name: "Globex" });
    const won = fake.insert("Opportunity", {
      Name: "Globex SOW",
      AccountId: account.Id,
      StageName: "Closed Won",
      CloseDate: "2026-11-30",
      CurrencyIsoCode: "USD",
      Amount: 3000,
      Billing_Type__c: "Fixed Fee",
    });
    fake.insert("Opportunity", {
      Name: "Empty",
      AccountId: account.Id,
      StageName: "Closed Won",
      CloseDate: "2026-11-30",
    });
    fake.insert("OpportunityLineItem", {
      OpportunityId: won.Id,
      Quantity: 1,
      UnitPrice: 3000,
      TotalPrice: 3000,
      Billing_Type__c: "Fixed Fee",
    });
    const sf = createSalesforceClient({
      instanceUrl: fake.baseUrl,
      auth: { type: "client-credentials", clientId: "id", clientSecret: "secret" },
      fetch: fake.fetch,
    });
    const rows: Record<string, unknown>[] = [];
    for await (const r of sf.query(
      soql`SELECT Id, Name, AccountId, StageName, IsWon, CloseDate, CurrencyIsoCode, Amount, Billing_Type__c, LastModifiedDate, (SELECT Id, OpportunityId, Quantity, UnitPrice, TotalPrice, Billing_Type__c FROM OpportunityLineItems) FROM Opportunity WHERE StageName = ${"Closed Won"} ORDER BY Name`,
    )) {
      rows.push(r);
    }
    expect(rows.map((r) => r.Name)).toEqual(["Empty", "Globex SOW"]);
    expect(rows[0]?.OpportunityLineItems).toBeNull();
    const nested = rows[1]?.OpportunityLineItems as { records: unknown[] } | undefined;
    const lines = nested?.records ?? [];
    expect(lines).toHaveLength(1);
    const { engagement } = toEngagement(rows[1], lines);
    expect(engagement).toMatchObject({ billingType: { code: "fixed_fee" }, currency: "USD" });
    await expect(
      (async () => {
        for await (const _ of sf.query(soql`SELECT Id, (SELECT Id FROM Nope) FROM Opportunity`)) void _;
      })(),
    ).rejects.toMatchObject({ vendorCode: "INVALID_TYPE" });
    fake.api.assertNoViolations();
  });
});

describe("bulkQuery", () => {
  it("runs a Bulk API 2.0 query job and reads every CSV page through Sforce-Locator", async () => {
    const { soql } = await import("../src/index.js");
    const fake = createSalesforceFake();
    for (let i = 0; i < 2_500; i++) {
      fake.insert("Account", {
        Name: i === 3 ? 'Quote "and", comma\nnewline' : `Client ${i}`,
        BillingCountry: i % 2 ? null : "Italy",
      });
    }
    const sf = createSalesforceClient({
      instanceUrl: fake.baseUrl,
      auth: { type: "client-credentials", clientId: "id", clientSecret: "secret" },
      fetch: fake.fetch,
      bulk: { pollIntervalMs: 1 },
    });
    const rows: Record<string, string>[] = [];
    for await (const row of sf.bulkQuery(soql`SELECT Id, Name, BillingCountry FROM Account`, {
      maxRecords: 1_000,
    }))
      rows.push(row);
    expect(rows).toHaveLength(2_500);
    expect(rows[3]?.Name).toBe('Quote "and", comma\nnewline');
    expect(rows[1]?.BillingCountry).toBe("");
    expect(rows[0]?.BillingCountry).toBe("Italy");
    expect(fake.apiCalls("queryJobResults")).toBe(3);
    expect(fake.apiCalls("queryJobPoll")).toBeGreaterThan(0);
    fake.api.assertNoViolations();
  });
});
