import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createFakeApi, type FakeApi, type FakeResponse } from "@ledgerline/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { salesforceOpenApi } from "../src/generated/salesforce-spec.js";
import {
  createSalesforceClient,
  readAs,
  SalesforceBudgetError,
  type SObjectRecord,
  soql,
  toClient,
  toEngagement,
} from "../src/index.js";

/**
 * Response bodies written to Salesforce's documented shapes (test/fixtures/salesforce/*.json): query pages
 * with `attributes`, nulls for selected empty fields, `+0000` offsets, an instance-relative
 * `nextRecordsUrl`; currency and quantity as JSON numbers; upsert answers 201 / 200 with `created`, the
 * empty 204, the 300 list; Collections results (one without `id`); Bulk API 2.0 ingest and query jobs with
 * their CSV results (quoted cells, a line break inside an error, `Sforce-Locator`); a composite answer; the
 * error array and the single-object error. Each is served verbatim by a fake that validates every request and response against
 * openapi/salesforce.yaml, read through the client, and mapped.
 */
const here = dirname(fileURLToPath(import.meta.url));
const folder = join(here, "fixtures", "salesforce");
const used = new Set<string>();
const fixture = (name: string): unknown => {
  used.add(name);
  return JSON.parse(readFileSync(join(folder, name), "utf8"));
};
const text = (name: string): string => {
  used.add(name);
  return readFileSync(join(folder, name), "utf8");
};
const INSTANCE = "https://acme.my.salesforce.com";
const LIMIT = { "Sforce-Limit-Info": "api-usage=10018/115000" };

let api: FakeApi | undefined;
afterEach(() => {
  api?.assertNoViolations();
  api = undefined;
});

/** A client whose requests are answered, per route, by the queued responses (the last one repeats). */
function serve(answers: Record<string, FakeResponse[]>) {
  const queues = new Map(Object.entries(answers));
  const routes = Object.fromEntries(
    [...queues.keys(), "POST /services/oauth2/token"].map((route) => [
      route,
      () => {
        if (route === "POST /services/oauth2/token" && !queues.has(route)) {
          return { status: 200, body: fixture("token-client-credentials.json") };
        }
        const q = queues.get(route) as FakeResponse[];
        return (q.length > 1 ? q.shift() : q[0]) as FakeResponse;
      },
    ]),
  );
  api = createFakeApi({ spec: salesforceOpenApi, routes, baseUrl: INSTANCE });
  const client = createSalesforceClient({
    instanceUrl: "https://login.salesforce.com",
    auth: { type: "client-credentials", clientId: "3MVG9-id", clientSecret: "secret-value" },
    fetch: (r) => (api as FakeApi).fetch(r),
    retry: { baseDelayMs: 1, maxDelayMs: 2, budget: false },
    bulk: { pollIntervalMs: 1 },
  });
  return { client, api };
}

