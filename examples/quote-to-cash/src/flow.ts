import { setMaxListeners } from "node:events";
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
// Billing (issue 15): billing-seed.ts plants the cases, billing-step.ts runs the flows' billing steps.
import { DEMO_INVOICE_ITEM, plantBilling } from "./billing-seed.js";
import { runBilling } from "./billing-step.js";
import { ExceptionCollector } from "./exceptions.js";
import { type DemoFakes, startFakes } from "./fakes.js";
import { editedAfterApproval, exceptionOf, postingContext } from "./policy.js";
import type { ProgressBar } from "./progress.js";
import { readPsa } from "./read.js";
import { type KindReconciliation, reconcileExpenses, reconcileTime } from "./reconciliation.js";
import { DEMO_SIZE, generateDataSet, type SeedSize } from "./seed.js";
import {
  clearState,
  finishState,
  lockState,
  prepareState,
  StateFileError,
  type StatePaths,
} from "./state.js";
import {
  type ApprovedInKantata,
  addBuckets,
  type DemoSummary,
  type FailureSample,
  NO_BUCKETS,
  type PhaseSummary,
  type ReadFailure,
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
  /**
   * How long the state folder's lock (and the ledger's) may go without a heartbeat before a new run takes
   * it over — how long a run waits after its predecessor was killed. @default 10000
   */
  lockStaleMs?: number;
  /** Called when another run holds (or a stopped run left) the folder's lock and this run waits to see which. */
  onLockWait?: () => void;
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
 * The quote-to-cash flow, first slice. It first takes the state folder's lock (held to the end; a second
 * run gets `LockHeldError` and changes nothing), then prepares the folder and starts the fakes (restored
 * from `.ledgerline/` on a repeat run or after a kill — they persist every confirmed write), reads Kantata, upsert customers and projects into NetSuite, post the period's time and expenses through
 * the durable idempotency ledger behind the approval / project-status / dimension gate, then reconcile
 * PSA approved time against NetSuite time bills per project.
 */
export async function runQuoteToCash(options: FlowOptions): Promise<DemoSummary> {
  const started = performance.now();
  // One owner of the state folder, first: nothing in it is read, cleared or recovered before this.
  const lost = new AbortController();
  const lock = await lockState(options.paths, {
    ...(options.lockStaleMs === undefined ? {} : { staleMs: options.lockStaleMs }),
    onLost: (error) => lost.abort(error),
    ...(options.onLockWait ? { onWait: options.onLockWait } : {}),
  });
  try {
    const signal = options.signal ? AbortSignal.any([options.signal, lost.signal]) : lost.signal;
    setMaxListeners(200, signal); // every in-flight request listens to it
    return await runLocked({ ...options, signal }, started, () => lock.lost === undefined);
  } finally {
    await lock.release();
  }
}

