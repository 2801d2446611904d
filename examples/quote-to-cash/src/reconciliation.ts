import {
  type Money,
  type Project,
  type Ref,
  rateTimesDuration,
  reconcile,
  type TimeEntry,
} from "@ledgerline/canonical";
import type { NetSuiteClient } from "@ledgerline/connector-netsuite";
import type { Ledger } from "@ledgerline/core";
import type { DemoDataSet } from "./seed.js";
import type { Amount, DemoSummary, ProjectReconciliation } from "./summary.js";

/** Inputs of {@link reconcileTime}. */
export interface ReconcileTimeOptions {
  netsuite: NetSuiteClient;
  ledger: Ledger;
  data: DemoDataSet;
  /** PSA side: the period's approved time entries (enriched). */
  source: TimeEntry[];
  projects: Map<string, Project>;
  /** Keys of entries the flow rejected on purpose (closed project, unmapped cost center). */
  explained: ReadonlySet<string>;
  signal?: AbortSignal | undefined;
}

/**
 * PSA approved time vs NetSuite time bills for the period, per project, with canonical `reconcile`:
 * matched on the canonical key (the time bill's external id), compared on minutes, date, billable flag,
 * project and consultant, with exact minute and money totals. NetSuite does not store bill rates (they are
 * sensitive and NetSuite prices time from its own rate setup), so the money column is the billable value
 * of each side's minutes at the consultant's PSA bill rate: it moves exactly when NetSuite's hours do.
 */
export async function reconcileTime(
  options: ReconcileTimeOptions,
): Promise<{ totals: DemoSummary["reconciliation"]; projects: ProjectReconciliation[] }> {
  const { netsuite, ledger, data, source, projects } = options;
  // NetSuite ids → the canonical keys the PSA side uses: jobs through the ledger (what we posted),
  // employees through the workforce directory.
  const projectByJob = new Map<string, string>();
  for await (const entry of ledger.entries()) {
    if (projects.has(entry.key)) projectByJob.set(entry.targetId, entry.key);
  }
  const resourceByEmployee = new Map<string, string>();
  const rateByResource = new Map<string, Money>();
  for (const entry of source) {
    const employee = entry.resource.ids?.netsuite;
    if (employee) resourceByEmployee.set(employee, entry.resource.key);
    if (entry.billRate) rateByResource.set(entry.resource.key, entry.billRate);
  }
  const target: TimeEntry[] = [];
  const listOptions = {
    from: data.period.from,
    to: data.period.to,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  for await (const posted of netsuite.listPostedTime(listOptions)) {
    target.push({
      ...posted,
      project: remap(posted.project, projectByJob),
      resource: remap(posted.resource, resourceByEmployee),
    });
  }

  const billableValue = (entry: TimeEntry): Money | undefined => {
    const rate = rateByResource.get(entry.resource.key);
    return entry.billable && rate
      ? rateTimesDuration(rate, entry.minutes, { rounding: "half-even" })
      : undefined;
  };
  const result = reconcile(source, target, {
    amountOf: billableValue,
    fields: [
      { name: "minutes", kind: "minutes", get: (e) => e.minutes },
      { name: "date", get: (e) => e.date },
      { name: "billable", get: (e) => e.billable },
      { name: "project", get: (e) => e.project.key },
      { name: "resource", get: (e) => e.resource.key },
    ],
  });
  const missingByProject = new Map<string, number>();
  for (const entry of result.missingInTarget) {
    if (options.explained.has(entry.key)) {
      missingByProject.set(entry.project.key, (missingByProject.get(entry.project.key) ?? 0) + 1);
    }
  }
  const rows: ProjectReconciliation[] = result.byProject.map((p) => ({
    project: projects.get(p.project)?.name ?? p.project,
    key: p.project,
    matched: p.buckets.matched.source.count,
    missingInTarget: p.buckets.missingInTarget.count,
    missingInSource: p.buckets.missingInSource.count,
    mismatched: p.buckets.mismatched.source.count,
    sourceMinutes: p.source.minutes,
    targetMinutes: p.target.minutes,
    sourceAmounts: amounts(p.source.amounts),
    targetAmounts: amounts(p.target.amounts),
    explained: missingByProject.get(p.project) ?? 0,
  }));
  rows.sort((a, b) => a.project.localeCompare(b.project));
  return {
    totals: {
      matched: result.matched.length,
      missingInTarget: result.missingInTarget.length,
      missingInSource: result.missingInSource.length,
      mismatched: result.mismatched.length,
    },
    projects: rows,
  };
}

function remap(ref: Ref, keys: Map<string, string>): Ref {
  const id = ref.ids?.netsuite;
  const key = id === undefined ? undefined : keys.get(id);
  return key === undefined ? ref : { ...ref, key };
}

function amounts(record: Record<string, string>): Amount[] {
  return Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ currency, amount }));
}
