/**
 * Quick start: a Workday fake on 127.0.0.1, the Workday client reading workers as canonical resources
 * (refresh-token grant, pages of 100), the change-detecting sync, and a RaaS report read as typed rows.
 *
 *   node --conditions=@ledgerline/source --import tsx packages/connector-workday/examples/quick-start.ts
 */
import { createWorkdayClient, missingCostCenterHeadline, syncChanged } from "@ledgerline/connector-workday";
import { createWorkdayFake, WORKDAY_FAKE_CREDENTIALS } from "@ledgerline/connector-workday/testing";
import { MemoryLedger } from "@ledgerline/core";
import { z } from "zod";

const wid = (n: number) => n.toString(16).padStart(32, "0");
const company = { id: wid(900), descriptor: "Ledgerline US", referenceId: "US01" };
const fake = createWorkdayFake({
  seed: {
    workers: [
      {
        id: wid(1),
        descriptor: "Grace Hopper",
        workerId: "21001",
        workerType: { id: wid(800), descriptor: "Employee" },
        primaryJob: {
          id: wid(101),
          company,
          costCenter: { id: wid(700), descriptor: "Consulting West", referenceId: "CC-100" },
        },
      },
      {
        id: wid(2),
        descriptor: "Alan Turing",
        workerType: { id: wid(801), descriptor: "Contingent Worker" },
        terminationDate: "2026-10-31",
        primaryJob: { id: wid(102), company },
      },
    ],
    reports: {
      "ISU_Ledgerline/Worker_Cost_Centers": [
        { Employee_ID: "21001", Cost_Center_Reference_ID: "CC-100" },
        { Employee_ID: "C-3002" }, // Workday omits empty columns
      ],
    },
  },
});
const server = await fake.listen(); // http://127.0.0.1:<port>/ccx
const workday = createWorkdayClient({
  host: "wd2-impl-services1.workday.com",
  tenant: fake.tenant,
  auth: WORKDAY_FAKE_CREDENTIALS, // { clientId, clientSecret, refreshToken }: Basic client auth, refresh grant
  baseUrl: server.url,
});

// REST: workers as canonical resources, read in pages of up to 100.
for await (const read of workday.resources({ asOf: "2026-11-30" })) {
  if (read.ok) console.log(read.value.name, read.value.kind, read.value.active ? "active" : "inactive");
  else console.warn(read.key, read.error.issues);
}

// Change detection: a full read compared with the ledger's content hashes.
const ledger = new MemoryLedger();
const write = async (_resource: unknown, key: string) => key; // your upsert by canonical key
const first = await syncChanged(workday.resources(), { ledger, write });
const second = await syncChanged(workday.resources(), { ledger, write });
console.log(`first sync wrote ${first.written.length}, second wrote ${second.written.length}`);
console.log(missingCostCenterHeadline(first.exceptions)); // 1 consultant has no cost center: …

// RaaS: the report's columns described with zod; a row that does not match is rejected on its own.
const rows = await workday.report("ISU_Ledgerline", "Worker_Cost_Centers", {
  prompts: { Effective_as_of_Date: "2026-11-30" },
  schema: z.object({ Employee_ID: z.string(), Cost_Center_Reference_ID: z.string() }),
});
for (const row of rows) {
  if (row.ok) console.log("row", row.index, row.value.Cost_Center_Reference_ID);
  else console.log("row", row.index, "rejected:", row.error.issues.map((i) => i.path).join(", "));
}
fake.assertNoViolations(); // every request and response matched openapi/workday.yaml
await fake.close();
