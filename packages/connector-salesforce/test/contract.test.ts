import { describe, expect, it } from "vitest";
import { createSalesforceClient, soql } from "../src/index.js";
import { createSalesforceFake } from "../src/testing/index.js";

function setup() {
  const fake = createSalesforceFake();
  const sf = createSalesforceClient({
    instanceUrl: fake.baseUrl,
    auth: { type: "client-credentials", clientId: "id", clientSecret: "secret" },
    fetch: fake.fetch,
    retry: false,
  });
  return { fake, sf };
}
const D = "/services/data/v{version}";

describe("contract: requests and fake responses against openapi/salesforce.yaml", () => {
  it("a whole run (token, upserts single and Collections, queries with paging, describe, limits, CRUD) has no violation", async () => {
    const { fake, sf } = setup();
    const version = sf.apiVersion;
    await sf.upsertRecords("Account", "Ledgerline_Key__c", [{ Ledgerline_Key__c: "one", Name: "One" }]);
    await sf.upsertRecords(
      "Account",
      "Ledgerline_Key__c",
      Array.from({ length: 450 }, (_, i) => ({
        Ledgerline_Key__c: `k${i}`,
        Name: `N${i}`,
        BillingCountry: "Spain",
      })),
    );
    let n = 0;
    for await (const _ of sf.query(soql`SELECT Id, Name FROM Account ORDER BY Name DESC LIMIT 300`, {
      batchSize: 200,
    }))
      n++;
    expect(n).toBe(300);
    const { data: created } = await sf.http.POST(`${D}/sobjects/{sobject}`, {
      params: { path: { version, sobject: "Opportunity" } },
      body: { Name: "SOW", StageName: "Closed Won", CloseDate: "2026-11-30", Amount: 1200.5 },
    });
    await sf.http.PATCH(`${D}/sobjects/{sobject}/{id}`, {
      params: { path: { version, sobject: "Opportunity", id: created.id } },
      body: { Project_Id__c: "ll-project-1" },
    });
    const { data: got } = await sf.http.GET(`${D}/sobjects/{sobject}/{id}`, {
      params: { path: { version, sobject: "Opportunity", id: created.id } },
    });
    expect(got).toMatchObject({ IsWon: true, Project_Id__c: "ll-project-1" });
    const { data: described } = await sf.http.GET(`${D}/sobjects/{sobject}/describe`, {
      params: { path: { version, sobject: "Account" } },
    });
    expect(described.fields.find((f) => f.name === "Ledgerline_Key__c")?.externalId).toBe(true);
    await sf.http.DELETE(`${D}/sobjects/{sobject}/{id}`, {
      params: { path: { version, sobject: "Opportunity", id: created.id } },
    });
    for await (const _ of sf.query(soql`SELECT Id FROM Account`, { all: true })) void _;
    await sf.http.GET(`${D}/limits`, { params: { path: { version } } });
    fake.api.assertNoViolations();
    expect(fake.api.violations).toHaveLength(0);
  });

  it("the fake refuses what the document forbids: 201 records in one Collections call", async () => {
    const { fake, sf } = setup();
    await expect(
      sf.http.PATCH(`${D}/composite/sobjects/{sobject}/{extIdField}`, {
        params: { path: { version: sf.apiVersion, sobject: "Account", extIdField: "Ledgerline_Key__c" } },
        body: {
          allOrNone: false,
          records: Array.from({ length: 201 }, (_, i) => ({
            attributes: { type: "Account" },
            Ledgerline_Key__c: `k${i}`,
          })),
        },
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect(fake.api.violations.map((v) => v.kind)).toEqual(["request"]);
    expect(fake.records("Account")).toHaveLength(0);
  });

  it("Collections upsert with allOrNone: one failed record rolls the whole request back", async () => {
    const { fake, sf } = setup();
    fake.insert("Account", { Name: "A", Ledgerline_Key__c: "dup" });
    fake.insert("Account", { Name: "B", Ledgerline_Key__c: "dup" });
    const send = (allOrNone: boolean) =>
      sf.http.PATCH(`${D}/composite/sobjects/{sobject}/{extIdField}`, {
        params: { path: { version: sf.apiVersion, sobject: "Account", extIdField: "Ledgerline_Key__c" } },
        body: {
          allOrNone,
          records: [
            { attributes: { type: "Account" }, Ledgerline_Key__c: "new-1", Name: "N1" },
            { attributes: { type: "Account" }, Ledgerline_Key__c: "dup", Name: "C" },
          ],
        },
      });
    const { data: rolledBack } = await send(true);
    expect(rolledBack.map((r) => r.success)).toEqual([false, false]);
    expect(rolledBack[0]?.errors[0]?.statusCode).toBe("ALL_OR_NONE_OPERATION_ROLLED_BACK");
    expect(rolledBack[1]?.errors[0]?.statusCode).toBe("DUPLICATE_EXTERNAL_ID");
    expect(fake.records("Account")).toHaveLength(2); // nothing written
    const { data: partial } = await send(false);
    expect(partial.map((r) => r.success)).toEqual([true, false]);
    expect(fake.records("Account")).toHaveLength(3); // the valid record written on its own
    fake.api.assertNoViolations();
  });

  it("is as strict as the vendor: unknown field INVALID_FIELD, wrong type JSON_PARSER_ERROR, read-only field refused, 300 on duplicate external ids", async () => {
    const { fake, sf } = setup();
    const version = sf.apiVersion;
    const post = (body: Record<string, unknown>) =>
      sf.http.POST(`${D}/sobjects/{sobject}`, { params: { path: { version, sobject: "Account" } }, body });
    await expect(post({ Name: "x", Nope__c: 1 })).rejects.toMatchObject({ vendorCode: "INVALID_FIELD" });
    await expect(post({ Name: 42 })).rejects.toMatchObject({ vendorCode: "JSON_PARSER_ERROR" });
    await expect(post({ Name: "x", IsDeleted: true })).rejects.toMatchObject({
      vendorCode: "INVALID_FIELD_FOR_INSERT_UPDATE",
    });
    fake.insert("Account", { Name: "A", Ledgerline_Key__c: "dup" });
    fake.insert("Account", { Name: "B", Ledgerline_Key__c: "dup" });
    const single = await sf.upsertRecords("Account", "Ledgerline_Key__c", [
      { Ledgerline_Key__c: "dup", Name: "C" },
    ]);
    expect(single.results[0]).toMatchObject({ status: "rejected", code: "MULTIPLE_EXTERNAL_ID_MATCHES" });
    const many = await sf.upsertRecords("Account", "Ledgerline_Key__c", [
      { Ledgerline_Key__c: "dup", Name: "C" },
      { Ledgerline_Key__c: "fresh", Name: "D" },
    ]);
    expect(many.results.map((r) => r.status)).toEqual(["rejected", "created"]);
    const wrongField = await sf.upsertRecords("Account", "Name", [{ Name: "x" }]);
    expect(wrongField.results[0]).toMatchObject({ status: "failed", code: "NOT_FOUND" });
    fake.api.assertNoViolations();
  });
});
