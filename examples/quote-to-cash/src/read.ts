import type { Client, ExpenseLine, Project, Ref, TimeEntry } from "@ledgerline/canonical";
import type { PsaClient, PsaRead } from "@ledgerline/connector-psa";
import type { DemoDataSet, WorkforceRecord } from "./seed.js";

/** What the flow reads from Kantata for the period, as canonical records. */
export interface PsaSnapshot {
  clients: Client[];
  projects: Project[];
  /** Every time entry of the period, in any approval state, enriched for NetSuite (see {@link enrich}). */
  timeEntries: TimeEntry[];
  /** Every expense of the period, in any approval state, enriched for NetSuite. */
  expenses: ExpenseLine[];
  /** Records Kantata returned that could not be mapped to canonical (should be none). */
  unreadable: { key: string; reason: string }[];
  /** Approval instant of each timesheet submission (Kantata id → updated_at of the approval). */
  approvedAt: Map<string, string>;
  /** Kantata's expense report submissions by status: only expenses of approved ones are posted. */
  expenseSubmissions: ExpenseSubmissionCounts;
  /** Reads that ended in an error after retries (what was read before it is kept). */
  readFailures: { what: string; error: string }[];
}

/** Expense report submissions (and their expenses) by status. */
export interface ExpenseSubmissionCounts {
  approved: { submissions: number; expenses: number };
  pending: { submissions: number; expenses: number };
  rejected: { submissions: number; expenses: number };
}

/**
 * Reads clients, projects, the period's time entries and expenses from Kantata through the PSA connector
 * (paged, includes resolved, mapped to canonical) and enriches the work records with what the HCM knows:
 * the consultant's NetSuite employee id and cost center.
 */
export async function readPsa(psa: PsaClient, data: DemoDataSet, signal?: AbortSignal): Promise<PsaSnapshot> {
  const unreadable: PsaSnapshot["unreadable"] = [];
  const readFailures: PsaSnapshot["readFailures"] = [];
  const options = signal ? { signal } : {};
  const workforce = new Map(data.workforce.map((w) => [w.kantataUserId, w]));
  /** A read that fails after retries is reported (with what was read before it), not the end of the run. */
  const guard = async (what: string, read: () => Promise<void>) => {
    try {
      await read();
    } catch (error) {
      if (signal?.aborted) throw error;
      readFailures.push({
        what,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    }
  };
  const collect = async <T>(
    what: string,
    reads: AsyncIterable<PsaRead<T>>,
    keep: (value: T) => boolean = () => true,
  ) => {
    const out: T[] = [];
    await guard(what, async () => {
      for await (const read of reads) {
        if (read.ok) {
          if (keep(read.value)) out.push(read.value);
        } else {
          unreadable.push({ key: read.key, reason: read.error.message });
        }
      }
    });
    return out;
  };
  const clients = await collect("Kantata clients", psa.clients(options));
  const projects = await collect("Kantata projects", psa.projects(options));
  const inPeriod = (date: string) => date >= data.period.from && date <= data.period.to;
  const timeEntries = (
    await collect("Kantata time entries", psa.timeEntries({ datePerformed: data.period, ...options }))
  ).map((e) => enrich(e, workforce));
  const expenses = (await collect("Kantata expenses", psa.expenses(options), (e) => inPeriod(e.date))).map(
    (e) => enrich(e, workforce),
  );
  const inPeriodExpense = new Set(expenses.map((e) => e.source.id));
  const approvedAt = new Map<string, string>();
  await guard("Kantata timesheet submissions", async () => {
    for await (const page of psa.pages("timesheet_submissions", {}, options)) {
      for (const { record } of page.records) {
        if (record.status === "approved") approvedAt.set(record.id, record.updated_at);
      }
    }
  });
  // Expense approval lives on expense report submissions (expenses carry no approval attribute).
  const expenseSubmissions: ExpenseSubmissionCounts = {
    approved: { submissions: 0, expenses: 0 },
    pending: { submissions: 0, expenses: 0 },
    rejected: { submissions: 0, expenses: 0 },
  };
  await guard("Kantata expense report submissions", async () => {
    for await (const page of psa.pages("expense_report_submissions", { all_on_account: true }, options)) {
      for (const { record } of page.records) {
        if (record.status === "cancelled") continue;
        const counts = expenseSubmissions[record.status];
        counts.submissions += 1;
        const ids = Array.isArray(record.expense_ids) ? record.expense_ids : [];
        counts.expenses += ids.filter((id) => inPeriodExpense.has(id)).length;
      }
    }
  });
  return {
    clients,
    projects,
    timeEntries,
    expenses,
    unreadable,
    approvedAt,
    expenseSubmissions,
    readFailures,
  };
}

/**
 * Adds the HCM facts to a time entry or expense: the NetSuite employee id on the resource reference and
 * the cost center as a canonical dimension. Project tasks are not synced to NetSuite in this slice, so
 * the task reference is dropped (the time posts to the project).
 */
export function enrich<T extends TimeEntry | ExpenseLine>(
  record: T,
  workforce: Map<string, WorkforceRecord>,
): T {
  const userId = record.resource.ids?.kantata;
  const worker = userId === undefined ? undefined : workforce.get(userId);
  const { task: _task, ...rest } = record;
  if (!worker) return rest as T;
  const resource: Ref = {
    ...record.resource,
    ids: { ...record.resource.ids, netsuite: worker.netsuiteEmployeeId },
  };
  return {
    ...rest,
    resource,
    dimensions: { ...record.dimensions, costCenter: worker.costCenter },
  } as T;
}
