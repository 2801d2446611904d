import {
  type BillableExpense,
  type CloseComputation,
  type CloseTolerances,
  type CurrencyCode,
  computeClose,
  exceptionAging,
  fromMinorUnits,
  type LatencyFigures,
  latencyFigures,
  type Milestone,
  type Money,
  type Project,
  periodEnd,
  type RevenueSchedule,
  rateTimesDuration,
  type SuccessRate,
  successRate,
  sumMoney,
  type TimeEntry,
  toMinorUnits,
} from "@ledgerline/canonical";
import type { Ledger } from "@ledgerline/core";
import type { BillingPositions } from "./billing-positions.js";
import { type AgedException, ExceptionStore } from "./exception-store.js";
import { LedgerJsonStore } from "./ledger-store.js";
import type { StepRecordOutcome, StepReport } from "./report.js";

/**
 * One project's PSA side of the close. What is billable: on a time-and-materials project the approved
 * billable time (bill rate × minutes) and expenses; on a fixed-fee or milestone project the completed
 * billable milestones and the expenses.
 */
export interface CloseProject {
  project: Project;
  /** The project's time entries from the PSA (any state; approved ones count). */
  time?: readonly TimeEntry[] | undefined;
  /** The project's approved billable expenses from the PSA. */
  expenses?: readonly BillableExpense[] | undefined;
  /**
   * The project's milestones: on a fixed-fee or milestone project, what is billable is the amount of the
   * billable milestones completed (or accepted) by the period's end, not the time.
   */
  milestones?: readonly Milestone[] | undefined;
  /** Its revenue schedule (from `recognizeRevenue`), for the accrued figure. */
  schedule?: RevenueSchedule | undefined;
}

/** Rate into a subsidiary's currency. */
export interface SubsidiaryRate {
  /** The subsidiary's (books') currency. */
  currency: CurrencyCode;
  /** Units of the subsidiary currency per unit of the project's currency, as a decimal string. */
  rate: string;
}

/** Options of {@link closePeriod}. */
export interface ClosePeriodOptions {
  /** The period closed, `YYYY-MM`: figures are to date, through its last day. */
  period: string;
  /**
   * The run's ledger: posted time (entries by the time entry's key, as the NetSuite connector records them),
   * the revenue entries `recognizeRevenue` kept (`rev/`), and the exceptions kept across runs (`exc/`).
   */
  ledger: Ledger;
  projects: Iterable<CloseProject> | AsyncIterable<CloseProject>;
  /** Billed and unbilled WIP per project (the billing step's figures). */
  billing: BillingPositions;
  /** Tolerances finance sets per measure. @default zero tolerance */
  tolerances?: CloseTolerances;
  /** Subsidiary currency and rate of a project. @default the project's own currency at 1 */
  subsidiaryRate?: (project: Project) => SubsidiaryRate | undefined;
  /** Clock: exception ages and the SLA are measured at this time. @default () => new Date() */
  now?: () => Date;
}

/** SLA figures of the chain, from the ledger. */
export interface CloseSla {
  /** Approval → posting latency of approved time posted to date, in minutes. */
  approvalToPosting: LatencyFigures;
  /** Approved time entries posted / approved to date. */
  postingSuccess: SuccessRate;
  /** Open exceptions (every scope) by age. */
  exceptionAging: Array<{ label: string; count: number }>;
}

/** What {@link closePeriod} returns: the close per project and in total, exceptions with their age, SLA. */
export interface CloseReport extends StepReport, Omit<CloseComputation, "exceptions"> {
  step: "closePeriod";
  /** The close's exceptions, each with its first-seen time (kept across runs) and age. */
  exceptions: AgedException[];
  /** Every open exception the ledger holds (all steps), with its age. */
  openExceptions: AgedException[];
  sla: CloseSla;
}

const APPROVED = "approved";

/**
 * Closes a period: per project and in total, on the same project keys — approved time in the PSA vs time
 * posted (the ledger), billed and unbilled WIP (from `billing`), revenue accrued (the schedule) vs
 * recognised (the revenue entries), and the deferred balance, in the project's and the subsidiary's
 * currency with the rate used. What is beyond the finance tolerances is an exception; exceptions are kept
 * in the ledger across runs, so each has its first-seen time and age, and one that clears is resolved. An
 * unposted-time exception is first seen when its oldest waiting entry was approved.
 * SLA figures come from the ledger too: approval-to-posting latency (p50 / p95), posting success rate and
 * open exceptions by age.
 */
