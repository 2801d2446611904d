import type { Engagement, Milestone, Project, TimeEntry } from "@ledgerline/canonical";
import { createNetSuiteClient } from "@ledgerline/connector-netsuite";
import { createNetSuiteFake, type NetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import type { Ledger } from "@ledgerline/core";

const src = (system: string, type: string, id: string) => ({
  system,
  type,
  id,
  version: "1",
  updatedAt: "2026-01-05T10:00:00Z",
});

export const accounts = { deferredRevenue: "2400", revenue: "4000" };

export const periods = [
  { id: "301", periodName: "Jan 2026", startDate: "2026-01-01", endDate: "2026-01-31", closed: false },
  { id: "302", periodName: "Feb 2026", startDate: "2026-02-01", endDate: "2026-02-28", closed: false },
  { id: "303", periodName: "Mar 2026", startDate: "2026-03-01", endDate: "2026-03-31", closed: false },
];

export function project(id: string, overrides: Partial<Project> = {}): Project {
  return {
    key: `kantata-workspaces-${id}`,
    source: src("kantata", "workspaces", id),
    name: `Project ${id}`,
    client: { key: "salesforce-account-001", ids: { netsuite: "501" } },
    status: { code: "active" },
    billingType: { code: "time_and_materials" },
    currency: "USD",
    requiresTimeApproval: true,
    requiresExpenseApproval: true,
    dimensions: { legalEntity: "US", costCenter: "CC-100" },
    ...overrides,
  };
}

export function engagement(id: string, overrides: Partial<Engagement> = {}): Engagement {
  return {
    key: `salesforce-opportunity-${id}`,
    source: src("salesforce", "opportunity", id),
    client: { key: "salesforce-account-001" },
    name: `SOW ${id}`,
    status: { code: "active" },
    billingType: { code: "fixed_fee" },
    currency: "USD",
    billingTerms: {},
    ...overrides,
  };
}

export function milestone(projectKey: string, id: string, amount: string, completedOn?: string): Milestone {
  return {
    key: `kantata-stories-${id}`,
    source: src("kantata", "stories", id),
    project: { key: projectKey },
    name: `Milestone ${id}`,
    state: completedOn ? "completed" : "open",
    billable: true,
    amount: { amount, currency: "USD" },
    ...(completedOn ? { completedOn } : {}),
  };
}

export function time(
  projectKey: string,
  id: string,
  date: string,
  minutes: number,
  extra: Partial<TimeEntry> = {},
): TimeEntry {
  return {
    key: `kantata-time_entries-${id}`,
    source: src("kantata", "time_entries", id),
    resource: { key: "workday-worker-7", ids: { netsuite: "801" } },
    project: { key: projectKey },
    date,
    minutes,
    billable: true,
    approval: { state: "approved", approvedAt: `${date}T18:00:00Z` },
    billRate: { amount: "150.00", currency: "USD" },
    ...extra,
  };
}

/** A NetSuite fake with accounting periods and a client over it, with the given ledger. */
export function netsuiteOver(ledger: Ledger): {
  fake: NetSuiteFake;
  netsuite: ReturnType<typeof createNetSuiteClient>;
} {
  const fake = createNetSuiteFake({ records: { accountingPeriod: periods } });
  const netsuite = createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    auth: { type: "none" },
    ledger,
    masterData: {
      accounts: { "2400": "58", "4000": "54" },
      dimensions: { target: "netsuite", tables: { legalEntity: { US: "1" }, costCenter: { "CC-100": "3" } } },
    },
    retry: { baseDelayMs: 1, maxDelayMs: 5, budget: false },
  });
  return { fake, netsuite };
}
