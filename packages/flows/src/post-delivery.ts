import {
  type BillableExpense,
  checkPostable,
  createIntegrationException,
  defaultImpact,
  type ExpenseLine,
  type IntegrationException,
  type TimeEntry,
} from "@ledgerline/canonical";
import type {
  NetSuiteClient,
  NetSuiteRecordResult,
  PostOptions,
  PostReport,
} from "@ledgerline/connector-netsuite";
import type { BatchProgress } from "@ledgerline/core";
import {
  editedAfterApprovalException,
  primaryIssue,
  type RejectionIssue,
  rejectionException,
  workType,
} from "./delivery-exceptions.js";
import { type DeliveryPolicy, deliveryPostingContext, editedAfterApproval } from "./delivery-policy.js";
import {
  type DateRange,
  DELIVERY_READS,
  type DeliveryPsa,
  type DeliverySnapshot,
  type ResourceDirectory,
  readDeliverySnapshot,
} from "./delivery-snapshot.js";
import type { StepRecordOutcome, StepReport } from "./report.js";

/** The NetSuite operations {@link postDelivery} uses: a real `NetSuiteClient`, or a fake with these methods. */
export type DeliveryNetSuite = Pick<
  NetSuiteClient,
  "upsertClients" | "upsertProjects" | "postTime" | "postExpenses"
>;

/**
 * The clients of {@link postDelivery}. The NetSuite client carries the `Ledger` (its `ledger` option):
 * every posting is recorded there once NetSuite confirmed it, so a rerun skips what is unchanged and a run
 * killed at any moment resumes without duplicates. Give it the account's `masterData` (dimension and
 * expense category ids) as for any posting.
 */
export interface DeliveryClients {
  psa: DeliveryPsa;
  netsuite: DeliveryNetSuite;
}

/** The phases of {@link postDelivery}, in order (keys of `timings.phases`). */
export type DeliveryPhase = "read" | "customers" | "projects" | "time entries" | "expenses";

/** Options of {@link postDelivery}. */
export interface PostDeliveryOptions {
  /** The period whose time and expenses are posted (read from the PSA by `date`). */
  period: DateRange;
  /** Posting policy: open periods, required and mapped dimensions, postable project statuses. */
  policy: DeliveryPolicy;
  /** HCM facts per person (NetSuite employee id, cost center). @default none */
  resources?: ResourceDirectory | undefined;
  /** A snapshot already read with `readDeliverySnapshot` (for the same period); read here when absent. */
  snapshot?: DeliverySnapshot | undefined;
  /**
   * Upsert the PSA's clients and projects (NetSuite customers and jobs) before the work that references
   * them. Turn off when another step (e.g. `syncEngagements`) owns them.
   * @default true
   */
  upsertMasterData?: boolean | undefined;
  /** NetSuite write mode. @default "single" */
  mode?: PostOptions["mode"];
  /** Records in flight at once. @default the NetSuite client's */
  concurrency?: number | undefined;
  /** Stops the step: in-flight records finish, the rest are not started; the step then throws. */
  signal?: AbortSignal | undefined;
  /** Called when a phase starts, with the records it will send. */
  onPhase?: ((phase: DeliveryPhase, total: number) => void) | undefined;
  /** Progress of the running phase. */
  onProgress?: ((progress: BatchProgress) => void) | undefined;
  /** Clock for exception timestamps. @default () => new Date() */
  now?: (() => Date) | undefined;
}

/** Keys of the records a delivery report rejected on purpose — the explained gaps of its reconciliation. */
export function rejectedKeys(report: Pick<StepReport, "records">): Set<string> {
  return new Set(report.records.filter((r) => r.status === "rejected").map((r) => r.key));
}

/**
 * Step 3 of the chain — approved time and expenses from the PSA posted to NetSuite project accounting:
 * reads the period from the PSA (or takes `snapshot`), upserts its clients and projects as customers and
 * jobs, then posts time entries as `timeBill`s and expenses as `expenseReport`s through the NetSuite
 * connector's idempotent operations and its ledger. Before anything is sent, canonical's `checkPostable`
 * runs under `policy` (approval always: unapproved work is never posted; project status, open period,
 * mapped dimensions).
 *
 * Returns a {@link StepReport}: every record received is `written`, `unchanged` (the ledger holds the same
 * content), `rejected` (reason code and field; an exception with its business impact, subject and
 * minutes or amount) or `failed` (its error; safe to rerun). Approved entries edited after approval are
 * posted and flagged (`EDITED_AFTER_APPROVAL`, data quality). If the PSA's clients or projects could not be
 * read in full, time and expenses are held back as failed (posting them would reject them for the wrong
 * reason) and the read failure is reported. Rerunning writes only what is new, changed or failed before.
 */
