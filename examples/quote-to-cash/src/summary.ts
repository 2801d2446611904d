import { type BusinessImpact, summarizeExceptions } from "@ledgerline/canonical";
import type { ProjectReconciliationRow, ReconciliationCounts, StepReport } from "@ledgerline/flows";
import type { ChainResult } from "./flow.js";
import type { DemoDataSet } from "./seed.js";

export type { ReconciliationCounts } from "@ledgerline/flows";

import type { CloseSummary, RevenueSummary } from "@ledgerline/flows";
import type { InvoicesSummary } from "./billing-step.js";

/**
 * The outcome of one demo run: what the chain produced, what the report renders and what `--json` prints.
 * Plain data (JSON-serialisable): money as decimal strings with their currency, durations in minutes.
 */

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

/**
 * The report section an exception group is shown in: canonical's business impact, with work awaiting
 * approval shown apart (it posts on a later run by itself once approved).
 */
export type Impact = BusinessImpact | "awaiting-approval";

/**
 * A group of records that did not post (or posted with a caveat) for the same business reason: one of
 * canonical `summarizeExceptions`' groups, as the demo shows it.
 */
export interface ExceptionGroup {
  /** Canonical reason or exception code, e.g. `APPROVAL_REQUIRED`, `UNMAPPED_COST_CENTER`. */
  code: string;
  impact: Impact;
  /** One readable line naming the cause: canonical's headline with its subject and totals. */
  message: string;
  /** The record kind, e.g. `time entries`. */
  kind: string;
  /** What the group concerns, e.g. `cost center CC-450 (Data & AI Lab)`. */
  subject?: string;
  records: number;
  /** Minutes of time concerned (time entries only). */
  minutes?: number;
  /** Money concerned (expenses). */
  amounts?: Amount[];
  /** True when the records are in the rejected bucket (false for caveats on posted records). */
  rejected: boolean;
}

/** PSA approved vs NetSuite posted, for one project and one kind of record (from `reconcileDelivery`). */
export type ProjectReconciliation = ProjectReconciliationRow;

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
  /** Issue 14: the start of the chain (workforce, SOWs), run before the posting phases; not in their totals. */
  startOfChain?: PhaseSummary[];
  /** Wall-clock time of the steps around the posting phases. */
  timings: { startMs: number; readMs: number; reconcileMs: number };
  /** Billing (billing-step.ts): invoices raised, blocked, billed totals and unbilled WIP. Absent when not run. */
  invoices?: InvoicesSummary;
  /** Revenue journal entries per project and period (see close-step.ts). */
  revenue?: RevenueSummary;
  /** The period close per project and in total, exceptions with their age, SLA figures. */
  close?: CloseSummary;
  /** Where the HTML report was written (`.ledgerline/report.html`). */
  report?: string;
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

/** The report's name of each record type the chain handles (phases and exception kinds). */
const KIND_OF_TYPE: Readonly<Record<string, string>> = {
  Client: "customers",
  Project: "projects",
  TimeEntry: "time entries",
  ExpenseLine: "expenses",
};
const kindOf = (type: string) => KIND_OF_TYPE[type] ?? type;

/** Inputs of {@link summarizeRun}. */
export interface RunFacts {
  data: DemoDataSet;
  chain: ChainResult;
  faults: number;
  targetDuplicates: number;
  traffic: DemoSummary["traffic"];
  stateDir: string;
  resumed: boolean;
  stateNotes: string[];
  approvedInKantata?: ApprovedInKantata;
  /** The start of the chain (workforce, SOWs), run before the posting phases; not in their totals. */
  startOfChain?: PhaseSummary[];
  invoices?: InvoicesSummary;
  revenue?: RevenueSummary;
  close?: CloseSummary;
  report?: string;
  startMs: number;
  durationMs: number;
}

