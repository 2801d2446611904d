import { canonicalKey, type Project, type SourceRef, type TimeEntry } from "../src/index.js";

export function source(system: string, type: string, id: string): SourceRef {
  return { system, type, id, version: "1", updatedAt: "2026-03-02T10:00:00Z" };
}

export function ref(system: string, type: string, id: string) {
  return { key: canonicalKey({ system, type, id }) };
}

export function timeEntry(overrides: Partial<TimeEntry> = {}): TimeEntry {
  const src = source("kantata", "time_entries", "4711");
  return {
    key: canonicalKey(src),
    source: src,
    resource: ref("kantata", "users", "7"),
    project: ref("kantata", "workspaces", "12"),
    task: ref("kantata", "stories", "99"),
    date: "2026-03-02",
    minutes: 270,
    billable: true,
    approval: { state: "approved", approvedAt: "2026-03-03T08:00:00Z" },
    billRate: { amount: "150.00", currency: "USD" },
    costRate: { amount: "80.00", currency: "USD" },
    dimensions: { costCenter: "CC-100", practice: "DATA", region: "EMEA", legalEntity: "LE-UK" },
    notes: "workshop",
    ...overrides,
  };
}

export function project(overrides: Partial<Project> = {}): Project {
  const src = source("kantata", "workspaces", "12");
  return {
    key: canonicalKey(src),
    source: src,
    name: "Data platform",
    client: ref("salesforce", "Account", "001A"),
    status: { code: "active", raw: "Active" },
    billingType: { code: "time_and_materials", raw: "T&M" },
    currency: "USD",
    requiresTimeApproval: true,
    requiresExpenseApproval: true,
    ...overrides,
  };
}