export async function closePeriod(options: ClosePeriodOptions): Promise<CloseReport> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const t0 = performance.now();
  const end = periodEnd(options.period);
  const revenueStore = new LedgerJsonStore<{ project: string; period: string; amount: Money }>(
    options.ledger,
    "rev",
    now,
  );
  const recognized = new Map<string, bigint>();
  for await (const [, value] of revenueStore.entries()) {
    if (value.period > options.period) continue;
    recognized.set(value.project, (recognized.get(value.project) ?? 0n) + toMinorUnits(value.amount));
  }
  const positions = new Map<string, { billed: Money; unbilled: Money }>();
  for (const position of await options.billing(options.period)) positions.set(position.project, position);

  const latencies: number[] = [];
  let approvedCount = 0;
  let postedCount = 0;
  const inputs = [];
  /** Per project: when its oldest approved, still unposted entry was approved — the age of an hours gap. */
  const waitingSince = new Map<string, number>();
  const records: StepRecordOutcome[] = [];
  for await (const { project, time = [], expenses = [], milestones = [], schedule } of options.projects) {
    const currency = project.currency;
    const fixedFee = project.billingType.code === "fixed_fee" || project.billingType.code === "milestone";
    let approvedMinutes = 0;
    let postedMinutes = 0;
    const billableValues: Money[] = [];
    for (const entry of time) {
      if (entry.approval.state !== APPROVED || entry.date > end) continue;
      approvedMinutes += entry.minutes;
      approvedCount++;
      if (!fixedFee && entry.billable && entry.billRate) {
        billableValues.push(rateTimesDuration(entry.billRate, entry.minutes, { rounding: "half-even" }));
      }
      const posting = await options.ledger.get(entry.key);
      if (!posting) {
        const approvedAt = Date.parse(entry.approval.approvedAt ?? "");
        if (!Number.isNaN(approvedAt)) {
          waitingSince.set(project.key, Math.min(waitingSince.get(project.key) ?? approvedAt, approvedAt));
        }
        continue;
      }
      postedMinutes += entry.minutes;
      postedCount++;
      const approvedAt = entry.approval.approvedAt;
      if (approvedAt) latencies.push((Date.parse(posting.postedAt) - Date.parse(approvedAt)) / 60_000);
    }
    for (const m of milestones) {
      const done = (m.state === "completed" || m.state === "accepted") && m.completedOn !== undefined;
      if (fixedFee && done && m.billable && m.amount && (m.completedOn ?? "") <= end)
        billableValues.push(m.amount);
    }
    for (const expense of expenses) {
      if (expense.date <= end && expense.amount.currency === currency) billableValues.push(expense.amount);
    }
    const accrued = (schedule?.lines ?? [])
      .filter((l) => l.status === "recognized" && l.period <= options.period)
      .map((l) => l.amount);
    const position = positions.get(project.key);
    const rate = options.subsidiaryRate?.(project);
    inputs.push({
      project: project.key,
      name: project.name,
      approvedMinutes,
      postedMinutes,
      approvedBillable: sumMoney(billableValues, currency),
      billed: position?.billed ?? fromMinorUnits(0n, currency),
      unbilled: position?.unbilled ?? fromMinorUnits(0n, currency),
      accrued: sumMoney(accrued, currency),
      recognized: fromMinorUnits(recognized.get(project.key) ?? 0n, currency),
      ...(rate ? { subsidiaryCurrency: rate.currency, rate: rate.rate } : {}),
    });
  }
  const tCollect = performance.now();
  const close = computeClose(options.period, inputs, {
    ...(options.tolerances ? { tolerances: options.tolerances } : {}),
    now: now(),
  });
  for (const p of close.projects) {
    const off = p.checks.filter((c) => c.exception).map((c) => c.measure);
    records.push(
      off.length === 0
        ? { key: p.project, type: "ProjectClose", status: "written" }
        : {
            key: p.project,
            type: "ProjectClose",
            status: "rejected",
            reason: {
              code: "CLOSE_OUT_OF_TOLERANCE",
              field: off.join(","),
              message: "does not tie out within tolerance",
            },
          },
    );
  }
  const store = new ExceptionStore(options.ledger, { now });
  const at = now();
  // Approved time waiting to be posted is as old as its approval, not as this run.
  const seen = close.exceptions.map((e) => {
    const since = e.field === "hours" ? waitingSince.get(e.record.key) : undefined;
    return since !== undefined && since < Date.parse(e.firstSeen)
      ? { ...e, firstSeen: new Date(since).toISOString() }
      : e;
  });
  const exceptions = await store.observe("closePeriod", seen, at);
  const openExceptions = await store.open(undefined, at);
  const finishedAt = now();
  return {
    step: "closePeriod",
    received: records.length,
    written: records.filter((r) => r.status === "written").length,
    unchanged: 0,
    rejected: records.filter((r) => r.status === "rejected").length,
    failed: 0,
    records,
    timings: {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: Math.round(performance.now() - t0),
      phases: { collect: Math.round(tCollect - t0), close: Math.round(performance.now() - tCollect) },
    },
    period: close.period,
    projects: close.projects,
    totals: close.totals,
    exceptions,
    openExceptions,
    sla: {
      approvalToPosting: latencyFigures(latencies),
      postingSuccess: successRate(postedCount, approvedCount),
      exceptionAging: exceptionAging(openExceptions, at),
    },
  };
}
