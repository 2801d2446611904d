import {
  currencyExponent,
  type ExpenseLine,
  type Money,
  money,
  type Project,
  parseExpenseLine,
  type Reconciliation,
  type Ref,
  rateTimesDuration,
  reconcile,
  type TimeEntry,
} from "@ledgerline/canonical";
import type { ExpenseReportBody, NetSuiteClient } from "@ledgerline/connector-netsuite";
import { type Ledger, runBatch } from "@ledgerline/core";
import type { DemoDataSet } from "./seed.js";
import type { Amount, DemoSummary, ProjectReconciliation } from "./summary.js";

/** Inputs of {@link reconcileTime} and {@link reconcileExpenses}. */
export interface ReconcileOptions<T> {
  netsuite: NetSuiteClient;
  ledger: Ledger;
  data: DemoDataSet;
  /** PSA side: the period's approved records (enriched). */
  source: T[];
  projects: Map<string, Project>;
  /** Keys of records the flow rejected on purpose (closed project, unmapped cost center). */
  explained: ReadonlySet<string>;
  signal?: AbortSignal | undefined;
}

/** One kind's reconciliation: totals and a row per project. */
export interface KindReconciliation {
  totals: DemoSummary["reconciliation"];
  projects: ProjectReconciliation[];
}

/**
 * PSA approved time vs NetSuite time bills for the period, per project, with canonical `reconcile`:
 * matched on the canonical key (the time bill's external id), compared on minutes, date, billable flag,
 * project and consultant, with exact minute and money totals. NetSuite does not store bill rates (they are
 * sensitive and NetSuite prices time from its own rate setup), so the money column is the billable value
 * of each side's minutes at the consultant's PSA bill rate: it moves exactly when NetSuite's hours do.
 */
export async function reconcileTime(options: ReconcileOptions<TimeEntry>): Promise<KindReconciliation> {
  const { netsuite, ledger, data, source, projects } = options;
  // NetSuite ids → the canonical keys the PSA side uses: jobs through the ledger (what we posted),
  // employees through the workforce directory.
  const projectByJob = await jobsToProjects(ledger, projects);
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
  return summarise("time", result, options);
}

/**
 * PSA approved expenses vs NetSuite expense reports, per project: the reports are listed
 * (`GET /record/v1/expenseReport`) and read with their `expense` lines, matched on the external id, and
 * compared on the exact amount, date and project.
 */
export async function reconcileExpenses(options: ReconcileOptions<ExpenseLine>): Promise<KindReconciliation> {
  const { netsuite, ledger, source, projects } = options;
  const projectByJob = await jobsToProjects(ledger, projects);
  const ids: string[] = [];
  const signal = options.signal ? { signal: options.signal } : {};
  for (let offset = 0; ; offset += 1000) {
    const { data: page } = await netsuite.http.GET("/record/v1/expenseReport", {
      params: { query: { limit: 1000, offset } },
      ...signal,
    });
    for (const item of page?.items ?? []) if (item.id) ids.push(item.id);
    if (!page?.hasMore) break;
  }
  const target: ExpenseLine[] = [];
  const report = await runBatch(
    ids,
    async (id) => {
      const { data } = await netsuite.http.GET("/record/v1/expenseReport/{id}", {
        params: { path: { id }, query: { expandSubResources: true } },
        ...signal,
      });
      if (data) target.push(...fromExpenseReport(data, projectByJob, projects));
      return { status: "unchanged" as const };
    },
    { concurrency: 8, ...signal },
  );
  if (report.failed > 0) {
    const first = report.failedSamples[0];
    const reason = first?.status === "failed" ? `: ${first.message}` : "";
    throw new Error(`could not read ${report.failed} NetSuite expense reports${reason}`);
  }
  const result = reconcile(source, target, {
    amountOf: (e) => e.amount,
    minutesOf: () => undefined,
    fields: [
      { name: "amount", kind: "money", get: (e) => e.amount },
      { name: "date", get: (e) => e.date },
      { name: "project", get: (e) => e.project.key },
    ],
  });
  return summarise("expenses", result, options);
}

/** An expense report's lines as canonical expense lines (one line per report in this slice). */
function fromExpenseReport(
  report: ExpenseReportBody,
  projectByJob: Map<string, string>,
  projects: Map<string, Project>,
): ExpenseLine[] {
  const lines = report.expense?.items ?? [];
  return lines.map((line, i) => {
    const job = line.customer?.id ?? "";
    const projectKey = projectByJob.get(job) ?? `netsuite-job-${job || "unknown"}`;
    const currency = projects.get(projectKey)?.currency ?? "USD";
    const exponent = currencyExponent(currency) ?? 2;
    const key =
      lines.length === 1
        ? (report.externalId ?? `netsuite-expensereport-${report.id}`)
        : `${report.externalId}-${i + 1}`;
    // Parsed, so a report NetSuite holds in an unexpected shape fails loudly with the field at fault.
    return parseExpenseLine({
      key,
      source: {
        system: "netsuite",
        type: "expenseReport",
        id: report.id ?? "unknown",
        version: "1",
        updatedAt: new Date(0).toISOString(),
      },
      resource: { key: `netsuite-employee-${report.entity?.id ?? "unknown"}` },
      project: { key: projectKey },
      date: line.expensedate ?? report.tranDate ?? "",
      category: "expense",
      // NetSuite amounts are JSON numbers with at most 15 significant digits (the connector refuses more),
      // so toFixed at the currency's exponent gives back the exact decimal that was posted.
      amount: money((line.amount ?? 0).toFixed(exponent), currency),
      billable: line.isBillable ?? true,
      // NetSuite's line flag is the inverse: `isnonreimbursable` is true for a company-paid expense.
      reimbursable: line.isnonreimbursable !== true,
      approval: { state: "approved" },
    });
  });
}

async function jobsToProjects(ledger: Ledger, projects: Map<string, Project>): Promise<Map<string, string>> {
  const projectByJob = new Map<string, string>();
  for await (const entry of ledger.entries()) {
    if (projects.has(entry.key)) projectByJob.set(entry.targetId, entry.key);
  }
  return projectByJob;
}

function summarise<T extends { key: string; project: Ref }>(
  kind: ProjectReconciliation["kind"],
  result: Reconciliation<T>,
  options: ReconcileOptions<T>,
): KindReconciliation {
  const missingByProject = new Map<string, number>();
  for (const record of result.missingInTarget) {
    if (options.explained.has(record.key)) {
      missingByProject.set(record.project.key, (missingByProject.get(record.project.key) ?? 0) + 1);
    }
  }
  const rows: ProjectReconciliation[] = result.byProject.map((p) => ({
    kind,
    project: options.projects.get(p.project)?.name ?? p.project,
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
