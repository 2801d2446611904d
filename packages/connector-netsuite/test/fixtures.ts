import type {
  ApprovedTimeEntry,
  BillableExpense,
  Client,
  InvoiceEvent,
  Project,
} from "@ledgerline/canonical";
import type { MapContext } from "../src/mappers/context.js";

const source = (type: string, id: string) => ({
  system: "kantata",
  type,
  id,
  version: "1",
  updatedAt: "2026-11-20T10:00:00Z",
});

/** Master data of the test account. */
export const ctx: MapContext = {
  dimensions: {
    target: "netsuite",
    tables: {
      costCenter: { "CC-100": "3" },
      practice: { DATA: "7" },
      region: { EMEA: "2" },
      legalEntity: { UK: "4" },
      taxCode: { VAT20: "9" },
    },
  },
  expenseCategories: { travel: "5" },
  invoiceItem: "21",
};

export const client: Client = {
  key: "salesforce-account-001",
  source: { ...source("account", "001"), system: "salesforce" },
  name: "Acme Ltd",
  number: "C-001",
  active: true,
  legalEntity: "UK",
  email: "ap@acme.test",
};

export const project: Project = {
  key: "kantata-workspaces-77",
  source: source("workspaces", "77"),
  name: "Acme data platform",
  code: "P-77",
  client: { key: client.key, ids: { netsuite: "501" } },
  status: { code: "active" },
  billingType: { code: "time_and_materials" },
  currency: "GBP",
  startDate: "2026-11-01",
  requiresTimeApproval: true,
  requiresExpenseApproval: true,
  dimensions: { legalEntity: "UK", costCenter: "CC-100" },
};

export function timeEntry(id: string, overrides: Partial<ApprovedTimeEntry> = {}): ApprovedTimeEntry {
  return {
    key: `kantata-time_entries-${id}`,
    source: source("time_entries", id),
    resource: { key: "workday-worker-9", ids: { netsuite: "301" } },
    project: { key: project.key, ids: { netsuite: "601" } },
    task: { key: "kantata-stories-5", ids: { netsuite: "701" } },
    date: "2026-11-16",
    minutes: 270,
    billable: true,
    approval: { state: "approved", approvedAt: "2026-11-17T09:00:00Z" },
    billRate: { amount: "150.00", currency: "GBP" },
    dimensions: { costCenter: "CC-100", practice: "DATA", region: "EMEA", legalEntity: "UK" },
    notes: "Pipeline work",
    ...overrides,
  };
}

export function expense(id: string, overrides: Partial<BillableExpense> = {}): BillableExpense {
  return {
    key: `kantata-expenses-${id}`,
    source: source("expenses", id),
    resource: { key: "workday-worker-9", ids: { netsuite: "301" } },
    project: { key: project.key, ids: { netsuite: "601" } },
    date: "2026-11-16",
    category: "travel",
    amount: { amount: "123.45", currency: "GBP" },
    taxCode: "VAT20",
    billable: true,
    reimbursable: true,
    approval: { state: "approved" },
    merchant: "Rail",
    dimensions: { costCenter: "CC-100" },
    ...overrides,
  };
}

export const invoiceEvent: InvoiceEvent = {
  key: "kantata-milestones-12",
  source: source("milestones", "12"),
  kind: "milestone",
  status: "ready",
  client: { key: client.key, ids: { netsuite: "501" } },
  project: { key: project.key, ids: { netsuite: "601" } },
  milestone: { key: "kantata-milestones-12", name: "Phase 1 sign-off" },
  date: "2026-11-20",
  dueDate: "2026-12-20",
  amount: { amount: "10000.00", currency: "GBP" },
  lines: [
    { description: "Phase 1", amount: { amount: "9000.00", currency: "GBP" }, taxCode: "VAT20" },
    { description: "Expenses", amount: { amount: "1000.00", currency: "GBP" } },
  ],
  dimensions: { legalEntity: "UK" },
};
