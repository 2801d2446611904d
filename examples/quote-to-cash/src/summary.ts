/**
 * The outcome of one demo run: what the flow produces, what the report renders and what `--json` prints.
 * Plain data (JSON-serialisable): money as decimal strings with their currency, durations in minutes.
 */

import type { InvoicesSummary } from "./billing-step.js";

/** Where each input record ended up. */
export interface Buckets {
  written: number;
  unchanged: number;
  rejected: number;
  failed: number;
}

/** One batch phase of the flow (customers, projects, time entries, expenses). */
export interface PhaseSummary {
  name: string;
  input: number;
  buckets: Buckets;
  durationMs: number;
}

/** An exact amount: decimal string in major units (e.g. "1234.50") and its ISO 4217 currency. */
export interface Amount {
  amount: string;
  currency: string;
}

/** The business impact a group of exceptions has. */
export type Impact = "blocks-cost-posting" | "blocks-billing" | "awaiting-approval" | "data-quality";

/** A group of records that did not post (or posted with a caveat) for the same business reason. */
export interface ExceptionGroup {
  /** Machine-readable reason, e.g. `UNMAPPED_COST_CENTER`. */
  code: string;
  impact: Impact;
  /** One readable line naming the cause, e.g. `532 time entries blocked: unmapped cost center CC-450`. */
  message: string;
  /** The record kind, e.g. `time entries`. */
  kind: string;
  records: number;
  /** Minutes of time concerned (time entries only). */
  minutes?: number;
  /** Money concerned (expenses; or billable value of time). */
  amounts?: Amount[];
  /** True when the records are in the rejected bucket (false for caveats on posted records). */
  rejected: boolean;
}

/** PSA approved vs NetSuite posted, for one project and one kind of record. */
export interface ProjectReconciliation {
  /** `time`: approved time entries vs time bills; `expenses`: approved expenses vs expense report lines. */
  kind: "time" | "expenses";
  /** The project's code and title, e.g. `P-101 Northwind — NetSuite ERP rollout`. */
  project: string;
  /** The project's canonical key. */
  key: string;
  matched: number;
  missingInTarget: number;
  missingInSource: number;
  mismatched: number;
  sourceMinutes: number;
  targetMinutes: number;
  sourceAmounts: Amount[];
  targetAmounts: Amount[];
  /** Of `missingInTarget`, how many are explained by an exception group (closed, unmapped). */
  explained: number;
}

/** Records per reconciliation bucket. */
export interface ReconciliationCounts {
  matched: number;
  missingInTarget: number;
  missingInSource: number;
  mismatched: number;
}

/** A record that ended in the failed bucket (should be none). */
export interface FailureSample {
  phase: string;
  record: string;
  error: string;
}

/** A read that could not be done in full (after retries): what, and the error it ended with. */
export interface ReadFailure {
  /** What could not be read, e.g. `Kantata time entries`, `NetSuite time for the reconciliation`. */
  what: string;
  /** The error's class and message. */
  error: string;
}

/** Everything one run reports. */
export interface DemoSummary {
  seed: number;
  period: { from: string; to: string };
  faults: number;
  /** Records the posting phases took in. `input = written + unchanged + rejected + failed`. */
  input: number;
  buckets: Buckets;
  phases: PhaseSummary[];
  exceptions: ExceptionGroup[];
  /** External ids stored more than once in the NetSuite fake (must be 0). */
  targetDuplicates: number;
  /** PSA approved records vs NetSuite, time and expenses together, counted in records. */
  reconciliation: ReconciliationCounts;
  /** The same counts per kind. */
  reconciliationByKind: { time: ReconciliationCounts; expenses: ReconciliationCounts };
  projects: ProjectReconciliation[];
  failures: FailureSample[];
  /** Requests each fake served and faults it injected, when the fake reports them. */
  traffic: { system: string; requests?: number; faults?: number }[];
  /** Where the ledger and the fakes' state live. */
  stateDir: string;
  /** True when the fakes started from saved state (a repeat run). */
  resumed: boolean;
  /**
   * Kantata's expense report submissions of the period by status (submissions and the expenses in them):
   * approved ones post; pending and rejected ones stay unposted.
   */
  expenseSubmissions?: {
    approved: { submissions: number; expenses: number };
    pending: { submissions: number; expenses: number };
    rejected: { submissions: number; expenses: number };
  };
  /** What was recovered or cleared in the state folder before the run, and why (never silent). */
  stateNotes?: string[];
  /** Reads that could not be done in full; the run reports them instead of stopping. */
  readFailures?: ReadFailure[];
  /** With `--approve`: the pending timesheets (and their time entries) approved in Kantata first. */
  approvedInKantata?: ApprovedInKantata;
  /** Billing (billing-step.ts): invoices raised, blocked, billed totals and unbilled WIP. Absent when not run. */
  invoices?: InvoicesSummary;
  /** Wall-clock time of the steps around the posting phases. */
  timings: { startMs: number; readMs: number; reconcileMs: number };
  durationMs: number;
}

/** Adds bucket counts. */
export function addBuckets(a: Buckets, b: Buckets): Buckets {
  return {
    written: a.written + b.written,
    unchanged: a.unchanged + b.unchanged,
    rejected: a.rejected + b.rejected,
    failed: a.failed + b.failed,
  };
}

/** Zero in every bucket. */
export const NO_BUCKETS: Buckets = Object.freeze({ written: 0, unchanged: 0, rejected: 0, failed: 0 });

/**
 * The `--json` object: the run's counts, exceptions and reconciliation (everything in the summary; the
 * required fields `input`, `buckets`, `targetDuplicates` and `reconciliation` come first).
 */
export function toJsonSummary(summary: DemoSummary): Record<string, unknown> {
  const { input, buckets, targetDuplicates, reconciliation, ...rest } = summary;
  return {
    input,
    buckets,
    targetDuplicates,
    reconciliation,
    ...rest,
    durationMs: Math.round(summary.durationMs),
    timings: {
      startMs: Math.round(summary.timings.startMs),
      readMs: Math.round(summary.timings.readMs),
      reconcileMs: Math.round(summary.timings.reconcileMs),
    },
    phases: summary.phases.map((p) => ({ ...p, durationMs: Math.round(p.durationMs) })),
  };
}

/** What `--approve` approved in the Kantata fake before the run read it. */
export interface ApprovedInKantata {
  timesheets: number;
  timeEntries: number;
  /** Pending expense report submissions approved, and the expenses they list. */
  expenseReports: number;
  expenses: number;
}
