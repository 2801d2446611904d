// upsertRecords at volume against the Salesforce fake: API calls and time for 10,000 accounts through
// sObject Collections (forced) and through Bulk API 2.0 (chosen automatically above 2,000 records).
// Targets (issue 12): Collections ≤ 50 calls; Bulk ≤ 5 job calls plus polls. A benchmark, not a test.
import { writeFileSync } from "node:fs";
import { createSalesforceClient } from "@ledgerline/connector-salesforce";
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

const out = { collections: await run("collections"), bulk: await run("auto") };
console.table(out);
if (process.env.BENCH_RESULTS) writeFileSync(process.env.BENCH_RESULTS, `${JSON.stringify(out, null, 2)}\n`);
