import type {
  Engagement,
  ExpenseLine,
  Milestone,
  Project,
  SourceRef,
  TimeEntry,
} from "@ledgerline/canonical";
import { createNetSuiteClient, type NetSuiteClient } from "@ledgerline/connector-netsuite";
import { createNetSuiteFake, type NetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { createPsaClient, type PsaClient } from "@ledgerline/connector-psa";
import { createKantataFake, type KantataFake } from "@ledgerline/connector-psa/testing";
import { type Ledger, MemoryLedger } from "@ledgerline/core";

export const NOW = new Date("2026-12-01T09:00:00Z");
export const NOVEMBER = { id: "2026-11", start: "2026-11-01", end: "2026-11-30" };
export const DECEMBER = { id: "2026-12", start: "2026-12-01", end: "2026-12-31" };

function source(type: string, id: string, version = "1"): SourceRef {
  return { system: "kantata", type, id, version, updatedAt: "2026-11-20T10:00:00Z" };
}

export const usd = (amount: string) => ({ amount, currency: "USD" as const });

/** A Kantata-sourced project; `client` is known to NetSuite as customer 501. */
export function project(id: string, overrides: Partial<Project> = {}): Project {
  return {
    key: `kantata-workspaces-${id}`,
    source: source("workspaces", id),
    name: `Project ${id}`,
    client: { key: "salesforce-account-001", name: "Acme", ids: { netsuite: "501" } },
    engagement: { key: `salesforce-opportunity-${id}` },
    status: { code: "active" },
    billingType: { code: "time_and_materials" },
    currency: "USD",
    requiresTimeApproval: true,
    requiresExpenseApproval: true,
    dimensions: { legalEntity: "US" },
    ...overrides,
  };
}

export function engagement(id: string, overrides: Partial<Engagement> = {}): Engagement {
  return {
    key: `salesforce-opportunity-${id}`,
    source: {
      system: "salesforce",
      type: "opportunity",
      id,
      version: "1",
      updatedAt: "2026-10-01T00:00:00Z",
    },
    client: { key: "salesforce-account-001" },
    name: `SOW ${id}`,
    status: { code: "active" },
    billingType: { code: "milestone" },
    currency: "USD",
    billingTerms: {
      milestones: [
        {
          code: "m1",
          name: "Discovery sign-off",
          amount: usd("12000.00"),
          milestone: { key: "kantata-stories-55" },
        },
        { code: "m2", name: "Go-live", amount: usd("30000.50") },
      ],
    },
    ...overrides,
  };
}

export function milestone(id: string, overrides: Partial<Milestone> = {}): Milestone {
  return {
    key: `kantata-stories-${id}`,
    source: source("stories", id),
    project: { key: "kantata-workspaces-20" },
    name: "Discovery sign-off",
    state: "completed",
    completedOn: "2026-11-18",
    billable: true,
    ...overrides,
  };
}

export function time(id: string, overrides: Partial<TimeEntry> = {}): TimeEntry {
  return {
    key: `kantata-time_entries-${id}`,
    source: source("time_entries", id),
    resource: { key: "workday-worker-9", ids: { netsuite: "301" } },
    project: { key: "kantata-workspaces-10" },
    date: "2026-11-16",
    minutes: 50,
    billable: true,
    approval: { state: "approved", approvedAt: "2026-11-17T09:00:00Z" },
    billRate: usd("150.00"),
    ...overrides,
  };
}

export function expense(id: string, overrides: Partial<ExpenseLine> = {}): ExpenseLine {
  return {
    key: `kantata-expenses-${id}`,
    source: source("expenses", id),
    resource: { key: "workday-worker-9", ids: { netsuite: "301" } },
    project: { key: "kantata-workspaces-10" },
    date: "2026-11-12",
    category: "travel",
    amount: usd("123.45"),
    billable: true,
    reimbursable: true,
    approval: { state: "approved" },
    ...overrides,
  };
}

export interface World {
  netsuiteFake: NetSuiteFake;
  kantataFake: KantataFake;
  netsuite: NetSuiteClient;
  psa: PsaClient;
  ledger: Ledger;
}

/**
 * Both fakes and both clients, over one ledger: NetSuite maps subsidiary `US` and tax code `VAT0`; Kantata
 * holds the stories, time entries and expenses the tests write references back to.
 */
export function world(
  options: {
    ledger?: Ledger;
    kantataIds?: { stories?: string[]; time?: string[]; expenses?: string[] };
  } = {},
): World {
  const ledger = options.ledger ?? new MemoryLedger();
  const netsuiteFake = createNetSuiteFake();
  const kantataFake = createKantataFake();
  const ids = options.kantataIds ?? {};
  kantataFake.seed({
    stories: (ids.stories ?? ["55", "56", "57"]).map((id) => ({ id }) as never),
    time_entries: (ids.time ?? ["1", "2", "3", "4", "5", "6", "7", "8"]).map((id) => ({ id }) as never),
    expenses: (ids.expenses ?? ["31", "32"]).map((id) => ({ id }) as never),
  });
  const netsuite = createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl: netsuiteFake.baseUrl,
    fetch: netsuiteFake.fetch,
    auth: { type: "none" },
    ledger,
    retry: { baseDelayMs: 1, maxDelayMs: 5, budget: false },
    masterData: {
      dimensions: { target: "netsuite", tables: { legalEntity: { US: "1" }, taxCode: { VAT0: "9" } } },
      expenseCategories: { travel: "5" },
      invoiceItem: "21",
    },
  });
  const psa = createPsaClient({
    auth: "t",
    baseUrl: kantataFake.baseUrl,
    fetch: kantataFake.fetch,
    retry: { baseDelayMs: 1, maxDelayMs: 5, budget: false },
  });
  return { netsuiteFake, kantataFake, netsuite, psa, ledger };
}
