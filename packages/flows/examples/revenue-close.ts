// Recognise revenue into NetSuite and close the period — here against the local NetSuite fake.
import type { Engagement, Milestone, Project } from "@ledgerline/canonical";
import { createNetSuiteClient } from "@ledgerline/connector-netsuite";
import { createNetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { MemoryLedger } from "@ledgerline/core";
import { closePeriod, recognizeRevenue, renderCloseReport, summarizeClose } from "@ledgerline/flows";

const fake = createNetSuiteFake({
  records: {
    accountingPeriod: [
      { id: "1", periodName: "Jan 2026", startDate: "2026-01-01", endDate: "2026-01-31", closed: true },
      { id: "2", periodName: "Feb 2026", startDate: "2026-02-01", endDate: "2026-02-28", closed: false },
    ],
  },
});
const server = await fake.listen();
const ledger = new MemoryLedger(); // FileLedger.open(path), or a shared ledger, in production
const netsuite = createNetSuiteClient({
  accountId: "123456_SB1",
  baseUrl: server.url,
  auth: { type: "none" },
  ledger,
  masterData: { accounts: { "2400": "58", "4000": "54" } }, // deferred revenue, revenue
});

const source = {
  system: "kantata",
  type: "workspaces",
  id: "77",
  version: "1",
  updatedAt: "2026-02-01T00:00:00Z",
};
const project: Project = {
  key: "kantata-workspaces-77",
  source,
  name: "Acme data platform",
  client: { key: "salesforce-account-001", ids: { netsuite: "501" } },
  status: { code: "active" },
  billingType: { code: "milestone" },
  currency: "USD",
  requiresTimeApproval: true,
  requiresExpenseApproval: true,
};
await netsuite.upsertProject(project); // the engagement sync does this in the chain
const engagement: Engagement = {
  key: "salesforce-opportunity-006",
  source: { ...source, system: "salesforce", type: "opportunity", id: "006" },
  client: project.client,
  name: "Acme SOW",
  status: { code: "active" },
  billingType: { code: "milestone" },
  currency: "USD",
  billingTerms: { contractValue: { amount: "9000.00", currency: "USD" } },
};
const milestone = (id: string, amount: string, completedOn?: string): Milestone => ({
  key: `kantata-stories-${id}`,
  source: { ...source, type: "stories", id },
  project: { key: project.key },
  name: `Milestone ${id}`,
  state: completedOn ? "completed" : "open",
  billable: true,
  amount: { amount, currency: "USD" },
  ...(completedOn ? { completedOn } : {}),
});
// Completed in January, which is closed: the revenue posts in February, the open period.
const milestones = [milestone("1", "3000.00", "2026-01-28"), milestone("2", "6000.00")];

const revenue = await recognizeRevenue({
  netsuite,
  ledger,
  projects: [{ project, engagement, milestones }],
  asOf: "2026-02-20",
  accounts: { deferredRevenue: "2400", revenue: "4000" },
});
const again = await recognizeRevenue({
  netsuite,
  ledger,
  projects: [{ project, engagement, milestones }],
  asOf: "2026-02-20",
  accounts: { deferredRevenue: "2400", revenue: "4000" },
});

const close = await closePeriod({
  period: "2026-02",
  ledger,
  projects: [{ project, milestones, schedule: revenue.schedules[0] }],
  billing: () => [
    {
      project: project.key,
      billed: { amount: "3000.00", currency: "USD" },
      unbilled: { amount: "0.00", currency: "USD" },
    },
  ],
});
const html = renderCloseReport({ close, revenue }); // one self-contained page: write it anywhere

const [entry] = revenue.entries;
console.log(entry?.period, entry?.amount.amount, entry?.adjustment.amount, again.unchanged);
console.log(summarizeClose(close).projects[0]?.tiesOut, html.startsWith("<!doctype html>"));
await fake.close();