/** The run's summary, as the report and `--json` show it, from the steps' reports and the reconciliation. */
export function summarizeRun(facts: RunFacts): DemoSummary {
  const { chain } = facts;
  const phases = chain.steps.flatMap(phasesOf);
  const rejected = new Set(
    chain.steps.flatMap((s) => s.records.filter((r) => r.status === "rejected").map((r) => r.key)),
  );
  const exceptions = summarizeExceptions(chain.steps.flatMap((s) => s.exceptions)).groups.map(
    (g): ExceptionGroup => ({
      code: g.code,
      impact: g.code === "APPROVAL_REQUIRED" ? "awaiting-approval" : g.impact,
      message: g.headline,
      kind: kindOf(g.recordType),
      ...(g.subject === undefined ? {} : { subject: g.subject }),
      records: g.count,
      ...(g.minutes === undefined ? {} : { minutes: g.minutes }),
      ...(g.amounts === undefined ? {} : { amounts: g.amounts }),
      rejected: g.records.every((key) => rejected.has(key)),
    }),
  );
  const failures: FailureSample[] = chain.steps
    .flatMap((s) => s.records.filter((r) => r.status === "failed"))
    .slice(0, 10)
    .map((r) => ({ phase: kindOf(r.type), record: r.key, error: r.reason?.message ?? "unknown error" }));
  const { time, expenses } = chain.reconciliation;
  return {
    seed: facts.data.seed,
    period: facts.data.period,
    faults: facts.faults,
    input: phases.reduce((n, p) => n + p.input, 0),
    buckets: phases.reduce((sum, p) => addBuckets(sum, p.buckets), NO_BUCKETS),
    phases,
    exceptions,
    targetDuplicates: facts.targetDuplicates,
    reconciliation: {
      matched: time.totals.matched + expenses.totals.matched,
      missingInTarget: time.totals.missingInTarget + expenses.totals.missingInTarget,
      missingInSource: time.totals.missingInSource + expenses.totals.missingInSource,
      mismatched: time.totals.mismatched + expenses.totals.mismatched,
    },
    reconciliationByKind: { time: time.totals, expenses: expenses.totals },
    projects: [...time.projects, ...expenses.projects],
    failures,
    traffic: facts.traffic,
    stateDir: facts.stateDir,
    resumed: facts.resumed,
    expenseSubmissions: chain.snapshot.expenseSubmissions,
    stateNotes: facts.stateNotes,
    readFailures: [...chain.steps.flatMap((s) => s.readFailures ?? []), ...chain.reconciliation.readFailures],
    ...(facts.approvedInKantata ? { approvedInKantata: facts.approvedInKantata } : {}),
    ...(facts.startOfChain ? { startOfChain: facts.startOfChain } : {}),
    ...(facts.invoices ? { invoices: facts.invoices } : {}),
    ...(facts.revenue ? { revenue: facts.revenue } : {}),
    ...(facts.close ? { close: facts.close } : {}),
    ...(facts.report ? { report: facts.report } : {}),
    timings: { startMs: facts.startMs, readMs: chain.readMs, reconcileMs: chain.reconcileMs },
    durationMs: facts.durationMs,
  };
}

/** A step's records per kind, in the order the step ran them, as the report's phases. */
function phasesOf(step: StepReport): PhaseSummary[] {
  const byKind = new Map<string, PhaseSummary>();
  for (const name of Object.keys(step.timings.phases)) {
    if (name === "read") continue;
    byKind.set(name, {
      name,
      input: 0,
      buckets: { ...NO_BUCKETS },
      durationMs: step.timings.phases[name] ?? 0,
    });
  }
  for (const record of step.records) {
    const name = kindOf(record.type);
    let phase = byKind.get(name);
    if (!phase) {
      phase = { name, input: 0, buckets: { ...NO_BUCKETS }, durationMs: 0 };
      byKind.set(name, phase);
    }
    phase.input++;
    phase.buckets[record.status]++;
  }
  return [...byKind.values()];
}
