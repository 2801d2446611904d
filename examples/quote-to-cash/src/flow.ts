import { setMaxListeners } from "node:events";
import { join } from "node:path";
import { createNetSuiteClient, type NetSuiteClient } from "@ledgerline/connector-netsuite";
import { createPsaClient, type PsaClient } from "@ledgerline/connector-psa";
import { Crosswalk, FileLedger, type Ledger, type RetryOptions } from "@ledgerline/core";
import {
  billingPositionsOf,
  crosswalkProjects,
  type DeliveryPolicy,
  type DeliveryReconciliation,
  type DeliverySnapshot,
  postDelivery,
  type ResourceDirectory,
  readDeliverySnapshot,
  reconcileDelivery,
  rejectedKeys,
  type StepReport,
} from "@ledgerline/flows";
// Billing: billing-seed.ts plants the cases, billing-step.ts runs the flows' billing steps.
import { DEMO_INVOICE_ITEM, plantBilling } from "./billing-seed.js";
import { type BillingOutcome, runBilling } from "./billing-step.js";
import { type RevenueAndClose, runRevenueAndClose, unbilledOnly } from "./close-step.js";
import { type DemoFakes, startFakes } from "./fakes.js";
import type { ProgressBar } from "./progress.js";
import { DEMO_SIZE, type DemoDataSet, generateDataSet, type SeedSize } from "./seed.js";
import { runStartOfChain } from "./start-of-chain.js";
import {
  clearState,
  finishState,
  lockState,
  prepareState,
  StateFileError,
  type StatePaths,
} from "./state.js";
import { type ApprovedInKantata, type DemoSummary, summarizeRun } from "./summary.js";

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
  plantBilling(data); // fixed-fee projects and completed milestones (billing-seed.ts)
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
  let startLedger: FileLedger | undefined;
  try {
    const approved = options.approve ? approvePending(fakes) : undefined;
    if (approved) await fakes.saveKantata(); // durable before anything is read (and posted) from it
    ledger = await FileLedger.open(join(options.paths.ledger, "netsuite.journal"), {
      ...(options.lockStaleMs === undefined ? {} : { lockStaleMs: options.lockStaleMs }),
    });
    // The start of the chain (workforce → SOWs) before time and expenses; see start-of-chain.ts.
    // It keeps its own journal (crosswalk, checkpoint, held mapping changes); time and expenses then find the
    // NetSuite project each SOW created through that crosswalk.
    startLedger = await FileLedger.open(join(options.paths.ledger, "start-of-chain.journal"), {
      ...(options.lockStaleMs === undefined ? {} : { lockStaleMs: options.lockStaleMs }),
    });
    const startOfChain = await runStartOfChain({ data, ledger: startLedger, fakes, signal: options.signal });
    const psa = createPsaClient({
      auth: "demo-token",
      baseUrl: fakes.kantataServer.url,
      retry: DEMO_RETRY,
      timeoutMs: 5_000,
      limits: { maxConcurrency: 4 },
    });
    const netsuite = createNetSuiteClient({
      accountId: "123456_SB1",
      baseUrl: fakes.netsuiteServer.url,
      auth: { type: "none" },
      limits: { maxConcurrency: concurrency },
      retry: DEMO_RETRY,
      timeoutMs: 5_000,
      ledger,
      masterData: {
        dimensions: demoPolicy(data).dimensionMap,
        expenseCategories: EXPENSE_CATEGORIES,
        invoiceItem: DEMO_INVOICE_ITEM, // the item of fixed-fee invoice lines
      },
    });
    const startMs = performance.now() - started;
    const chain = await runChain({
      psa,
      netsuite,
      ledger,
      crosswalk: new Crosswalk(startLedger),
      data,
      concurrency: concurrency * 2,
      signal: options.signal,
      ...(options.progress ? { progress: options.progress } : {}),
    });
    // Revenue → close after posting (and billing), on the same ledger; writes .ledgerline/report.html.
    // A failure here is reported like a read failure, never the end of the run (see close-step.ts).
    // Billing (billing-step.ts): after time and expenses, invoices to NetSuite and their ids back to Kantata;
    // not when the PSA's clients or projects could not be read in full (the delivery step held back too).
    const masterUnread = chain.snapshot.readFailures.some(
      (f) => f.what === "Kantata clients" || f.what === "Kantata projects",
    );
    const billing: BillingOutcome | undefined = masterUnread
      ? undefined
      : await runBilling({
          data,
          netsuite,
          psa,
          ledger,
          projects: chain.snapshot.projects,
          projectIds: chain.snapshot.projectIds,
          timeEntries: chain.snapshot.timeEntries,
          expenses: chain.snapshot.expenses,
          signal: options.signal,
        });
    let revenueAndClose: RevenueAndClose | undefined;
    try {
      revenueAndClose = await runRevenueAndClose({
        netsuiteFake: fakes.netsuite,
        netsuiteUrl: fakes.netsuiteServer.url,
        ledger,
        masterData: { dimensions: demoPolicy(data).dimensionMap },
        retry: DEMO_RETRY,
        projects: chain.snapshot.projects,
        projectIds: chain.snapshot.projectIds,
        timeEntries: chain.snapshot.timeEntries,
        expenses: chain.snapshot.expenses,
        // Billed and unbilled come from the billing steps' own figures (work they did not cover: all unbilled).
        ...(billing
          ? {
              billing: billingPositionsOf(
                billing.summary.wip,
                unbilledOnly(
                  chain.snapshot.projects,
                  chain.snapshot.timeEntries,
                  chain.snapshot.expenses,
                  data.period.to,
                ),
              ),
            }
          : {}),
        approvedAt: chain.snapshot.approvedAt,
        period: data.period,
        stateDir: options.paths.dir,
      });
    } catch (error) {
      if (options.signal.aborted) throw error;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      chain.reconciliation.readFailures.push({ what: "revenue and close", error: message });
    }
    return summarizeRun({
      data,
      chain,
      ...(revenueAndClose ?? {}),
      ...(billing ? { invoices: billing.summary } : {}),
      faults: options.faults,
      targetDuplicates: fakes.netsuite.duplicateExternalIds().length,
      traffic: requestCounts(fakes),
      stateDir: options.paths.dir,
      resumed: fakes.resumed,
      stateNotes: prepared.notes,
      ...(approved ? { approvedInKantata: approved } : {}),
      startOfChain: startOfChain.phases,
      startMs,
      durationMs: performance.now() - started,
    });
  } finally {
    // Whatever happened (Ctrl-C, an error): every confirmed write is already durable in the fakes and the
    // ledger; stop serving, fold the NetSuite journal into its snapshot, and mark the run finished.
    // A run that lost the folder's lock (another run took it over) leaves the folder to its new owner.
    await fakes.close({ persist: owner() });
    await ledger?.close();
    await startLedger?.close();
    if (owner()) await finishState(options.paths);
  }
}

