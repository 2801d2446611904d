import {
  addMoney,
  type ExpenseLine,
  type Money,
  type Project,
  type TimeEntry,
  zeroMoney,
} from "@ledgerline/canonical";
import type { Ledger } from "@ledgerline/core";
import { billedAssignments } from "./billing-ledger.js";
import type { BillingPeriod } from "./billing-policy.js";
import type { BilledInvoice } from "./billing-report.js";
import { notBillableReason, workOf } from "./work-value.js";

/** Input of {@link unbilledWip}. */
export interface UnbilledWipOptions {
  /** The ledger billing and posting share. */
  ledger: Ledger;
  /** The period whose work is measured (work dated from `start` to `end`). */
  period: BillingPeriod;
  projects: Iterable<Project>;
  timeEntries: Iterable<TimeEntry> | AsyncIterable<TimeEntry>;
  expenses?: Iterable<ExpenseLine> | AsyncIterable<ExpenseLine> | undefined;
}

/**
 * Billed and unbilled time-and-materials work of one project in one period, in the project currency, exact:
 * `approvedBillable = billed + unbilled` and `unbilled = unbilledPosted + notPosted`, to the minor unit.
 */
export interface ProjectWip {
  /** Canonical key of the project. */
  project: string;
  /** Period id (`YYYY-MM`). */
  period: string;
  /** Value of the approved billable work dated in the period (bill rate × minutes / 60 half-even per entry; expenses at their amount). */
  approvedBillable: Money;
  /** Of which on an invoice that was raised. */
  billed: Money;
  /** Of which on no raised invoice. */
  unbilled: Money;
  /** Unbilled work posted to NetSuite: the ERP's unbilled WIP. */
  unbilledPosted: Money;
  /** Unbilled work not posted yet (approved in the PSA, no time bill / expense report). */
  notPosted: Money;
  /** The same split in minutes of time (expenses have none). */
  minutes: { approvedBillable: number; billed: number; unbilled: number };
  /** Canonical keys of the unbilled work, sorted. */
  unbilledKeys: string[];
}

/**
 * The read helper the period close needs: per time-and-materials project, the approved billable work dated in
 * `period` split into billed (on an invoice raised by `billTimeAndMaterials`, as the ledger records it) and
 * unbilled (posted but not invoiced — unbilled WIP — or not posted yet), in exact money. Reads the ledger and
 * the records given; writes nothing. Projects without billable work in the period are left out.
 */
export async function unbilledWip(options: UnbilledWipOptions): Promise<ProjectWip[]> {
  const projects = new Map([...options.projects].map((p) => [p.key, p]));
  const assigned = await billedAssignments(options.ledger);
  const raised = new Map<string, boolean>();
  const isRaised = async (invoice: string) => {
    let known = raised.get(invoice);
    if (known === undefined) {
      known = (await options.ledger.get(invoice)) !== undefined;
      raised.set(invoice, known);
    }
    return known;
  };
  const out = new Map<string, ProjectWip>();
  const add = async (record: TimeEntry | ExpenseLine) => {
    const { start, end, id } = options.period;
    if (record.date < start || record.date > end) return;
    const project = projects.get(record.project.key);
    if (!project || notBillableReason(record, project, end) !== undefined) return;
    const work = workOf(record);
    const zero = zeroMoney(project.currency);
    const wip = out.get(project.key) ?? {
      project: project.key,
      period: id,
      approvedBillable: zero,
      billed: zero,
      unbilled: zero,
      unbilledPosted: zero,
      notPosted: zero,
      minutes: { approvedBillable: 0, billed: 0, unbilled: 0 },
      unbilledKeys: [],
    };
    wip.approvedBillable = addMoney(wip.approvedBillable, work.value);
    wip.minutes.approvedBillable += work.minutes;
    const invoice = assigned.get(work.key);
    if (invoice !== undefined && (await isRaised(invoice))) {
      wip.billed = addMoney(wip.billed, work.value);
      wip.minutes.billed += work.minutes;
    } else {
      wip.unbilled = addMoney(wip.unbilled, work.value);
      wip.minutes.unbilled += work.minutes;
      wip.unbilledKeys.push(work.key);
      if (await options.ledger.get(work.key)) wip.unbilledPosted = addMoney(wip.unbilledPosted, work.value);
      else wip.notPosted = addMoney(wip.notPosted, work.value);
    }
    out.set(project.key, wip);
  };
  for await (const entry of options.timeEntries) await add(entry);
  for await (const expense of options.expenses ?? []) await add(expense);
  const result = [...out.values()].sort((a, b) => a.project.localeCompare(b.project));
  for (const wip of result) wip.unbilledKeys.sort();
  return result;
}

/** Invoiced amounts of one project in one period, by kind of invoice, exact. */
export interface ProjectBilled {
  project: string;
  period: string;
  /** Fixed fees of milestone invoices. */
  milestones: Money;
  /** Time-and-materials invoices. */
  timeAndMaterials: Money;
  /** Both. */
  total: Money;
  /** External ids of the invoices counted. */
  invoices: string[];
}

/**
 * Billed totals per project and period from the billing steps' reports (`report.invoices` of
 * `billMilestones` and `billTimeAndMaterials`): only invoices that exist (`written` or `unchanged`) count;
 * blocked and failed ones do not. Each invoice counts once even when given twice.
 */
export function billedTotals(invoices: Iterable<BilledInvoice>): ProjectBilled[] {
  const out = new Map<string, ProjectBilled>();
  const seen = new Set<string>();
  for (const invoice of invoices) {
    if (invoice.status !== "written" && invoice.status !== "unchanged") continue;
    if (seen.has(invoice.key)) continue;
    seen.add(invoice.key);
    const id = `${invoice.project}\u0000${invoice.period}`;
    const zero = zeroMoney(invoice.amount.currency);
    const row = out.get(id) ?? {
      project: invoice.project,
      period: invoice.period,
      milestones: zero,
      timeAndMaterials: zero,
      total: zero,
      invoices: [],
    };
    if (invoice.kind === "milestone") row.milestones = addMoney(row.milestones, invoice.amount);
    else row.timeAndMaterials = addMoney(row.timeAndMaterials, invoice.amount);
    row.total = addMoney(row.total, invoice.amount);
    row.invoices.push(invoice.key);
    out.set(id, row);
  }
  return [...out.values()].sort(
    (a, b) => a.project.localeCompare(b.project) || a.period.localeCompare(b.period),
  );
}
