import {
  type ExpenseLine,
  type InvoiceEvent,
  type InvoiceLine,
  type Project,
  sumMoney,
  type TimeEntry,
} from "@ledgerline/canonical";
import { assignWork, billedAssignments, invoiceKey, RELEASED } from "./billing-ledger.js";
import { addDays, type BillingPeriod } from "./billing-policy.js";
import { BillingRecorder, type BillingReport, describeError } from "./billing-report.js";
import {
  type BillingDeps,
  combined,
  kantataSubject,
  projectRef,
  raiseInvoice,
  writeBack,
} from "./invoice-writer.js";
import type { StepRecordStatus } from "./report.js";
import { type BillableWork, notBillableReason, workOf } from "./work-value.js";

/** Input of {@link billTimeAndMaterials}. */
export interface BillTimeAndMaterialsOptions extends BillingDeps {
  /** The billing period: its invoices are dated its last day. */
  period: BillingPeriod;
  /** The projects; time-and-materials ones are billed. */
  projects: Iterable<Project>;
  /** Time entries read from the PSA (any state: only approved, billable, posted ones are billed). */
  timeEntries: Iterable<TimeEntry> | AsyncIterable<TimeEntry>;
  /** Expenses read from the PSA (any state: only approved, billable, posted ones are billed). */
  expenses?: Iterable<ExpenseLine> | AsyncIterable<ExpenseLine> | undefined;
  /** External references written to the PSA at once (one per billed entry). @default 8 */
  writeBackConcurrency?: number | undefined;
}

/**
 * Bills time and materials: for each time-and-materials project, the approved billable time entries and
 * expenses dated up to the end of `period` that are posted to NetSuite (the ledger holds their time bill /
 * expense report) and on no invoice yet become one invoice per project and period
 * (`inv-tm-<period>-<project key>`), whose `time` / `expCost` lines point at the posted records at their
 * exact billable value (bill rate × minutes / 60, rounded half-even once per entry).
 *
 * Never bills the same work twice, across reruns and crashes: each entry is assigned to its invoice in the
 * ledger (`billed/<entry key>`) before the invoice is sent, an invoice in the ledger is never rewritten, and
 * NetSuite itself bills a time bill on one invoice only. Work approved or posted after its period's invoice
 * was raised stays unbilled (see `unbilledWip`) and goes on the next period's invoice.
 *
 * Every invoice is a record of the report (`written`, `unchanged`, `rejected` when blocked — with a
 * `blocks-billing` exception carrying its amount — or `failed`); its work is listed in `invoices[].work`.
 * Work that is not billable in the period is listed in `skipped` with the reason.
 */
export async function billTimeAndMaterials(options: BillTimeAndMaterialsOptions): Promise<BillingReport> {
  const clock = options.now ?? (() => new Date());
  const recorder = new BillingRecorder("billTimeAndMaterials", clock());
  const projects = new Map([...options.projects].map((p) => [p.key, p]));
  const assigned = await recorder.phase("ledger", () => billedAssignments(options.ledger));
  const issuedCache = new Map<string, boolean>();
  /**
   * Whether an invoice was raised: in the ledger, or — after a crash between NetSuite's answer and the
   * ledger's record — in NetSuite (looked up by external id, then recorded), so its work stays on it.
   */
  const issued = async (invoice: string): Promise<boolean> => {
    const known = issuedCache.get(invoice);
    if (known !== undefined) return known;
    let found = (await options.ledger.get(invoice)) !== undefined;
    if (!found) {
      const [row] = await recorder.phase("netsuite", () =>
        options.netsuite.suiteql.all<{ id: string }>(
          { q: "SELECT id FROM invoice WHERE externalid = ?", params: [invoice] },
          { pageSize: 1 },
        ),
      );
      const id = row?.id;
      if (id !== undefined && id !== null && String(id) !== "") {
        await options.ledger.record({
          key: invoice,
          hash: "recovered-from-netsuite",
          targetId: String(id),
          postedAt: clock().toISOString(),
        });
        found = true;
      }
    }
    issuedCache.set(invoice, found);
    return found;
  };
  const byProject = new Map<string, BillableWork[]>();
  const consider = async (record: TimeEntry | ExpenseLine, type: "TimeEntry" | "ExpenseLine") => {
    const reason =
      notBillableReason(record, projects.get(record.project.key), options.period.end) ??
      ((await options.ledger.get(record.key)) ? undefined : "NOT_POSTED");
    if (reason) {
      recorder.skipped.push({ key: record.key, type, reason });
      return;
    }
    const list = byProject.get(record.project.key) ?? [];
    list.push(workOf(record));
    byProject.set(record.project.key, list);
  };
  for await (const entry of options.timeEntries) await consider(entry, "TimeEntry");
  for await (const expense of options.expenses ?? []) await consider(expense, "ExpenseLine");

  for (const [projectKey, work] of [...byProject].sort(([a], [b]) => a.localeCompare(b))) {
    options.signal?.throwIfAborted();
    const project = projects.get(projectKey);
    if (!project) continue;
    const key = invoiceKey("tm", options.period.id, projectKey);
    try {
      await billProject(options, recorder, project, key, work, assigned, issued);
    } catch (error) {
      options.signal?.throwIfAborted();
      recorder.record({
        key,
        type: "InvoiceEvent",
        status: "failed",
        reason: { code: "FAILED", message: describeError(error) },
      });
    }
  }
  return recorder.report(clock());
}

