// Post approved time to NetSuite — here to the local fake, so it runs without credentials.
import type { ApprovedTimeEntry } from "@ledgerline/canonical";
import { createNetSuiteClient } from "@ledgerline/connector-netsuite";
import { createNetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { MemoryLedger } from "@ledgerline/core";

const fake = createNetSuiteFake();
const server = await fake.listen(); // http://127.0.0.1:<port>/services/rest

const netsuite = createNetSuiteClient({
  accountId: "123456_SB1",
  baseUrl: server.url, // omit for the real account: https://123456-sb1.suitetalk.api.netsuite.com/services/rest
  auth: { type: "none" }, // the fake needs none; see the auth examples
  ledger: new MemoryLedger(), // use FileLedger.open(path) to survive restarts
  masterData: {
    dimensions: { target: "netsuite", tables: { costCenter: { "CC-100": "3" }, legalEntity: { UK: "4" } } },
  },
});

const entry: ApprovedTimeEntry = {
  key: "kantata-time_entries-4711", // becomes the timeBill's externalId
  source: {
    system: "kantata",
    type: "time_entries",
    id: "4711",
    version: "3",
    updatedAt: "2026-11-17T09:00:00Z",
  },
  resource: { key: "workday-worker-9", ids: { netsuite: "301" } }, // employee
  project: { key: "kantata-workspaces-77", ids: { netsuite: "601" } }, // job
  date: "2026-11-16",
  minutes: 270, // sent as hours "4:30"
  billable: true,
  approval: { state: "approved", approvedAt: "2026-11-17T09:00:00Z" },
  dimensions: { costCenter: "CC-100", legalEntity: "UK" },
};

const first = await netsuite.postTime([entry]);
const again = await netsuite.postTime([entry]); // same content: skipped by the ledger
console.log(first.results[0]?.status, again.results[0]?.status, fake.records("timeBill").length);
// → written unchanged 1

await fake.close();
