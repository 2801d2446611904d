// upsertRecords at volume against the Salesforce fake: API calls and time for 10,000 accounts through
// sObject Collections (forced) and through Bulk API 2.0 (chosen automatically above 2,000 records).
// Targets (issue 12): Collections ≤ 50 calls; Bulk ≤ 5 job calls plus polls. A benchmark, not a test.
// The floor, measured in the same run against a fresh fake: the same Collections upserts (200 records per
// PATCH) sent with plain fetch; wall times are also given as ratios to it, with the load average.
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { createSalesforceClient, DEFAULT_API_VERSION } from "@ledgerline/connector-salesforce";
import { createSalesforceFake } from "@ledgerline/connector-salesforce/testing";

const N = Number(process.env.RECORDS ?? 10_000);
const records = Array.from({ length: N }, (_, i) => ({
  Ledgerline_Key__c: `ll-client-${i}`,
  Name: `Client ${i}`,
  BillingCountry: "Germany",
}));

async function run(transport: "collections" | "auto") {
  const fake = createSalesforceFake();
  const sf = createSalesforceClient({
    instanceUrl: fake.baseUrl,
    auth: { type: "client-credentials", clientId: "bench", clientSecret: "bench-secret" },
    fetch: fake.fetch,
    bulk: { pollIntervalMs: 10 },
  });
  const started = performance.now();
  const report = await sf.upsertRecords("Account", "Ledgerline_Key__c", records, { transport });
  const ms = Math.round(performance.now() - started);
  const polls = fake.apiCalls("jobPoll");
  return {
    transport: report.transport,
    records: N,
    written: report.created + report.updated,
    apiCalls: fake.apiCalls(),
    jobCallsWithoutPolls: report.transport === "bulk" ? fake.apiCalls() - polls : undefined,
    polls,
    ms,
  };
}

/** Plain fetch: a token, then the same sObject Collections upserts, 200 records each, one after another. */
async function floor() {
  const fake = createSalesforceFake();
  const tokenRes = await fake.fetch(`${fake.baseUrl}/services/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: "bench",
      client_secret: "bench-secret",
    }).toString(),
  });
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  const started = performance.now();
  for (let start = 0; start < N; start += 200) {
    const res = await fake.fetch(
      `${fake.baseUrl}/services/data/v${DEFAULT_API_VERSION}/composite/sobjects/Account/Ledgerline_Key__c`,
      {
        method: "PATCH",
        headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
        body: JSON.stringify({
          allOrNone: false,
          records: records.slice(start, start + 200).map((r) => ({ attributes: { type: "Account" }, ...r })),
        }),
      },
    );
    if (!res.ok) throw new Error(`floor upsert failed: HTTP ${res.status}`);
    await res.json();
  }
  return Math.round(performance.now() - started);
}

const loadBefore = loadavg();
const floorMs = await floor();
const collections = await run("collections");
const bulk = await run("auto");
const out = {
  collections: { ...collections, ratioToFloor: Number((collections.ms / floorMs).toFixed(3)) },
  bulk: { ...bulk, ratioToFloor: Number((bulk.ms / floorMs).toFixed(3)) },
  floor: { description: "plain fetch, same Collections upserts, same run", ms: floorMs },
  loadAverage: { before: loadBefore, after: loadavg() },
};
console.table({ collections: out.collections, bulk: out.bulk });
if (process.env.BENCH_RESULTS) writeFileSync(process.env.BENCH_RESULTS, `${JSON.stringify(out, null, 2)}\n`);
