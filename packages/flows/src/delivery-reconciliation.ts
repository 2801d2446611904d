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
import { DELIVERY_READS, type DeliverySnapshot, describeError } from "./delivery-snapshot.js";
import type { ReadFailure } from "./report.js";

/** The NetSuite reads {@link reconcileDelivery} makes. */
export type ReconcileNetSuite = Pick<NetSuiteClient, "listPostedTime" | "http">;

/** Records per reconciliation bucket. */
export interface ReconciliationCounts {
  matched: number;
  missingInTarget: number;
  missingInSource: number;
  mismatched: number;
}

/** PSA approved vs NetSuite posted, for one project and one kind of record. Plain data. */
export interface ProjectReconciliationRow {
  /** `time`: approved time entries vs time bills; `expenses`: approved expenses vs expense report lines. */
  kind: "time" | "expenses";
  /** The project's name (its key when the project is not known). */
  project: string;
  /** The project's canonical key. */
  key: string;
  matched: number;
  missingInTarget: number;
  missingInSource: number;
  mismatched: number;
  sourceMinutes: number;
  targetMinutes: number;
  /** Exact totals per currency (time: billable value of the minutes at the PSA bill rate). */
  sourceAmounts: Money[];
  targetAmounts: Money[];
  /** Of `missingInTarget`, how many the step rejected on purpose (an exception explains them). */
  explained: number;
}

/** One kind's reconciliation: totals and a row per project (sorted by name). */
export interface KindReconciliation {
  totals: ReconciliationCounts;
  projects: ProjectReconciliationRow[];
}

/** Result of {@link reconcileDelivery}. */
export interface DeliveryReconciliation {
  time: KindReconciliation;
  expenses: KindReconciliation;
  /** Sides that could not be read in full: that kind is not reconciled (half a side would invent gaps). */
  readFailures: ReadFailure[];
}

/** Options of {@link reconcileDelivery}. */
export interface ReconcileDeliveryOptions {
  /** Keys of records the delivery step rejected on purpose (see `rejectedKeys`): explained gaps. */
  explained: ReadonlySet<string>;
  signal?: AbortSignal | undefined;
}

/** Not reconciled: zero everywhere. */
export const NOT_RECONCILED: KindReconciliation = Object.freeze({
  totals: Object.freeze({ matched: 0, missingInTarget: 0, missingInSource: 0, mismatched: 0 }),
  projects: [],
}) as KindReconciliation;

/**
 * Period close, PSA vs ERP: the snapshot's approved time entries against NetSuite's time bills of the
 * period (SuiteQL through `listPostedTime`), and its approved expenses against NetSuite's expense reports,
 * per project, with canonical `reconcile` — matched on the canonical key (the external id), compared on
 * minutes / amount, date, project (and billable flag and person for time), with exact totals. NetSuite ids
 * are mapped back to canonical keys through the `ledger` (jobs) and the records' `resource.ids.netsuite`.
 *
 * NetSuite holds no bill rates (sensitive; it prices time from its own rate setup), so the time money
 * column is each side's minutes at the consultant's PSA bill rate: it moves exactly when NetSuite's hours
 * do. A kind whose PSA side was not read in full, or whose NetSuite side cannot be read, is not reconciled:
 * the read failure is reported instead.
 */
export async function reconcileDelivery(
  netsuite: ReconcileNetSuite,
  ledger: Pick<Ledger, "entries">,
  snapshot: DeliverySnapshot,
  options: ReconcileDeliveryOptions,
): Promise<DeliveryReconciliation> {
  const readFailures: ReadFailure[] = [];
  const projects = new Map(snapshot.projects.map((p) => [p.key, p]));
  const projectByJob = new Map<string, string>();
  // A project the SOW flow created is known by its NetSuite id on the records (see `crosswalkProjects`) …
  for (const record of [...snapshot.timeEntries, ...snapshot.expenses]) {
    const job = record.project.ids?.netsuite;
    if (job !== undefined && projects.has(record.project.key)) projectByJob.set(job, record.project.key);
  }
  // … one this step upserted, through the ledger.
  for await (const entry of ledger.entries()) {
    if (projects.has(entry.key)) projectByJob.set(entry.targetId, entry.key);
  }
  const context: KindContext = { netsuite, snapshot, projects, projectByJob, options };
  const guarded = async (
    kind: "time" | "expenses",
    sourceRead: string,
    run: () => Promise<KindReconciliation>,
  ): Promise<KindReconciliation> => {
    if (snapshot.readFailures.some((f) => f.what === sourceRead)) {
      readFailures.push({ what: `${kind} reconciliation`, error: `skipped: ${sourceRead} not read in full` });
      return NOT_RECONCILED;
    }
    try {
      return await run();
    } catch (error) {
      if (options.signal?.aborted) throw error;
      readFailures.push({ what: `NetSuite ${kind} for the reconciliation`, error: describeError(error) });
      return NOT_RECONCILED;
    }
  };
  const time = await guarded("time", DELIVERY_READS.timeEntries, () => reconcileTime(context));
  const expenses = await guarded("expenses", DELIVERY_READS.expenses, () => reconcileExpenses(context));
  return { time, expenses, readFailures };
}

