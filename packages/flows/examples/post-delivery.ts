// Approved time from Kantata posted to NetSuite with postDelivery — both sides are the connectors' fakes on
// 127.0.0.1, so it runs without credentials.
import { createNetSuiteClient } from "@ledgerline/connector-netsuite";
import { createNetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { createPsaClient } from "@ledgerline/connector-psa";
import { createKantataFake } from "@ledgerline/connector-psa/testing";
import { MemoryLedger } from "@ledgerline/core";
import { type DeliveryPolicy, postDelivery, type ResourceDirectory } from "@ledgerline/flows";

const entry = (id: string, date: string, minutes: number, approved: boolean) => ({
  id,
  date_performed: date,
  time_in_minutes: minutes,
  billable: true,
  rate_in_cents: 17_550,
  currency: "USD",
  approved,
  workspace_id: "10",
  user_id: "7",
});
const kantata = createKantataFake({
  tokens: "demo-token",
  seed: {
    users: [{ id: "7", full_name: "Ada Lovelace", email_address: "ada@example.com" }],
    workspace_groups: [{ id: "20", name: "Globex", company: true, workspace_ids: ["10"] }],
    workspaces: [
      {
        id: "10",
        title: "Globex ERP rollout",
        currency: "USD",
        status: { color: "green", key: 310, message: "Active" },
        stories_are_fixed_fee_by_default: false,
        primary_workspace_group_id: "20",
      },
    ],
    time_entries: [entry("501", "2026-11-02", 450, true), entry("502", "2026-11-03", 90, false)],
  },
});
const netsuite = createNetSuiteFake({
  strictReferences: true, // a time bill must name an employee and a department NetSuite holds
  records: {
    employee: [{ id: "301", entityId: "Ada Lovelace", email: "ada@example.com" }],
    department: [{ id: "3", name: "Delivery" }],
  },
});
const [kantataServer, netsuiteServer] = [await kantata.listen(), await netsuite.listen()];

// What the HCM knows about each person (in production: Workday through the crosswalk).
const resources: ResourceDirectory = (person) =>
  person.ids?.kantata === "7"
    ? { ids: { netsuite: "301" }, dimensions: { costCenter: "CC-100" } }
    : undefined;
const dimensions = { target: "netsuite", tables: { costCenter: { "CC-100": "3" } } };
const policy: DeliveryPolicy = {
  periods: [{ id: "2026-11", start: "2026-11-01", end: "2026-11-30", status: "open" }],
  requiredDimensions: ["costCenter"],
  dimensionMap: dimensions,
};

const clients = {
  psa: createPsaClient({ auth: "demo-token", baseUrl: kantataServer.url }),
  netsuite: createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl: netsuiteServer.url,
    auth: { type: "none" },
    ledger: new MemoryLedger(), // FileLedger.open(path) to resume after a crash
    masterData: { dimensions },
  }),
};
const period = { from: "2026-11-01", to: "2026-11-30" };

const first = await postDelivery(clients, { period, policy, resources });
console.log(first.written, first.rejected, first.failed); // customer, job, 1 time bill written; 1 rejected
// → 3 1 0
const rejected = first.records.find((r) => r.status === "rejected");
console.log(rejected?.key, rejected?.reason?.code, rejected?.reason?.field);
// → kantata-time_entries-502 APPROVAL_REQUIRED approval.state
const again = await postDelivery(clients, { period, policy, resources });
console.log(again.written, again.unchanged, netsuite.records("timeBill").length);
// → 0 3 1

await Promise.all([kantata.close(), netsuite.close()]);
