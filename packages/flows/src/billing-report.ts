import type { IntegrationException, Money } from "@ledgerline/canonical";
import type { StepRecordOutcome, StepRecordStatus, StepReport } from "./report.js";

/** One invoice a billing step raised (or found raised, or could not raise). */
export interface BilledInvoice {
  /** External id of the invoice in NetSuite (= the invoice event's canonical key). */
  key: string;
  kind: "milestone" | "time_and_materials";
  /** Canonical key of the project. */
  project: string;
  /** Billing period (`YYYY-MM`) of the invoice date. */
  period: string;
  /** Invoice date, `YYYY-MM-DD`. */
  date: string;
  /** Exact total. */
  amount: Money;
  /** What became of it in this run. */
  status: StepRecordStatus;
  /** NetSuite internal id, once it exists. */
  netsuiteId?: string;
  /** Canonical key of the milestone it bills (milestone invoices). */
  milestone?: string;
  /** Canonical keys of the time entries and expenses on it (time-and-materials invoices). */
  work: string[];
}

/** Work (a time entry, an expense, a milestone) a billing step left alone, and why. */
export interface SkippedWork {
  key: string;
  type: string;
  /** `NOT_COMPLETED`, `NOT_BILLABLE`, `NOT_APPROVED`, `NOT_POSTED`, `AFTER_PERIOD`, `NOT_TIME_AND_MATERIALS` … */
  reason: string;
}

/** What `billMilestones` and `billTimeAndMaterials` return: a {@link StepReport} plus the invoices. */
export interface BillingReport extends StepReport {
  /** Every invoice the step dealt with, written, unchanged, blocked (rejected) or failed. */
  invoices: BilledInvoice[];
  /** Input the step did not bill, with the reason (it is not an invoice's record). */
  skipped: SkippedWork[];
}

/** Builds a {@link BillingReport} as records complete. */
export class BillingRecorder {
  readonly #step: string;
  readonly #started: Date;
  readonly #startMs = performance.now();
  readonly records: StepRecordOutcome[] = [];
  readonly exceptions: IntegrationException[] = [];
  readonly invoices: BilledInvoice[] = [];
  readonly skipped: SkippedWork[] = [];
  readonly phases: Record<string, number> = {};

  constructor(step: string, now: Date) {
    this.#step = step;
    this.#started = now;
  }

  /** Runs `fn` and adds its duration to `phase`. */
  async phase<T>(phase: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.phases[phase] = (this.phases[phase] ?? 0) + (performance.now() - start);
    }
  }

  record(outcome: StepRecordOutcome): void {
    this.records.push(outcome);
  }

  report(finished: Date): BillingReport {
    const count = (status: StepRecordStatus) => this.records.filter((r) => r.status === status).length;
    return {
      step: this.#step,
      received: this.records.length,
      written: count("written"),
      unchanged: count("unchanged"),
      rejected: count("rejected"),
      failed: count("failed"),
      records: this.records,
      exceptions: this.exceptions,
      invoices: this.invoices,
      skipped: this.skipped,
      timings: {
        startedAt: this.#started.toISOString(),
        finishedAt: finished.toISOString(),
        durationMs: performance.now() - this.#startMs,
        phases: this.phases,
      },
    };
  }
}

/** A message for a report or an exception, never carrying a value: the error's name and message. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return "unknown error";
}