interface KindContext {
  netsuite: ReconcileNetSuite;
  snapshot: DeliverySnapshot;
  projects: Map<string, Project>;
  projectByJob: Map<string, string>;
  options: ReconcileDeliveryOptions;
}

async function reconcileTime(context: KindContext): Promise<KindReconciliation> {
  const { netsuite, snapshot, projectByJob, options } = context;
  const source = snapshot.timeEntries.filter((e) => e.approval.state === "approved");
  const resourceByEmployee = new Map<string, string>();
  const rateByResource = new Map<string, Money>();
  for (const entry of source) {
    const employee = entry.resource.ids?.netsuite;
    if (employee) resourceByEmployee.set(employee, entry.resource.key);
    if (entry.billRate) rateByResource.set(entry.resource.key, entry.billRate);
  }
  const target: TimeEntry[] = [];
  const list = { ...snapshot.period, ...(options.signal ? { signal: options.signal } : {}) };
  for await (const posted of netsuite.listPostedTime(list)) {
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
    isExplained: (e) => options.explained.has(e.key),
    fields: [
      { name: "minutes", kind: "minutes", get: (e) => e.minutes },
      { name: "date", get: (e) => e.date },
      { name: "billable", get: (e) => e.billable },
      { name: "project", get: (e) => e.project.key },
      { name: "resource", get: (e) => e.resource.key },
    ],
  });
  return rows("time", result, context.projects);
}

async function reconcileExpenses(context: KindContext): Promise<KindReconciliation> {
  const { netsuite, snapshot, projects, projectByJob, options } = context;
  const source = snapshot.expenses.filter((e) => e.approval.state === "approved");
  const signal = options.signal ? { signal: options.signal } : {};
  const ids: string[] = [];
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
    isExplained: (e) => options.explained.has(e.key),
    fields: [
      { name: "amount", kind: "money", get: (e) => e.amount },
      { name: "date", get: (e) => e.date },
      { name: "project", get: (e) => e.project.key },
    ],
  });
  return rows("expenses", result, projects);
}

/** An expense report's lines as canonical expense lines, parsed (an unexpected shape fails naming the field). */
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
      // NetSuite amounts are JSON numbers of at most 15 significant digits (the connector refuses more), so
      // toFixed at the currency's exponent gives back the exact decimal that was posted.
      amount: money((line.amount ?? 0).toFixed(exponent), currency),
      billable: line.isBillable ?? true,
      // NetSuite's line flag is the inverse: `isnonreimbursable` is true for a company-paid expense.
      reimbursable: line.isnonreimbursable !== true,
      approval: { state: "approved" },
    });
  });
}

function rows<T>(
  kind: ProjectReconciliationRow["kind"],
  result: Reconciliation<T>,
  projects: Map<string, Project>,
): KindReconciliation {
  const out: ProjectReconciliationRow[] = result.byProject.map((p) => ({
    kind,
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
    explained: p.explained,
  }));
  out.sort((a, b) => a.project.localeCompare(b.project));
  return {
    totals: {
      matched: result.matched.length,
      missingInTarget: result.missingInTarget.length,
      missingInSource: result.missingInSource.length,
      mismatched: result.mismatched.length,
    },
    projects: out,
  };
}

function remap(ref: Ref, keys: Map<string, string>): Ref {
  const id = ref.ids?.netsuite;
  const key = id === undefined ? undefined : keys.get(id);
  return key === undefined ? ref : { ...ref, key };
}

function amounts(totals: Record<string, string>): Money[] {
  return Object.entries(totals)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => money(amount, currency));
}
