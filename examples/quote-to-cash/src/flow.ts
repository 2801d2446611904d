import { join } from "node:path";
import type { BillableExpense } from "@ledgerline/canonical";
import {
  createNetSuiteClient,
  type NetSuiteClient,
  type NetSuiteRecordResult,
  type PostReport,
} from "@ledgerline/connector-netsuite";
import { createPsaClient } from "@ledgerline/connector-psa";
import { type BatchProgress, FileLedger, type RetryOptions } from "@ledgerline/core";
import { ExceptionCollector } from "./exceptions.js";
import { type DemoFakes, startFakes } from "./fakes.js";
import { editedAfterApproval, exceptionOf, postingContext } from "./policy.js";
import type { ProgressBar } from "./progress.js";
import { readPsa } from "./read.js";
import { reconcileExpenses, reconcileTime } from "./reconciliation.js";
import { DEMO_SIZE, generateDataSet, type SeedSize } from "./seed.js";
import { finishState, prepareState, type StatePaths } from "./state.js";
import {
  addBuckets,
  type DemoSummary,
  type FailureSample,
  NO_BUCKETS,
  type PhaseSummary,
  type ReconciliationCounts,
} from "./summary.js";

/** Options of {@link runQuoteToCash}. */
export interface FlowOptions {
  seed: number;
  /** Data volume. @default DEMO_SIZE */
  size?: SeedSize;
  /** Share of requests on which both fakes inject a transient fault. */
  faults: number;
  /** Clear the ledger and the fakes' state first. */
  reset: boolean;
  /** Approve the pending timesheets in the Kantata fake before reading. */
  approve?: boolean;
  paths: StatePaths;
  /** Progress bar for the batch phases (drawn only on a TTY). */
  progress?: ProgressBar;
  /** Stops the run (Ctrl-C): in-flight records finish, the state is saved. */
  signal?: AbortSignal;
  /** Requests NetSuite accepts at once (the fake's limit and the client's ceiling; a Premium account). @default 15 */
  netsuiteConcurrency?: number;
}

/**
 * Retries tuned for the demo's fakes: short backoff (the fakes answer in microseconds) and enough
 * attempts that a 20 % fault rate never exhausts them (0.2^10 ≈ 1e-7 per request), with a retry budget
 * large enough for the whole run but still there to stop a storm against a dead dependency.
 */
export const DEMO_RETRY: RetryOptions = {
  maxAttempts: 10,
  baseDelayMs: 10,
  maxDelayMs: 200,
  maxRetryAfterMs: 500,
  jitter: 0.5,
  budget: { capacity: 5_000 },
};

/** Expense categories of the demo's NetSuite account (Kantata category text → NetSuite category id). */
export const EXPENSE_CATEGORIES: Readonly<Record<string, string>> = {
  Airfare: "11",
  Lodging: "12",
  Meals: "13",
  "Ground Transportation": "14",
  Mileage: "15",
};

/**
 * The quote-to-cash flow, first slice: start the fakes (restored from `.ledgerline/` on a repeat run),
 * read Kantata, upsert customers and projects into NetSuite, post the period's time and expenses through
 * the durable idempotency ledger behind the approval / project-status / dimension gate, then reconcile
 * PSA approved time against NetSuite time bills per project.
 */
