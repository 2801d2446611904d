import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSalesforceClient, DEFAULT_API_VERSION, soql } from "../src/index.js";
import { createSalesforceFake } from "../src/testing/index.js";

const { privateKey, publicKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

/** A transport that serves every host from the fake and records which origin each request went to. */
function routed(fake: ReturnType<typeof createSalesforceFake>) {
  const origins: string[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    origins.push(`${url.origin}${url.pathname.startsWith("/services/oauth2") ? " token" : ""}`);
    const target = fake.baseUrl + url.pathname + url.search;
    return fake.fetch(new Request(target, request));
  };
  return { fetch, origins };
}

describe("createSalesforceClient", () => {
  it("validates its options, naming the path and never the value", () => {
    expect(() =>
      createSalesforceClient({
        instanceUrl: "not a url",
        auth: { type: "client-credentials", clientId: "id", clientSecret: "very-secret" },
      }),
    ).toThrow(/instanceUrl/);
    expect(() =>
      createSalesforceClient({
        instanceUrl: "https://acme.my.salesforce.com",
        auth: { type: "client-credentials", clientId: "id", clientSecret: "very-secret" },
        apiVersion: "v50",
      }),
    ).toThrow(/apiVersion/);
    let error: unknown;
    try {
      createSalesforceClient({
        instanceUrl: "https://acme.my.salesforce.com",
        auth: { type: "client-credentials", clientId: "id", clientSecret: "s3cr3t-value" },
        apiBudgetShare: 1.5,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).toMatch(/apiBudgetShare/);
    expect(String(error)).not.toContain("s3cr3t-value");
    expect(DEFAULT_API_VERSION).toBe("68.0");
  });

  it("JWT bearer: signs an RS256 assertion (exp ≤ 3 min), then sends requests to the token's instance_url", async () => {
    const fake = createSalesforceFake({ jwtPublicKey: publicKey });
    const { fetch, origins } = routed(fake);
    const sf = createSalesforceClient({
      instanceUrl: "https://acme.my.salesforce.com",
      auth: {
        type: "jwt-bearer",
        clientId: "3MVG9-consumer-key",
        username: "integration@acme.example",
        privateKey,
        loginUrl: "https://login.salesforce.com",
      },
      fetch,
    });
    const { data } = await sf.http.GET("/services/data/v{version}/limits", {
      params: { path: { version: sf.apiVersion } },
    });
    expect(data.DailyApiRequests?.Max).toBe(100_000);
    expect(origins[0]).toBe("https://login.salesforce.com token");
    expect(origins[1]).toBe(fake.baseUrl);
    expect(sf.instanceUrl).toBe(fake.baseUrl);
    expect(sf.apiUsage).toEqual({ used: 1, max: 100_000 });
    fake.api.assertNoViolations();
  });

  it("refreshes once on 401 INVALID_SESSION_ID and resends (Salesforce sends no expires_in)", async () => {
    const fake = createSalesforceFake();
    const sf = createSalesforceClient({
      instanceUrl: fake.baseUrl,
      auth: { type: "client-credentials", clientId: "id", clientSecret: "secret" },
      fetch: fake.fetch,
    });
    await sf.upsertRecords("Account", "Ledgerline_Key__c", [{ Ledgerline_Key__c: "a", Name: "A" }]);
    fake.expireSessions();
    const report = await sf.upsertRecords("Account", "Ledgerline_Key__c", [
      { Ledgerline_Key__c: "b", Name: "B" },
    ]);
    expect(report.created).toBe(1);
    expect(fake.api.calls("POST /services/oauth2/token")).toBe(2);
    expect(fake.api.requests.filter((r) => r.status === 401)).toHaveLength(1);
  });

  it("pages a SOQL query through nextRecordsUrl until done", async () => {
    const fake = createSalesforceFake();
    for (let i = 0; i < 4_500; i++)
      fake.insert("Account", { Name: `Client ${i}`, BillingCountry: i % 2 ? "France" : "Germany" });
    const sf = createSalesforceClient({
      instanceUrl: fake.baseUrl,
      auth: { type: "client-credentials", clientId: "id", clientSecret: "secret" },
      fetch: fake.fetch,
    });
    const pages = [];
    for await (const page of sf.queryPages(
      soql`SELECT Id, Name FROM Account WHERE BillingCountry = ${"Germany"} OR BillingCountry = ${"France"} ORDER BY Name`,
      { batchSize: 2000 },
    )) {
      pages.push(page);
    }
    expect(pages.map((p) => p.records.length)).toEqual([2000, 2000, 500]);
    expect(pages.at(-1)?.done).toBe(true);
    const names = [];
    for await (const r of sf.query(
      soql`SELECT Name FROM Account WHERE Name IN ${["Client 1", "Client 7", "nobody"]}`,
    ))
      names.push(r.Name);
    expect(names.sort()).toEqual(["Client 1", "Client 7"]);
    fake.api.assertNoViolations();
  });

  it("rejects unknown fields in SOQL with INVALID_FIELD, not retried", async () => {
    const fake = createSalesforceFake();
    const sf = createSalesforceClient({
      instanceUrl: fake.baseUrl,
      auth: { type: "client-credentials", clientId: "id", clientSecret: "secret" },
      fetch: fake.fetch,
    });
    const run = async () => {
      for await (const _ of sf.query(soql`SELECT Id, Secret__c FROM Account`)) void _;
    };
    await expect(run()).rejects.toMatchObject({ vendorCode: "INVALID_FIELD", attempts: 1 });
  });
});