export async function postDelivery(
  clients: DeliveryClients,
  options: PostDeliveryOptions,
): Promise<StepReport> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const now = options.now ?? (() => new Date());
  const phases: Record<string, number> = {};
  const records: StepRecordOutcome[] = [];
  const exceptions: IntegrationException[] = [];
  const { policy, signal } = options;

  let t = performance.now();
  const snapshot =
    options.snapshot ??
    (await readDeliverySnapshot(clients.psa, {
      period: options.period,
      resources: options.resources,
      signal,
    }));
  phases.read = performance.now() - t;
  const projects = new Map(snapshot.projects.map((p) => [p.key, p]));

  const post = async <T>(
    phase: DeliveryPhase,
    items: T[],
    send: (items: T[], o: PostOptions) => Promise<PostReport>,
    onResult: (result: NetSuiteRecordResult) => void,
  ) => {
    options.onPhase?.(phase, items.length);
    const begun = performance.now();
    if (items.length > 0) {
      await send(items, {
        mode: options.mode ?? "single",
        collectResults: false,
        ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
        ...(signal ? { signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        onResult,
      });
    }
    signal?.throwIfAborted();
    phases[phase] = (phases[phase] ?? 0) + performance.now() - begun;
  };
  /** Outcome of a master-data or work record from NetSuite's result. */
  const outcome = (result: NetSuiteRecordResult, type: string): StepRecordOutcome => {
    const base = { key: result.key, type, status: result.status };
    if (result.status === "written" || result.status === "unchanged") {
      return result.internalId ? { ...base, targets: { netsuite: result.internalId } } : base;
    }
    if (result.status === "failed") {
      return {
        ...base,
        reason: { code: errorCode(result.error), message: result.reason ?? "unknown error" },
      };
    }
    const issue = primaryIssue(issuesOf(result));
    return { ...base, reason: reasonOf(issue, result.reason) };
  };

  for (const u of snapshot.unreadable) {
    records.push({
      key: u.key,
      type: u.type,
      status: "rejected",
      reason: { code: u.code, ...(u.field ? { field: u.field } : {}), message: u.message },
    });
    exceptions.push(
      createIntegrationException({
        code: u.code,
        impact: defaultImpact(u.type),
        message: u.message,
        record: { key: u.key, type: u.type },
        ...(u.field ? { field: u.field } : {}),
        subject: u.field ? `${u.field}: ${u.message}`.slice(0, 255) : u.message.slice(0, 255),
        now: now(),
      }),
    );
  }

  if (options.upsertMasterData ?? true) {
    const masterResult = (type: "Client" | "Project") => (result: NetSuiteRecordResult) => {
      const o = outcome(result, type);
      records.push(o);
      if (o.status === "rejected" && o.reason) {
        exceptions.push(
          createIntegrationException({
            code: o.reason.code,
            impact: defaultImpact(type),
            message: o.reason.message,
            record: { key: o.key, type, ...(type === "Project" ? { project: o.key } : {}) },
            ...(o.reason.field ? { field: o.reason.field } : {}),
            now: now(),
          }),
        );
      }
    };
    await post(
      "customers",
      snapshot.clients,
      (c, o) => clients.netsuite.upsertClients(c, o),
      masterResult("Client"),
    );
    await post(
      "projects",
      snapshot.projects,
      (p, o) => clients.netsuite.upsertProjects(p, o),
      masterResult("Project"),
    );
  }

  // Time and expenses resolve their project (status, currency, NetSuite job) from the projects read; with
  // the master data read only in part, they would be rejected or fail for the wrong reason. Held back as
  // failed, with the reason, and posted by the next run.
  const masterUnread = snapshot.readFailures.find(
    (f) => f.what === DELIVERY_READS.clients || f.what === DELIVERY_READS.projects,
  );
  if (masterUnread) {
    const message = `not posted: ${masterUnread.what} could not be read in full (${masterUnread.error})`;
    for (const record of [...snapshot.timeEntries, ...snapshot.expenses]) {
      records.push({
        key: record.key,
        type: workType(record),
        status: "failed",
        reason: { code: "SOURCE_UNREAD", message },
      });
    }
  } else {
    const byKey = new Map<string, TimeEntry | ExpenseLine>();
    const gate = <T extends TimeEntry | ExpenseLine>(items: readonly T[]): T[] => {
      const postable: T[] = [];
      for (const record of items) {
        byKey.set(record.key, record);
        const project = projects.get(record.project.key);
        const context = deliveryPostingContext(project, policy);
        const issues: RejectionIssue[] = context
          ? checkPostable(record, context).violations
          : record.approval.state === "approved"
            ? []
            : [
                {
                  code: "APPROVAL_REQUIRED",
                  field: "approval.state",
                  message: "only approved records may be posted",
                },
              ];
        if (issues.length === 0) postable.push(record);
        else reject(record, issues);
      }
      return postable;
    };
    const reject = (
      record: TimeEntry | ExpenseLine,
      issues: readonly RejectionIssue[],
      fallback?: string,
    ) => {
      const issue = primaryIssue(issues) ?? { code: "REJECTED", message: fallback ?? "rejected" };
      records.push({
        key: record.key,
        type: workType(record),
        status: "rejected",
        reason: reasonOf(issue, fallback),
      });
      exceptions.push(
        rejectionException(record, issue, { project: projects.get(record.project.key), policy, now: now() }),
      );
    };
    const workResult = (result: NetSuiteRecordResult) => {
      const record = byKey.get(result.key);
      if (!record) {
        records.push(outcome(result, result.type)); // never dropped, even if NetSuite names a key not sent
        return;
      }
      if (result.status === "rejected") {
        reject(record, issuesOf(result), result.reason);
        return;
      }
      records.push(outcome(result, workType(record)));
      if (
        result.status !== "failed" &&
        "minutes" in record &&
        editedAfterApproval(record, snapshot.approvedAt, policy.approvalTouchMs)
      ) {
        exceptions.push(editedAfterApprovalException(record, now()));
      }
    };
    let begun = performance.now();
    const time = gate(snapshot.timeEntries);
    phases["time entries"] = performance.now() - begun;
    await post("time entries", time, (e, o) => clients.netsuite.postTime(e, o), workResult);
    begun = performance.now();
    // Expenses of approved submissions only pass the gate; the connector posts billable ones as expense
    // reports and rejects the others (NOT_BILLABLE) — every one ends in a bucket.
    const expenses = gate(snapshot.expenses) as BillableExpense[];
    phases.expenses = performance.now() - begun;
    await post("expenses", expenses, (e, o) => clients.netsuite.postExpenses(e, o), workResult);
  }

  t = Date.now();
  const count = (status: StepRecordOutcome["status"]) => records.filter((r) => r.status === status).length;
  return {
    step: "postDelivery",
    received: records.length,
    written: count("written"),
    unchanged: count("unchanged"),
    rejected: count("rejected"),
    failed: count("failed"),
    records,
    exceptions,
    timings: { startedAt, finishedAt: new Date(t).toISOString(), durationMs: t - started, phases },
    readFailures: [...snapshot.readFailures],
  };
}

function issuesOf(result: NetSuiteRecordResult): RejectionIssue[] {
  if (result.issues && result.issues.length > 0) {
    return result.issues.map((i) => ({
      code: i.code,
      field: i.path === "" ? undefined : i.path,
      message: i.message,
    }));
  }
  return [{ code: undefined, field: result.field, message: result.reason ?? "rejected" }];
}

function reasonOf(
  issue: RejectionIssue | undefined,
  fallback: string | undefined,
): NonNullable<StepRecordOutcome["reason"]> {
  return {
    code: issue?.code ?? "REJECTED",
    ...(issue?.field ? { field: issue.field } : {}),
    message: issue?.message ?? fallback ?? "rejected",
  };
}

/** A failure's machine-readable code: the vendor's (NetSuite `o:errorCode`), else the error's class. */
function errorCode(error: unknown): string {
  if (error && typeof error === "object") {
    const vendor = (error as { vendorCode?: unknown }).vendorCode;
    if (typeof vendor === "string" && vendor !== "") return vendor;
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code !== "") return code;
  }
  return error instanceof Error ? error.name : "ERROR";
}
