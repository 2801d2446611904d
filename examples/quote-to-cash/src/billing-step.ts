import type {
  ExpenseLine,
  IntegrationException,
  Milestone,
  Money,
  Project,
  TimeEntry,
} from "@ledgerline/canonical";
import type { NetSuiteClient } from "@ledgerline/connector-netsuite";
import type { PsaClient } from "@ledgerline/connector-psa";
import type { Ledger } from "@ledgerline/core";
import {
  type BillingReport,
  billedTotals,
  billMilestones,
  billTimeAndMaterials,
  type ProjectBilled,
  type ProjectWip,
  unbilledWip,
} from "@ledgerline/flows";
import { billingScenario, demoEngagements, engagementKeyOf } from "./billing-seed.js";
import type { DemoDataSet } from "./seed.js";

/** The `invoices` section of the demo's summary (and of `--json`). Money is exact: decimal strings. */
export interface InvoicesSummary {
  /** The billing period. */
  period: string;
  /** Per step: records by outcome (every completed milestone / every T&M invoice). */
  steps: Array<{
    step: string;
    received: number;
    written: number;
    unchanged: number;
    rejected: number;
    failed: number;
  }>;
  /** Every invoice: external id, kind, project, period, date, amount, status, NetSuite id, lines billed. */
  invoices: Array<{
    key: string;
    kind: string;
    project: string;
    period: string;
    date: string;
    amount: Money;
    status: string;
    netsuiteId?: string;
    lines: number;
  }>;
  /** Blocked invoices and other billing exceptions, with their amounts. */
  exceptions: Array<{
    code: string;
    impact: string;
    record: string;
    project?: string;
    field?: string;
    amount?: Money;
  }>;
  /** Raised invoices per project and period (milestone fees, T&M, total). */
  billed: ProjectBilled[];
  /** T&M work of the period per project: approved billable = billed + unbilled (posted WIP + not posted). */
  wip: Array<Omit<ProjectWip, "unbilledKeys"> & { unbilledEntries: number }>;
  /** Milestones and work the steps left alone, by reason. */
  skipped: Record<string, number>;
  /** Kantata milestones that could not be read as canonical. */
  unreadableMilestones: number;
}

/** What the flow hands the billing step. */
export interface BillingInput {
  data: DemoDataSet;
  netsuite: NetSuiteClient;
  psa: PsaClient;
  /** The ledger the NetSuite client posts through. */
  ledger: Ledger;
  projects: readonly Project[];
  /** Ids other systems gave each project (the NetSuite job the SOW created), by project key. */
  projectIds?: ReadonlyMap<string, Readonly<Record<string, string>>>;
  timeEntries: readonly TimeEntry[];
  expenses: readonly ExpenseLine[];
  signal?: AbortSignal | undefined;
}

/** The billing step's result: the summary section and the exceptions it raised. */
export interface BillingOutcome {
  summary: InvoicesSummary;
  exceptions: IntegrationException[];
  reports: BillingReport[];
}

/**
 * Billing, after time and expenses are posted: completed Kantata milestones of the fixed-fee projects are
 * invoiced for their SOW fee, the month's approved billable posted time and expenses of the
 * time-and-materials projects are invoiced per project, and every invoice id goes back to Kantata. The
 * planted cases show: a client on credit hold (its invoices blocked, with their amounts) and a milestone
 * completed after the previous month's close (invoiced in the open month, flagged for the close).
 */
export async function runBilling(input: BillingInput): Promise<BillingOutcome> {
  const { data, netsuite, psa, ledger, signal } = input;
  const scenario = billingScenario(data);
  const projects = input.projects.map((p) => ({ ...p, engagement: { key: engagementKeyOf(p) } }));
  const milestones: Milestone[] = [];
  let unreadableMilestones = 0;
  for await (const read of psa.milestones({
    completedOn: (story) => scenario.completedOn.get(story.id) ?? story.updated_at.slice(0, 10),
    ...(signal ? { signal } : {}),
  })) {
    if (read.ok) milestones.push(read.value);
    else unreadableMilestones++;
  }
  const deps = { netsuite, psa, ledger, policy: scenario.policy, signal, projectIds: input.projectIds };
  const fees = await billMilestones({
    ...deps,
    milestones,
    projects,
    engagements: demoEngagements(projects, scenario),
  });
  const tm = await billTimeAndMaterials({
    ...deps,
    period: scenario.period,
    projects,
    timeEntries: input.timeEntries,
    expenses: input.expenses,
  });
  const wip = await unbilledWip({
    ledger,
    period: scenario.period,
    projects,
    timeEntries: input.timeEntries,
    expenses: input.expenses,
  });
  const reports = [fees, tm];
  const skipped: Record<string, number> = {};
  for (const s of reports.flatMap((r) => r.skipped)) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
  const exceptions = reports.flatMap((r) => r.exceptions);
  return {
    reports,
    exceptions,
    summary: {
      period: scenario.period.id,
      steps: reports.map(({ step, received, written, unchanged, rejected, failed, timings }) => ({
        step,
        received,
        written,
        unchanged,
        rejected,
        failed,
        durationMs: Math.round(timings.durationMs),
      })),
      invoices: reports
        .flatMap((r) => r.invoices)
        .map((i) => ({
          key: i.key,
          kind: i.kind,
          project: i.project,
          period: i.period,
          date: i.date,
          amount: i.amount,
          status: i.status,
          ...(i.netsuiteId ? { netsuiteId: i.netsuiteId } : {}),
          lines: i.kind === "milestone" ? 1 : i.work.length,
        })),
      exceptions: exceptions.map((e) => ({
        code: e.code,
        impact: e.impact,
        record: e.record.key,
        ...(e.record.project ? { project: e.record.project } : {}),
        ...(e.field ? { field: e.field } : {}),
        ...(e.amount ? { amount: e.amount } : {}),
      })),
      billed: billedTotals(reports.flatMap((r) => r.invoices)),
      wip: wip.map(({ unbilledKeys, ...rest }) => ({ ...rest, unbilledEntries: unbilledKeys.length })),
      skipped,
      unreadableMilestones,
    },
  };
}

/** The billing lines of the text report: invoices by outcome, blocked amounts, unbilled WIP. */
export function renderInvoices(section: InvoicesSummary): string[] {
  const lines = [`Billing (${section.period})`];
  for (const s of section.steps) {
    lines.push(
      `  ${s.step}: ${s.received} invoices — ${s.written} written, ${s.unchanged} unchanged,` +
        ` ${s.rejected} blocked, ${s.failed} failed`,
    );
  }
  for (const e of section.exceptions) {
    const amount = e.amount ? ` ${e.amount.amount} ${e.amount.currency}` : "";
    lines.push(`  ${e.impact}: ${e.code} on ${e.record}${amount}`);
  }
  for (const w of section.wip) {
    lines.push(
      `  ${w.project}: approved billable ${w.approvedBillable.amount} = billed ${w.billed.amount}` +
        ` + unbilled ${w.unbilled.amount} (posted ${w.unbilledPosted.amount}, not posted ${w.notPosted.amount}) ${w.approvedBillable.currency}`,
    );
  }
  return lines;
}
