import type { CloseReport } from "./close-period.js";
import type { RevenueReport } from "./recognize-revenue.js";

/** One project's close as plain JSON: amounts as exact decimal strings with their currency. */
export interface ProjectCloseSummary {
  project: string;
  name?: string;
  approvedMinutes: number;
  postedMinutes: number;
  unpostedMinutes: number;
  currency: string;
  billed: string;
  unbilled: string;
  accrued: string;
  recognized: string;
  deferred: string;
  /** Units of `subsidiaryCurrency` per unit of `currency`. */
  rate: string;
  subsidiaryCurrency: string;
  subsidiary: { billed: string; unbilled: string; accrued: string; recognized: string; deferred: string };
  tiesOut: boolean;
  /** Measures beyond tolerance. */
  outOfTolerance: string[];
}

/** The `close` section of a run summary (e.g. the demo's `--json`). */
export interface CloseSummary {
  period: string;
  projects: ProjectCloseSummary[];
  totals: Array<{
    currency: string;
    projects: number;
    approvedMinutes: number;
    postedMinutes: number;
    billed: string;
    unbilled: string;
    accrued: string;
    recognized: string;
    deferred: string;
    exceptions: number;
  }>;
  /** Open exceptions (every step) with their age. */
  exceptions: Array<{
    code: string;
    impact: string;
    project?: string;
    message: string;
    firstSeen: string;
    ageDays: number;
  }>;
  sla: {
    latencyP50Minutes: number | null;
    latencyP95Minutes: number | null;
    latencyHistogram: Array<{ label: string; count: number }>;
    postingSuccessRate: string;
    postedEntries: number;
    approvedEntries: number;
    exceptionAging: Array<{ label: string; count: number }>;
  };
}

/** The `revenue` section of a run summary. */
export interface RevenueSummary {
  openPeriod: string;
  counts: { received: number; written: number; unchanged: number; rejected: number; failed: number };
  entries: Array<{
    project: string;
    period: string;
    journalKey: string;
    amount: string;
    adjustment: string;
    currency: string;
    status: string;
  }>;
}

/** A {@link CloseReport} as the plain JSON a run summary prints (the figures the HTML report shows). */
export function summarizeClose(close: CloseReport): CloseSummary {
  return {
    period: close.period,
    projects: close.projects.map((p) => ({
      project: p.project,
      ...(p.name === undefined ? {} : { name: p.name }),
      approvedMinutes: p.approvedMinutes,
      postedMinutes: p.postedMinutes,
      unpostedMinutes: p.unpostedMinutes,
      currency: p.transaction.billed.currency,
      billed: p.transaction.billed.amount,
      unbilled: p.transaction.unbilled.amount,
      accrued: p.transaction.accrued.amount,
      recognized: p.transaction.recognized.amount,
      deferred: p.transaction.deferred.amount,
      rate: p.rate,
      subsidiaryCurrency: p.subsidiary.billed.currency,
      subsidiary: {
        billed: p.subsidiary.billed.amount,
        unbilled: p.subsidiary.unbilled.amount,
        accrued: p.subsidiary.accrued.amount,
        recognized: p.subsidiary.recognized.amount,
        deferred: p.subsidiary.deferred.amount,
      },
      tiesOut: p.tiesOut,
      outOfTolerance: p.checks.filter((c) => c.exception).map((c) => c.measure),
    })),
    totals: close.totals.map((t) => ({
      currency: t.currency,
      projects: t.projects,
      approvedMinutes: t.approvedMinutes,
      postedMinutes: t.postedMinutes,
      billed: t.amounts.billed.amount,
      unbilled: t.amounts.unbilled.amount,
      accrued: t.amounts.accrued.amount,
      recognized: t.amounts.recognized.amount,
      deferred: t.amounts.deferred.amount,
      exceptions: t.exceptions,
    })),
    exceptions: close.openExceptions.map((e) => ({
      code: e.code,
      impact: e.impact,
      ...(e.record.project === undefined ? {} : { project: e.record.project }),
      message: e.message,
      firstSeen: e.firstSeen,
      ageDays: e.ageDays,
    })),
    sla: {
      latencyP50Minutes: close.sla.approvalToPosting.p50 ?? null,
      latencyP95Minutes: close.sla.approvalToPosting.p95 ?? null,
      latencyHistogram: close.sla.approvalToPosting.histogram,
      postingSuccessRate: close.sla.postingSuccess.rate,
      postedEntries: close.sla.postingSuccess.succeeded,
      approvedEntries: close.sla.postingSuccess.attempted,
      exceptionAging: close.sla.exceptionAging,
    },
  };
}

/** A {@link RevenueReport} as the plain JSON a run summary prints. */
export function summarizeRevenue(revenue: RevenueReport): RevenueSummary {
  return {
    openPeriod: revenue.openPeriod,
    counts: {
      received: revenue.received,
      written: revenue.written,
      unchanged: revenue.unchanged,
      rejected: revenue.rejected,
      failed: revenue.failed,
    },
    entries: revenue.entries.map((e) => ({
      project: e.project,
      period: e.period,
      journalKey: e.journalKey,
      amount: e.amount.amount,
      adjustment: e.adjustment.amount,
      currency: e.amount.currency,
      status: e.status,
    })),
  };
}