/** What {@link runChain} needs: the clients, the ledger, the seeded month and how to report progress. */
export interface ChainContext {
  psa: PsaClient;
  netsuite: NetSuiteClient;
  ledger: Ledger;
  /** Identity across systems, as the start of the chain linked it (the SOWs' NetSuite projects). */
  crosswalk: Crosswalk;
  data: DemoDataSet;
  /** Records in flight at once per posting phase. */
  concurrency: number;
  signal: AbortSignal;
  progress?: ProgressBar;
}

/** What {@link runChain} produced: each step's report, in order, and the period-close reconciliation. */
export interface ChainResult {
  /** One report per step of the chain, in the order they ran. */
  steps: StepReport[];
  /** What the delivery step read from Kantata (counts for the report). */
  snapshot: DeliverySnapshot;
  reconciliation: DeliveryReconciliation;
  /** Time spent reading Kantata and reconciling, in milliseconds. */
  readMs: number;
  reconcileMs: number;
}

/**
 * The quote-to-cash chain in the seed's order of deployment, over `@ledgerline/flows`: each step runs in
 * turn and its `StepReport` is collected, then the period is reconciled. (Steps before delivery — the
 * workforce and the SOWs — and after it — billing, revenue — are added here, in order.)
 */
export async function runChain(ctx: ChainContext): Promise<ChainResult> {
  const { psa, netsuite, ledger, data, signal, progress } = ctx;
  const steps: StepReport[] = [];
  const policy = demoPolicy(data);

  // Approved time and expenses → NetSuite project accounting.
  let begun = performance.now();
  progress?.start("reading Kantata");
  const snapshot = await readDeliverySnapshot(psa, {
    period: data.period,
    resources: workforceDirectory(data),
    projectIds: crosswalkProjects(ctx.crosswalk),
    signal,
  });
  progress?.clear();
  const readMs = performance.now() - begun;
  const delivery = await postDelivery(
    { psa, netsuite },
    {
      period: data.period,
      policy,
      snapshot,
      // Clients and projects come from the SOWs (Salesforce owns them): no second copy keyed by the PSA.
      upsertMasterData: false,
      concurrency: ctx.concurrency,
      signal,
      onPhase: (phase, total) => progress?.start(phase, total),
      onProgress: (p) => progress?.update(p),
    },
  );
  progress?.clear();
  steps.push(delivery);

  // Period close: PSA approved vs NetSuite posted, per project.
  begun = performance.now();
  progress?.start("reconciling");
  const reconciliation = await reconcileDelivery(netsuite, ledger, snapshot, {
    explained: rejectedKeys(delivery),
    signal,
  });
  progress?.clear();
  return { steps, snapshot, reconciliation, readMs, reconcileMs: performance.now() - begun };
}

/** The demo account's posting policy: October open, every record needs a mapped cost center. */
export function demoPolicy(
  data: DemoDataSet,
): DeliveryPolicy & { dimensionMap: NonNullable<DeliveryPolicy["dimensionMap"]> } {
  return {
    periods: [
      { id: data.period.from.slice(0, 7), start: data.period.from, end: data.period.to, status: "open" },
    ],
    requiredDimensions: ["costCenter"],
    dimensionMap: { target: "netsuite", tables: { costCenter: data.costCenterMap } },
    dimensionNames: { costCenter: Object.fromEntries(data.costCenters.map((c) => [c.code, c.name])) },
  };
}

/** The seed's workforce directory (standing in for Workday): Kantata user → NetSuite employee and cost center. */
export function workforceDirectory(data: DemoDataSet): ResourceDirectory {
  const byUser = new Map(data.workforce.map((w) => [w.kantataUserId, w]));
  return (resource) => {
    const userId = resource.ids?.kantata;
    const worker = userId === undefined ? undefined : byUser.get(userId);
    return worker
      ? { ids: { netsuite: worker.netsuiteEmployeeId }, dimensions: { costCenter: worker.costCenter } }
      : undefined;
  };
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

function requestCounts(fakes: DemoFakes): DemoSummary["traffic"] {
  return [
    { system: "Kantata", api: fakes.kantata.api },
    { system: "NetSuite", api: fakes.netsuite.api },
  ].map(({ system, api }) => ({ system, requests: api.calls(), faults: api.calls() - api.handled() }));
}