async function billProject(
  deps: BillTimeAndMaterialsOptions,
  recorder: BillingRecorder,
  project: Project,
  key: string,
  work: readonly BillableWork[],
  assigned: Map<string, string>,
  issued: (invoice: string) => Promise<boolean>,
): Promise<void> {
  const now = deps.now?.() ?? new Date();
  const mine: BillableWork[] = [];
  const free: BillableWork[] = [];
  for (const w of work) {
    const other = assigned.get(w.key);
    if (other === key) mine.push(w);
    else if (other === undefined) free.push(w);
    else if (await issued(other)) recorder.skipped.push({ key: w.key, type: w.type, reason: "INVOICED" });
    else {
      // Assigned to an invoice of an earlier period that was never raised (blocked, or NetSuite does not hold
      // it): released, it is billed now.
      await assignWork(deps.ledger, w.key, RELEASED, now);
      assigned.delete(w.key);
      free.push(w);
    }
  }
  // An issued invoice is final: its work is what was assigned to it; new work waits for the next period.
  const final = await issued(key);
  const lines = final ? mine : [...mine, ...free];
  if (final)
    for (const w of free) recorder.skipped.push({ key: w.key, type: w.type, reason: "AFTER_INVOICE" });
  if (lines.length === 0) return;
  if (!final) {
    // Work assigned to this (unsent) invoice by an interrupted run but no longer billable is released.
    const billable = new Set(lines.map((w) => w.key));
    for (const [workKey, invoice] of [...assigned]) {
      if (invoice === key && !billable.has(workKey)) {
        await assignWork(deps.ledger, workKey, RELEASED, now);
        assigned.delete(workKey);
      }
    }
    // Assigned before the invoice is sent: a crash after the send leaves the work on this invoice.
    for (const w of free) {
      await assignWork(deps.ledger, w.key, key, now);
      assigned.set(w.key, key);
    }
  }
  const currency = project.currency;
  const sorted = [...lines].sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
  const invoiceLines: InvoiceLine[] = sorted.map((w) => ({
    kind: w.type === "TimeEntry" ? "time" : "expense",
    description: `${w.type === "TimeEntry" ? "Time" : "Expense"} ${w.date}`,
    amount: w.value,
    sourceKeys: [w.key],
  }));
  const policy = deps.policy ?? {};
  const taxCode = policy.taxCodeFor?.(project);
  const date = deps.period.end;
  const event: InvoiceEvent = {
    key,
    source: {
      system: "ledgerline",
      type: "tm_invoice",
      id: `${deps.period.id}/${project.key}`,
      version: deps.period.id,
      updatedAt: now.toISOString(),
    },
    kind: "time_and_materials",
    status: "ready",
    client: project.client,
    project: projectRef(deps, project),
    ...(project.engagement ? { engagement: project.engagement } : {}),
    date,
    ...(policy.paymentTermsDays === undefined ? {} : { dueDate: addDays(date, policy.paymentTermsDays) }),
    amount: sumMoney(
      invoiceLines.map((l) => l.amount),
      currency,
    ),
    ...(taxCode === undefined ? {} : { taxCode }),
    lines: invoiceLines,
    ...(project.dimensions ? { dimensions: project.dimensions } : {}),
    memo: `${project.name}: time and materials ${deps.period.id}`,
  };
  const outcome = await raiseInvoice(deps, recorder, event);
  let status: StepRecordStatus = outcome.status;
  let error = outcome.error;
  if (outcome.netsuiteId) {
    try {
      const netsuiteId = outcome.netsuiteId;
      const backs = await pool(sorted, deps.writeBackConcurrency ?? 8, (w) =>
        writeBack(deps, recorder, kantataSubject(w.key, w.record.source), netsuiteId),
      );
      for (const back of backs) status = combined(status, back);
    } catch (e) {
      deps.signal?.throwIfAborted();
      status = "failed";
      error = `the invoice id could not be written back to the PSA: ${describeError(e)}`;
    }
  }
  recorder.invoices.push({
    key,
    kind: "time_and_materials",
    project: project.key,
    period: deps.period.id,
    date,
    amount: event.amount,
    status,
    ...(outcome.netsuiteId ? { netsuiteId: outcome.netsuiteId } : {}),
    work: invoiceLines.flatMap((l) => l.sourceKeys ?? []),
  });
  recorder.record({
    key,
    type: "InvoiceEvent",
    status,
    ...(outcome.netsuiteId ? { targets: { netsuite: outcome.netsuiteId } } : {}),
    ...(outcome.block
      ? { reason: { code: outcome.block.code, field: outcome.block.field, message: outcome.block.message } }
      : error
        ? { reason: { code: "FAILED", message: error } }
        : {}),
  });
}

/** Runs `fn` over `items`, `concurrency` at a time; results in input order; the first error rejects. */
async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}