async function runLocked(
  options: FlowOptions & { signal: AbortSignal },
  started: number,
  owner: () => boolean,
): Promise<DemoSummary> {
  const size = options.size ?? DEMO_SIZE;
  const data = generateDataSet(options.seed, size);
  plantBilling(data); // billing: fixed-fee projects and completed milestones (billing-seed.ts)
  const prepared = await prepareState(options.paths, data, options.reset);
  const concurrency = options.netsuiteConcurrency ?? 15;
  const fakesOptions = {
    data,
    paths: options.paths,
    faults: options.faults,
    netsuiteConcurrencyLimit: concurrency,
  };
  let fakes: DemoFakes;
  try {
    fakes = await startFakes({ ...fakesOptions, resume: prepared.resume });
  } catch (error) {
    if (!(error instanceof StateFileError)) throw error;
    // Saved state that cannot be read is not trusted: start over, and say so.
    prepared.notes.push(`${error.message}: starting over`);
    await clearState(options.paths);
    await prepareState(options.paths, data, false);
    fakes = await startFakes({ ...fakesOptions, resume: false });
  }
  let ledger: FileLedger | undefined;
  try {
    const approved = options.approve ? approvePending(fakes) : undefined;
    if (approved) await fakes.saveKantata(); // durable before anything is read (and posted) from it
    ledger = await FileLedger.open(join(options.paths.ledger, "netsuite.journal"), {
      ...(options.lockStaleMs === undefined ? {} : { lockStaleMs: options.lockStaleMs }),
    });
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
    const readFailures: ReadFailure[] = [...snapshot.readFailures];
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
        invoiceItem: DEMO_INVOICE_ITEM, // billing: the item of fixed-fee invoice lines
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

    // Time and expenses resolve their project (status, currency, NetSuite job) from the projects read;
    // with the master data read only in part, posting them would reject or fail them for the wrong reason.
    // They are held back as failed — the error says why — and the next run posts them.
    const masterUnread = readFailures.find(
      (f) => f.what === "Kantata clients" || f.what === "Kantata projects",
    );
    const holdBack = (name: string, keys: readonly string[]) => {
      const error = `not posted: ${masterUnread?.what} could not be read in full (${masterUnread?.error})`;
      for (const key of keys.slice(0, Math.max(0, 10 - failures.length))) {
        failures.push({ phase: name, record: key, error });
      }
      phases.push({
        name,
        input: keys.length,
        buckets: { ...NO_BUCKETS, failed: keys.length },
        durationMs: 0,
      });
    };

    const unreadable = snapshot.unreadable;
    await run("customers", snapshot.clients.length, (o) => netsuite.upsertClients(snapshot.clients, o));
    await run("projects", snapshot.projects.length, (o) => netsuite.upsertProjects(snapshot.projects, o));
    const timeByKey = new Map(snapshot.timeEntries.map((e) => [e.key, e]));
    const rejectedKeys = new Set<string>();
    if (masterUnread) {
      holdBack(
        "time entries",
        snapshot.timeEntries.map((e) => e.key),
      );
      holdBack(
        "expenses",
        snapshot.expenses.map((e) => e.key),
      );
    } else {
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
    }
    // Billing (billing-step.ts): after time and expenses, invoices to NetSuite and their ids back to Kantata.
    const billing = masterUnread
      ? undefined
      : await runBilling({
          data,
          netsuite,
          psa,
          ledger,
          projects: snapshot.projects,
          timeEntries: snapshot.timeEntries,
          expenses: snapshot.expenses,
          signal: options.signal,
        });
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

    const reconcileStarted = performance.now();
    options.progress?.start("reconciling");
    const common = { netsuite, ledger, data, projects, explained: rejectedKeys, signal: options.signal };
    // A kind whose Kantata side was not read in full, or whose NetSuite side cannot be read, is not
    // reconciled: its read failure is reported instead (comparing half a side would invent gaps).
    const reconciled = async (
      kind: "time" | "expenses",
      sourceRead: string,
      run: () => Promise<KindReconciliation>,
    ): Promise<KindReconciliation> => {
      if (readFailures.some((f) => f.what === sourceRead)) {
        readFailures.push({
          what: `${kind} reconciliation`,
          error: `skipped: ${sourceRead} not read in full`,
        });
        return NOT_RECONCILED;
      }
      try {
        return await run();
      } catch (error) {
        if (options.signal.aborted) throw error;
        readFailures.push({ what: `NetSuite ${kind} for the reconciliation`, error: describe(error) });
        return NOT_RECONCILED;
      }
    };
    const time = await reconciled("time", "Kantata time entries", () =>
      reconcileTime({
        ...common,
        source: snapshot.timeEntries.filter((e) => e.approval.state === "approved"),
      }),
    );
    const expenses = await reconciled("expenses", "Kantata expenses", () =>
      reconcileExpenses({
        ...common,
        source: snapshot.expenses.filter((e) => e.approval.state === "approved"),
      }),
    );
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
      expenseSubmissions: snapshot.expenseSubmissions,
      stateNotes: prepared.notes,
      readFailures,
      ...(approved ? { approvedInKantata: approved } : {}),
      ...(billing ? { invoices: billing.summary } : {}), // billing: the `invoices` section
      timings: { startMs, readMs, reconcileMs },
      durationMs: performance.now() - started,
    };
  } finally {
    // Whatever happened (Ctrl-C, an error): every confirmed write is already durable in the fakes and the
    // ledger; stop serving, fold the NetSuite journal into its snapshot, and mark the run finished.
    // A run that lost the folder's lock (another run took it over) leaves the folder to its new owner.
    await fakes.close({ persist: owner() });
    await ledger?.close();
    if (owner()) await finishState(options.paths);
  }
}

const NOT_RECONCILED: KindReconciliation = {
  totals: { matched: 0, missingInTarget: 0, missingInSource: 0, mismatched: 0 },
  projects: [],
};

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Approves every pending timesheet and every pending expense report submission in the Kantata fake, as the
 * project managers would (expense approval lives on the submission, not on the expense).
 */
function approvePending(fakes: DemoFakes): ApprovedInKantata {
  const kantata = fakes.kantata;
  const pending = kantata.store.all("timesheet_submissions").filter((s) => s.status === "pending");
  const ids = new Set(pending.map((s) => s.id));
  const timeEntries = kantata.store
    .all("time_entries")
    .filter((e) => !e.approved && e.active_submission_id && ids.has(e.active_submission_id)).length;
  for (const submission of pending) kantata.resolveTimesheet(submission.id, "approved");
  const pendingReports = kantata.store
    .all("expense_report_submissions")
    .filter((s) => s.status === "pending");
  let expenses = 0;
  for (const report of pendingReports) {
    expenses += Array.isArray(report.expense_ids) ? report.expense_ids.length : 0;
    kantata.resolveExpenseReport(report.id, "approved");
  }
  return { timesheets: pending.length, timeEntries, expenseReports: pendingReports.length, expenses };
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
