import { join } from "node:path";
import {
  type BillableExpense,
  type ExpenseLine,
  nextPeriod,
  type Project,
  periodOf,
  rateTimesDuration,
  sumMoney,
  type TimeEntry,
  zeroMoney,
} from "@ledgerline/canonical";
import { createNetSuiteClient } from "@ledgerline/connector-netsuite";
import type { NetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import type { Ledger, RetryOptions } from "@ledgerline/core";
import {
  type BillingPositions,
  type CloseSummary,
  closePeriod,
  type RevenueSummary,
  recognizeRevenue,
  summarizeClose,
  summarizeRevenue,
  writeCloseReport,
} from "@ledgerline/flows";

/** GL accounts of the demo's NetSuite account: codes the flows use → NetSuite `account` ids. */
export const DEMO_ACCOUNTS = {
  codes: { deferredRevenue: "2400", revenue: "4000" },
  netsuite: { "2400": "58", "4000": "54" },
} as const;

/** What the revenue and close steps add to a demo run. */
export interface RevenueAndClose {
  revenue: RevenueSummary;
  close: CloseSummary;
  /** The HTML report written (`.ledgerline/report.html`). */
  report: string;
}

/** Inputs of {@link runRevenueAndClose}: what the run already has. */
export interface RevenueAndCloseOptions {
  netsuiteFake: NetSuiteFake;
  netsuiteUrl: string;
  /** The run's ledger (the same one postings were recorded in). */
  ledger: Ledger;
  /** NetSuite master data of the run (dimension tables …); the GL accounts are added here. */
  masterData: Parameters<typeof createNetSuiteClient>[0]["masterData"];
  retry: RetryOptions;
  projects: readonly Project[];
  /** Ids other systems gave each project (the NetSuite job the SOW created), by project key. */
  projectIds?: ReadonlyMap<string, Readonly<Record<string, string>>>;
  timeEntries: readonly TimeEntry[];
  expenses: readonly ExpenseLine[];
  /** Approval instant per timesheet (Kantata submission id), for entries that carry none themselves. */
  approvedAt?: ReadonlyMap<string, string>;
  /** The demo's period (one month). */
  period: { from: string; to: string };
  /** The state folder: the report goes to `<stateDir>/report.html`. */
  stateDir: string;
  /**
   * Billed and unbilled WIP per project: the billing step's figures. Until the billing step is part of the
   * demo, nothing is billed and every approved billable amount is unbilled WIP (see {@link unbilledOnly}).
   */
  billing?: BillingPositions;
}

/**
 * Placeholder billing figures for a run without the billing step: nothing billed, all approved billable
 * time and expenses to date unbilled (work in progress). The billing step's helper replaces it.
 */
export function unbilledOnly(
  projects: readonly Project[],
  time: readonly TimeEntry[],
  expenses: readonly ExpenseLine[],
  to: string,
): BillingPositions {
  return () =>
    projects.map((project) => {
      const fixedFee = project.billingType.code === "fixed_fee" || project.billingType.code === "milestone";
      const values = [
        ...time
          .filter((t) => !fixedFee && t.project.key === project.key && t.approval.state === "approved")
          .filter((t) => t.billable && t.billRate && t.date <= to)
          .map((t) => rateTimesDuration(t.billRate!, t.minutes, { rounding: "half-even" })),
        ...approvedBillable(expenses)
          .filter(
            (e) => e.project.key === project.key && e.date <= to && e.amount.currency === project.currency,
          )
          .map((e) => e.amount),
      ];
      return {
        project: project.key,
        billed: zeroMoney(project.currency),
        unbilled: sumMoney(values, project.currency),
      };
    });
}

function approvedBillable(expenses: readonly ExpenseLine[]): BillableExpense[] {
  return expenses.filter((e): e is BillableExpense => e.billable && e.approval.state === "approved");
}

/**
 * Revenue, then close, after posting (and billing): recognises revenue per project into the NetSuite fake
 * (journal entries per project and period), closes the demo's period on the same project keys, and writes
 * the HTML report. The fake's accounting periods are seeded here: the demo's month open, the one before it
 * closed.
 */
export async function runRevenueAndClose(options: RevenueAndCloseOptions): Promise<RevenueAndClose> {
  const period = periodOf(options.period.from);
  const previous = previousPeriod(period);
  options.netsuiteFake.seed("accountingPeriod", [
    accountingPeriod("9001", previous, true),
    accountingPeriod("9002", period, false),
    accountingPeriod("9003", nextPeriod(period), false),
  ]);
  const netsuite = createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl: options.netsuiteUrl,
    auth: { type: "none" },
    retry: options.retry,
    timeoutMs: 5_000,
    ledger: options.ledger,
    masterData: { ...options.masterData, accounts: DEMO_ACCOUNTS.netsuite },
  });
  const byProject = <T extends { project: { key: string } }>(items: readonly T[], key: string) =>
    items.filter((i) => i.project.key === key);
  const expenses = approvedBillable(options.expenses);
  // The approval-to-posting latency needs each entry's approval instant: Kantata has it on the timesheet.
  const timeEntries = options.timeEntries.map((entry) => {
    const at = entry.timesheetId === undefined ? undefined : options.approvedAt?.get(entry.timesheetId);
    if (entry.approval.approvedAt !== undefined || at === undefined) return entry;
    return { ...entry, approval: { ...entry.approval, approvedAt: at } };
  });
  const revenue = await recognizeRevenue({
    netsuite,
    ledger: options.ledger,
    asOf: options.period.to,
    accounts: DEMO_ACCOUNTS.codes,
    projects: options.projects.map((project) => ({
      project,
      ids: options.projectIds?.get(project.key),
      time: byProject(timeEntries, project.key),
      expenses: byProject(expenses, project.key),
    })),
  });
  const schedules = new Map(revenue.schedules.map((s) => [s.project.key, s]));
  const close = await closePeriod({
    period,
    ledger: options.ledger,
    billing:
      options.billing ??
      unbilledOnly(options.projects, options.timeEntries, options.expenses, options.period.to),
    projects: options.projects.map((project) => {
      const schedule = schedules.get(project.key);
      return {
        project,
        time: byProject(timeEntries, project.key),
        expenses: byProject(expenses, project.key),
        ...(schedule ? { schedule } : {}),
      };
    }),
  });
  const report = join(options.stateDir, "report.html");
  await writeCloseReport(report, { close, revenue });
  return { revenue: summarizeRevenue(revenue), close: summarizeClose(close), report };
}

function previousPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
}

function accountingPeriod(id: string, period: string, closed: boolean) {
  const [year, month] = period.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const name = new Date(Date.UTC(year, month - 1, 1)).toLocaleString("en-US", {
    month: "short",
    timeZone: "UTC",
  });
  return {
    id,
    periodName: `${name} ${year}`,
    startDate: `${period}-01`,
    endDate: `${period}-${last}`,
    closed,
  };
}