const D = "/services/data/v{version}";

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("Salesforce fixtures through the client and the mappers", () => {
  it("reads Accounts over two query pages and maps them to clients (parent kept, picklists untouched)", async () => {
    const { client } = serve({
      [`GET ${D}/query`]: [{ status: 200, headers: LIMIT, body: fixture("query-accounts-page-1.json") }],
      [`GET ${D}/query/{locator}`]: [
        { status: 200, headers: LIMIT, body: fixture("query-accounts-page-2.json") },
      ],
    });
    const rows: SObjectRecord[] = [];
    for await (const r of client.query(soql`SELECT Id, Name FROM Account`)) rows.push(r);
    expect(rows).toHaveLength(3);
    expect(client.instanceUrl).toBe(INSTANCE);
    expect(client.apiUsage).toEqual({ used: 10018, max: 115000 });
    const reads = rows.map((r) => readAs("Account", r, () => toClient(r)));
    expect(reads.every((r) => r.ok)).toBe(true);
    const [de, fr, gb] = reads.map((r) => (r.ok ? r.value : undefined));
    expect(de).toMatchObject({
      name: "Northwind Traders GmbH",
      number: "CUST-1001",
      currency: "EUR",
      country: "DE",
    });
    expect(de?.source.updatedAt).toBe("2026-10-02T08:15:27.000+00:00");
    expect(fr?.parent?.ids).toEqual({ salesforce: "0015g00000XyZ12AAB" });
    expect(gb).toMatchObject({ currency: "GBP", country: "GB" });
  });

  it("maps a Closed Won opportunity with its lines and contract to an engagement with exact money and milestones", async () => {
    const { client } = serve({
      [`GET ${D}/query`]: [
        { status: 200, headers: LIMIT, body: fixture("query-opportunity-closed-won.json") },
        { status: 200, headers: LIMIT, body: fixture("query-line-items.json") },
      ],
      [`GET ${D}/sobjects/{sobject}/{id}`]: [
        { status: 200, headers: LIMIT, body: fixture("contract-get.json") },
      ],
    });
    const [opp] = await collect(
      client.query(soql`SELECT Id FROM Opportunity WHERE StageName = ${"Closed Won"}`),
    );
    const lines = await collect(
      client.query(soql`SELECT Id FROM OpportunityLineItem WHERE OpportunityId = ${String(opp?.Id)}`),
    );
    const { data: contract } = await client.http.GET(`${D}/sobjects/{sobject}/{id}`, {
      params: { path: { version: client.apiVersion, sobject: "Contract", id: String(opp?.ContractId) } },
    });
    const { engagement, lines: sold, milestones } = toEngagement(opp, lines, contract);
    expect(engagement).toMatchObject({
      name: "Northwind – Data platform SOW 2027",
      currency: "EUR",
      billingType: { code: "time_and_materials" },
      billingTerms: { contractValue: { amount: "184250.5", currency: "EUR" } },
      startDate: "2027-01-04",
      endDate: "2027-12-31",
      client: { ids: { salesforce: "0015g00000XyZ12AAB" } },
    });
    expect(sold.map((l) => l.total.amount)).toEqual(["150000", "25000.5", "9250"]);
    expect(sold[0]?.billingType?.code).toBe("time_and_materials");
    expect(sold[1]?.billingType?.code).toBe("milestone");
    // An unknown picklist value is kept raw, never guessed.
    expect(sold[2]?.billingType).toEqual({ code: "other", raw: "Subscription – quarterly" });
    expect(sold[2]?.quantity).toBe("0.5");
    expect(milestones).toEqual([
      {
        lineId: "00k5g00000AbC02AAF",
        name: "Architecture sign-off",
        amount: { amount: "25000.5", currency: "EUR" },
        dueDate: "2027-02-15",
      },
    ]);
  });

  it("reads every upsert answer: 201 created, 200 created:false, the empty 204, the 300 list", async () => {
    const { client } = serve({
      [`PATCH ${D}/sobjects/{sobject}/{extIdField}/{extIdValue}`]: [
        { status: 201, headers: LIMIT, body: fixture("upsert-created.json") },
        { status: 200, headers: LIMIT, body: fixture("upsert-updated.json") },
        { status: 204, headers: LIMIT },
        { status: 300, headers: LIMIT, body: fixture("upsert-multiple-300.json") },
      ],
    });
    const one = (k: string) =>
      client.upsertRecords("Account", "Ledgerline_Key__c", [{ Ledgerline_Key__c: k, Name: k }]);
    expect((await one("a")).results[0]).toMatchObject({ status: "created", id: "0015g00000XyZ99AAB" });
    expect((await one("b")).results[0]).toMatchObject({ status: "updated", id: "0015g00000XyZ12AAB" });
    expect((await one("c")).results[0]).toMatchObject({ status: "updated" });
    expect((await one("d")).results[0]).toMatchObject({
      status: "rejected",
      code: "MULTIPLE_EXTERNAL_ID_MATCHES",
      fields: ["Ledgerline_Key__c"],
    });
  });

  it("reads Collections results in order, per record, including one without id", async () => {
    const { client } = serve({
      [`PATCH ${D}/composite/sobjects/{sobject}/{extIdField}`]: [
        { status: 200, headers: LIMIT, body: fixture("collection-upsert-results.json") },
      ],
    });
    const input = ["k1", "k2", "k3", "k4"].map((k) => ({ Ledgerline_Key__c: k, Name: k }));
    const report = await client.upsertRecords("Account", "Ledgerline_Key__c", input);
    expect(report.results.map((r) => r.status)).toEqual(["updated", "created", "rejected", "rejected"]);
    expect(report.results[2]).toMatchObject({
      code: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
      fields: ["BillingCountry"],
    });
    expect(report.results[3]).toMatchObject({ code: "DUPLICATE_EXTERNAL_ID" });
    expect(JSON.stringify(report.results)).not.toContain("must be set for direct customers");
  });

  it("reads the error array and the single-object error: lock and 503 retried, INVALID_FIELD not", async () => {
    const { client, api } = serve({
      [`GET ${D}/limits`]: [
        { status: 400, body: fixture("error-unable-to-lock-row-400.json") },
        { status: 503, body: fixture("error-single-object-503.json") },
        { status: 200, headers: LIMIT, body: fixture("limits.json") },
      ],
      [`GET ${D}/query`]: [{ status: 400, headers: LIMIT, body: fixture("error-invalid-field-400.json") }],
    });
    const { data } = await client.http.GET(`${D}/limits`, {
      params: { path: { version: client.apiVersion } },
    });
    expect(data.DailyApiRequests).toEqual({ Max: 115000, Remaining: 104982 });
    expect(api.calls(`GET ${D}/limits`)).toBe(3);
    await expect(collect(client.query(soql`SELECT Id, Secret__c FROM Account`))).rejects.toMatchObject({
      vendorCode: "INVALID_FIELD",
      attempts: 1,
    });
  });

  it("401 INVALID_SESSION_ID refreshes once; a second 401 is an AuthError", async () => {
    const { client, api } = serve({
      [`GET ${D}/limits`]: [{ status: 401, body: fixture("error-invalid-session-401.json") }],
    });
    await expect(
      client.http.GET(`${D}/limits`, { params: { path: { version: client.apiVersion } } }),
    ).rejects.toMatchObject({
      code: "AUTH_ERROR",
      vendorCode: "INVALID_SESSION_ID",
    });
    expect(api.calls("POST /services/oauth2/token")).toBe(2);
    expect(api.calls(`GET ${D}/limits`)).toBe(2);
  });

  it("403 REQUEST_LIMIT_EXCEEDED and 404 NOT_FOUND are reported per record, never retried", async () => {
    const { client, api } = serve({
      [`PATCH ${D}/composite/sobjects/{sobject}/{extIdField}`]: [
        { status: 404, headers: LIMIT, body: fixture("error-not-found-404.json") },
        { status: 403, headers: LIMIT, body: fixture("error-request-limit-403.json") },
      ],
    });
    const input = Array.from({ length: 250 }, (_, i) => ({ Ledgerline_Key__c: `k${i}`, Name: `n${i}` }));
    const wrongField = await client.upsertRecords("Account", "Ledgerline_Key__c", input);
    expect(wrongField.failed).toBe(250);
    expect(wrongField.results[0]).toMatchObject({ status: "failed", code: "NOT_FOUND" });
    const limited = await client.upsertRecords("Account", "Ledgerline_Key__c", input);
    expect(limited.stoppedBy?.code).toBe("RATE_LIMITED");
    expect(limited.failed).toBe(250);
    expect(api.calls(`PATCH ${D}/composite/sobjects/{sobject}/{extIdField}`)).toBe(3);
    expect(SalesforceBudgetError).toBeDefined();
  });

  it("reads a Bulk API 2.0 ingest job: CSV results with quotes and line breaks, matched by external id", async () => {
    const CSV = { ...LIMIT, "content-type": "text/csv" };
    const { client, api } = serve({
      [`POST ${D}/jobs/ingest`]: [{ status: 200, headers: LIMIT, body: fixture("ingest-job-open.json") }],
      [`PUT ${D}/jobs/ingest/{jobId}/batches`]: [{ status: 201, headers: LIMIT }],
      [`PATCH ${D}/jobs/ingest/{jobId}`]: [
        { status: 200, headers: LIMIT, body: fixture("ingest-job-upload-complete.json") },
      ],
      [`GET ${D}/jobs/ingest/{jobId}`]: [
        { status: 200, headers: LIMIT, body: fixture("ingest-job-complete.json") },
      ],
      [`GET ${D}/jobs/ingest/{jobId}/successfulResults`]: [
        { status: 200, headers: CSV, body: text("ingest-successful-results.csv") },
      ],
      [`GET ${D}/jobs/ingest/{jobId}/failedResults`]: [
        { status: 200, headers: CSV, body: text("ingest-failed-results.csv") },
      ],
    });
    const input = [
      { Ledgerline_Key__c: "k1", Name: "Alpha" },
      { Ledgerline_Key__c: "k2", Name: "Beta" },
      { Ledgerline_Key__c: "k3", Name: 'Gamma, "the third"' },
    ];
    const report = await client.upsertRecords("Account", "Ledgerline_Key__c", input, { transport: "bulk" });
    expect(report.transport).toBe("bulk");
    expect(report.results.map((r) => r.status)).toEqual(["updated", "rejected", "created"]);
    expect(report.results[1]).toMatchObject({ code: "FIELD_CUSTOM_VALIDATION_EXCEPTION" });
    expect(report.results[2]).toMatchObject({ id: "0015g00000XyZ99AAB" });
    expect(api.calls(`GET ${D}/jobs/ingest/{jobId}/unprocessedrecords`)).toBe(0);
  });

  it("reads a Bulk API 2.0 query job over two CSV pages through Sforce-Locator", async () => {
    const CSV = { ...LIMIT, "content-type": "text/csv" };
    const { client } = serve({
      [`POST ${D}/jobs/query`]: [{ status: 200, headers: LIMIT, body: fixture("query-job.json") }],
      [`GET ${D}/jobs/query/{jobId}`]: [
        { status: 200, headers: LIMIT, body: fixture("query-job-complete.json") },
      ],
      [`GET ${D}/jobs/query/{jobId}/results`]: [
        {
          status: 200,
          headers: { ...CSV, "Sforce-Locator": "MjAwMA", "Sforce-NumberOfRecords": "2" },
          body: text("query-job-results-page-1.csv"),
        },
        {
          status: 200,
          headers: { ...CSV, "Sforce-Locator": "null", "Sforce-NumberOfRecords": "1" },
          body: text("query-job-results-page-2.csv"),
        },
      ],
    });
    const rows = await collect(client.bulkQuery(soql`SELECT Id, Name, BillingCountry FROM Account`));
    expect(rows.map((r) => r.Name)).toEqual([
      "Northwind Traders GmbH",
      "Northwind Traders France SAS",
      "Contoso Ltd",
    ]);
    expect(rows[1]?.BillingCountry).toBe("");
  });

  it("reads a composite answer: per-subrequest status, headers and the error array", async () => {
    const { client } = serve({
      [`POST ${D}/composite`]: [{ status: 200, headers: LIMIT, body: fixture("composite-response.json") }],
    });
    const answers = await client.composite([
      {
        method: "POST",
        url: "/services/data/v66.0/sobjects/Account",
        referenceId: "newAccount",
        body: { Name: "G" },
      },
      {
        method: "POST",
        url: "/services/data/v66.0/sobjects/Opportunity",
        referenceId: "newOpp",
        body: { Name: "SOW", AccountId: "@{newAccount.id}" },
      },
    ]);
    expect(answers.map((a) => [a.referenceId, a.httpStatusCode])).toEqual([
      ["newAccount", 201],
      ["newOpp", 400],
    ]);
    expect(answers[0]?.httpHeaders.Location).toContain("0015g00000XyZ55AAB");
  });

  it("every fixture file is used by a test above", () => {
    const files = readdirSync(folder).filter((f) => f.endsWith(".json") || f.endsWith(".csv"));
    expect(files.filter((f) => !used.has(f))).toEqual([]);
  });
});
