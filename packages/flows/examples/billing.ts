/**
 * Billing against the fakes: a completed milestone and a month of posted time become NetSuite invoices,
 * the invoice ids go back to Kantata, and a rerun changes nothing.
 *
 *   node --conditions=@ledgerline/source --import tsx packages/flows/examples/billing.ts
 */
import type { Engagement, Milestone, Project, TimeEntry } from "@ledgerline/canonical";
import { createNetSuiteClient } from "@ledgerline/connector-netsuite";
import { createNetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { createPsaClient } from "@ledgerline/connector-psa";
import { createKantataFake } from "@ledgerline/connector-psa/testing";
import { MemoryLedger } from "@ledgerline/core";
import { billMilestones, billTimeAndMaterials, unbilledWip } from "@ledgerline/flows";

const ledger = new MemoryLedger(); // use a FileLedger in production: billing survives a crash with it
const netsuiteFake = createNetSuiteFake();
const kantataFake = createKantataFake();
kantataFake.seed({ stories: [{ id: "55" } as never], time_entries: [{ id: "1" } as never] });
const netsuite = createNetSuiteClient({
  accountId: "123456_SB1",
  baseUrl: netsuiteFake.baseUrl,
  fetch: netsuiteFake.fetch,
  auth: { type: "none" },
  ledger,
  masterData: { invoiceItem: "21" },
});
const psa = createPsaClient({ auth: "token", baseUrl: kantataFake.baseUrl, fetch: kantataFake.fetch });

const origin = (type: string, id: string) => ({
  system: "kantata",
  type,
  id,
  version: "1",
  updatedAt: "2026-11-20T10:00:00Z",
});
const usd = (amount: string) => ({ amount, currency: "USD" as const });
const project: Project = {
  key: "kantata-workspaces-10",
  source: origin("workspaces", "10"),
  name: "Globex ERP rollout",
  client: { key: "salesforce-account-001", ids: { netsuite: "501" } },
  engagement: { key: "salesforce-opportunity-006" },
  status: { code: "active" },
  billingType: { code: "time_and_materials" },
  currency: "USD",
  requiresTimeApproval: true,
  requiresExpenseApproval: true,
};
const sow: Engagement = {
  key: "salesforce-opportunity-006",
  source: { ...origin("opportunity", "006"), system: "salesforce" },
  client: project.client,
  name: "Globex ERP SOW",
  status: { code: "active" },
  billingType: { code: "time_and_materials" },
  currency: "USD",
  billingTerms: { milestones: [{ code: "m1", name: "Blueprint sign-off", amount: usd("12000.00") }] },
};
const blueprint: Milestone = {
  key: "kantata-stories-55",
  source: origin("stories", "55"),
  project: { key: project.key },
  name: "Blueprint sign-off",
  state: "completed",
  completedOn: "2026-11-18",
  billable: true,
};
const work: TimeEntry = {
  key: "kantata-time_entries-1",
  source: origin("time_entries", "1"),
  resource: { key: "workday-worker-9", ids: { netsuite: "301" } },
  project: { key: project.key },
  date: "2026-11-16",
  minutes: 50,
  billable: true,
  approval: { state: "approved" },
  billRate: usd("150.00"),
};

// Delivery first: the project and the approved time are in NetSuite (through the same ledger).
await netsuite.upsertProject(project);
await netsuite.postTimeEntry(work);

const deps = { netsuite, psa, ledger };
const period = { id: "2026-11", start: "2026-11-01", end: "2026-11-30" };
const milestones = await billMilestones({
  ...deps,
  milestones: [blueprint],
  projects: [project],
  engagements: [sow],
});
const tm = await billTimeAndMaterials({ ...deps, period, projects: [project], timeEntries: [work] });
console.log(milestones.written, tm.written, tm.invoices[0]?.amount.amount); // 1 1 125.00

const again = await billTimeAndMaterials({ ...deps, period, projects: [project], timeEntries: [work] });
const [wip] = await unbilledWip({ ledger, period, projects: [project], timeEntries: [work] });
console.log(again.unchanged, wip?.billed.amount, wip?.unbilled.amount); // 1 125.00 0.00
console.log(netsuiteFake.records("invoice").length, kantataFake.store.all("external_references").length); // 2 2