export async function runQuoteToCash(options: FlowOptions): Promise<DemoSummary> {
  const started = performance.now();
  const size = options.size ?? DEMO_SIZE;
  const data = generateDataSet(options.seed, size);
  await prepareState(options.paths, data, options.reset);
  const concurrency = options.netsuiteConcurrency ?? 15;

  const fakes = await startFakes({
    data,
    paths: options.paths,
    faults: options.faults,
    netsuiteConcurrencyLimit: concurrency,
  });
  let ledger: FileLedger | undefined;
  let saved = false;
  try {
    const approved = options.approve ? approvePending(fakes) : undefined;
    ledger = await FileLedger.open(join(options.paths.ledger, "netsuite.journal"));
    const psa = createPsaClient({
      auth: "demo-token",
      baseUrl: fakes.kantataServer.url,
      retry: DEMO_RETRY,
      timeoutMs: 5_000,
      limits: { maxConcurrency: 4 },
    });
    const startMs = performance.now() - started;
    const readStarted = performance.now();
    options.progress?.start("reading Kantata");
    const snapshot = await readPsa(psa, data, options.signal);
    options.progress?.clear();
    const readMs = performance.now() - readStarted;
    const projects = new Map(snapshot.projects.map((p) => [p.key, p]));
    const netsuite = createNetSuiteClient({
      accountId: "123456_SB1",
      baseUrl: fakes.netsuiteServer.url,
      auth: { type: "none" },
      limits: { maxConcurrency: concurrency },
      retry: DEMO_RETRY,
      timeoutMs: 5_000,
      ledger,
      masterData: {
        dimensions: { target: "netsuite", tables: { costCenter: data.costCenterMap } },
        expenseCategories: EXPENSE_CATEGORIES,
      },
      timePolicy: (entry) => postingContext(entry, projects, data),
      expensePolicy: (expense) => postingContext(expense, projects, data),
    });

    const exceptions = new ExceptionCollector();
    const failures: FailureSample[] = [];
    const phases: PhaseSummary[] = [];
    const run = async (
      name: string,
      total: number,
      post: (common: Parameters<NetSuiteClient["postTime"]>[1]) => Promise<PostReport>,
      onResult?: (result: NetSuiteRecordResult) => void,
    ) => {
      options.progress?.start(name, total);
      const report = await post({
        mode: "single",
        concurrency: concurrency * 2,
        collectResults: false,
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (p: BatchProgress) => options.progress?.update(p),
        onResult: (result) => {
          if (result.status === "failed" && failures.length < 10) {
            failures.push({ phase: name, record: result.key, error: result.reason ?? "unknown error" });
          }
          onResult?.(result);
        },
      });
      options.progress?.clear();
      phases.push({
        name,
        input: report.input,
        buckets: {
          written: report.written,
          unchanged: report.unchanged,
          rejected: report.rejected,
          failed: report.failed,
        },
        durationMs: report.durationMs,
      });
      return report;
    };

    const unreadable = snapshot.unreadable;
    await run("customers", snapshot.clients.length, (o) => netsuite.upsertClients(snapshot.clients, o));
    await run("projects", snapshot.projects.length, (o) => netsuite.upsertProjects(snapshot.projects, o));
    const timeByKey = new Map(snapshot.timeEntries.map((e) => [e.key, e]));
    const rejectedKeys = new Set<string>();
    await run(
      "time entries",
      snapshot.timeEntries.length,
      (o) => netsuite.postTime(snapshot.timeEntries, o),
      (result) => {
        const entry = timeByKey.get(result.key);
        if (!entry) return;
        if (result.status === "rejected") {
          rejectedKeys.add(result.key);
          exceptions.add(exceptionOf(result, entry, "time entries", projects, data));
        } else if (result.status !== "failed" && editedAfterApproval(entry, snapshot)) {
          exceptions.add({
            code: "EDITED_AFTER_APPROVAL",
            kind: "time entries",
            minutes: entry.minutes,
            rejected: false,
          });
        }
      },
    );
    const expenseByKey = new Map(snapshot.expenses.map((e) => [e.key, e]));
    await run(
      "expenses",
      snapshot.expenses.length,
      // The approval / billable gate runs first inside postExpenses (expensePolicy), so lines that are not
      // yet approved are rejected there with APPROVAL_REQUIRED and never mapped or sent.
      (o) => netsuite.postExpenses(snapshot.expenses as BillableExpense[], o),
      (result) => {
        const expense = expenseByKey.get(result.key);
        if (expense && result.status === "rejected") {
          rejectedKeys.add(result.key);
          exceptions.add(exceptionOf(result, expense, "expenses", projects, data));
        }
      },
    );
    if (unreadable.length > 0) {
      phases.push({
        name: "unreadable",
        input: unreadable.length,
        buckets: { ...NO_BUCKETS, rejected: unreadable.length },
        durationMs: 0,
      });
      for (const u of unreadable)
        exceptions.add({ code: "OTHER", kind: "records", subject: u.reason, rejected: true });
    }
    await fakes.save();
    saved = true;

    const reconcileStarted = performance.now();
    options.progress?.start("reconciling");
    const common = { netsuite, ledger, data, projects, explained: rejectedKeys, signal: options.signal };
    const time = await reconcileTime({
      ...common,
      source: snapshot.timeEntries.filter((e) => e.approval.state === "approved"),
    });
    const expenses = await reconcileExpenses({
      ...common,
      source: snapshot.expenses.filter((e) => e.approval.state === "approved"),
    });
    options.progress?.clear();
    const reconcileMs = performance.now() - reconcileStarted;

    const buckets = phases.reduce((sum, p) => addBuckets(sum, p.buckets), NO_BUCKETS);
    const counts = requestCounts(fakes);
    return {
      seed: data.seed,
      period: data.period,
      faults: options.faults,
      input: phases.reduce((n, p) => n + p.input, 0),
      buckets,
      phases,
      exceptions: exceptions.groups(),
      targetDuplicates: fakes.netsuite.duplicateExternalIds().length,
      reconciliation: addCounts(time.totals, expenses.totals),
      reconciliationByKind: { time: time.totals, expenses: expenses.totals },
      projects: [...time.projects, ...expenses.projects],
      failures,
      traffic: counts,
      stateDir: options.paths.dir,
      resumed: fakes.resumed,
      ...(approved ? { approvedInKantata: approved } : {}),
      timings: { startMs, readMs, reconcileMs },
      durationMs: performance.now() - started,
    };
  } finally {
    // Whatever happened (Ctrl-C, an error), keep the NetSuite records that match what the ledger recorded.
    if (!saved) await fakes.save();
    await ledger?.close();
    await fakes.close();
    await finishState(options.paths);
  }
}

/** Approves every pending timesheet in the Kantata fake, as the project managers would. */
function approvePending(fakes: DemoFakes): { timesheets: number; timeEntries: number } {
  const kantata = fakes.kantata;
  const pending = kantata.store.all("timesheet_submissions").filter((s) => s.status === "pending");
  const ids = new Set(pending.map((s) => s.id));
  const timeEntries = kantata.store
    .all("time_entries")
    .filter((e) => !e.approved && e.active_submission_id && ids.has(e.active_submission_id)).length;
  for (const submission of pending) kantata.resolveTimesheet(submission.id, "approved");
  return { timesheets: pending.length, timeEntries };
}

function addCounts(a: ReconciliationCounts, b: ReconciliationCounts): ReconciliationCounts {
  return {
    matched: a.matched + b.matched,
    missingInTarget: a.missingInTarget + b.missingInTarget,
    missingInSource: a.missingInSource + b.missingInSource,
    mismatched: a.mismatched + b.mismatched,
  };
}

function requestCounts(fakes: DemoFakes): DemoSummary["traffic"] {
  return [
    { system: "Kantata", api: fakes.kantata.api },
    { system: "NetSuite", api: fakes.netsuite.api },
  ].map(({ system, api }) => ({ system, requests: api.calls(), faults: api.calls() - api.handled() }));
}
