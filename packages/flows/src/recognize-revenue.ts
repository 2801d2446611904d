import {
  type BillableExpense,
  computeRevenueSchedule,
  createIntegrationException,
  type Engagement,
  fromMinorUnits,
  type IntegrationException,
  type Milestone,
  type Money,
  money,
  nextPeriod,
  type Project,
  periodOf,
  planRevenuePostings,
  type RevenueAccounts,
  type RevenueDelivery,
  type RevenuePosting,
  type RevenueSchedule,
  rateTimesDuration,
  revenueJournalEntry,
  revenueJournalKey,
  revenueMethodOf,
  type TimeEntry,
  toMinorUnits,
} from "@ledgerline/canonical";
import type { AccountingPeriod, NetSuiteClient, NetSuiteRecordResult } from "@ledgerline/connector-netsuite";
import { type Ledger, ValidationError } from "@ledgerline/core";
import { LedgerJsonStore } from "./ledger-store.js";
import type { StepRecordOutcome, StepReport } from "./report.js";

/** One project's terms and delivery, as {@link recognizeRevenue} reads them. */
export interface RevenueProject {
  project: Project;
  /**
   * Ids other systems gave the project (e.g. `{ netsuite: "1042" }` for the job the SOW flow created; see
   * `crosswalkProjects`): the journal lines then address that job instead of resolving the key through the ledger.
   */
  ids?: Readonly<Record<string, string>> | undefined;
  /** The engagement whose terms apply: contract value, budgeted minutes, billing type and revenue treatment. */
  engagement?: Engagement | undefined;
  /** The project's milestones (fixed fee by milestones). */
  milestones?: readonly Milestone[] | undefined;
  /** The project's time entries; only approved ones count (value = bill rate × minutes for T&M). */
  time?: readonly TimeEntry[] | undefined;
  /** The project's approved billable expenses (T&M: recognised at their amount). */
  expenses?: readonly BillableExpense[] | undefined;
}

/** Options of {@link recognizeRevenue}. */
export interface RecognizeRevenueOptions {
  /**
   * The NetSuite connector (journal entries and accounting periods). With `readJournalEntry`, what a closed
   * period holds is read back from NetSuite whenever the ledger's record of it would lead to an adjustment,
   * so a crash between a write and its record never makes an adjustment count twice.
   */
  netsuite: Pick<NetSuiteClient, "upsertJournalEntry" | "listAccountingPeriods"> &
    Partial<Pick<NetSuiteClient, "readJournalEntry">>;
  /** The run's ledger: what each period's revenue entry holds is kept there (prefix `rev/`). */
  ledger: Ledger;
  projects: Iterable<RevenueProject> | AsyncIterable<RevenueProject>;
  /** Recognise what was delivered up to this day (`YYYY-MM-DD`). */
  asOf: string;
  /** GL account codes (mapped to NetSuite ids by the connector's `masterData.accounts`). */
  accounts: RevenueAccounts;
  /**
   * Rate into the subsidiary's currency for a project whose currency differs from its subsidiary's: units
   * of the subsidiary currency per unit of the project's, as a decimal string. `undefined`: same currency.
   */
  exchangeRate?: (project: Project) => string | undefined;
  /**
   * Closed periods (`YYYY-MM`). @default read from NetSuite's accounting periods (closed or all-locked)
   */
  closedPeriods?: Iterable<string>;
  /** Clock. @default () => new Date() */
  now?: () => Date;
}

/** One period's revenue entry of one project, as the step left it. */
export interface RevenueEntryOutcome {
  project: string;
  period: string;
  /** External id of the journal entry in NetSuite. */
  journalKey: string;
  /** What the entry holds now (or would, when rejected or failed). */
  amount: Money;
  /** The part that corrects closed periods. */
  adjustment: Money;
  status: StepRecordOutcome["status"];
}

/** What {@link recognizeRevenue} returns: a {@link StepReport} plus the schedules and the entries. */
export interface RevenueReport extends StepReport {
  step: "recognizeRevenue";
  /** The open period adjustments went to. */
  openPeriod: string;
  /** Each project's schedule, as computed in this run. */
  schedules: RevenueSchedule[];
  /** Each period's entry per project. */
  entries: RevenueEntryOutcome[];
}

interface PostedRevenue {
  project: string;
  period: string;
  amount: Money;
}

/** The `YYYY-MM` of each accounting period NetSuite holds closed (month periods only). */
export function closedPeriodsOf(periods: readonly AccountingPeriod[]): string[] {
  return periods.filter((p) => p.closed && !p.summary && p.startDate).map((p) => periodOf(p.startDate));
}

/**
 * Recognises revenue per project into NetSuite: a {@link RevenueSchedule} from the engagement terms (fixed
 * fee by milestones or by percent complete of budgeted hours, time and materials as delivered), then one
 * journal entry per project and period (deferred revenue → revenue, with the project's dimensions), upserted
 * by external id. A rerun with the same delivery sends nothing; changed progress updates the open period's
 * entry; a closed period is never written — the difference posts in the open period (`asOf`'s period, or
 * the first open one after it). What each entry holds is kept in the ledger, so adjustments are computed
 * against what NetSuite actually holds, across runs and crashes.
 *
 * Every project ends in the report: each entry `written`, `unchanged`, `rejected` (NetSuite refused it, or
 * the terms cannot be computed — with the field and reason) or `failed` (safe to rerun); a project with
 * nothing to recognise (non-billable terms, nothing earned yet) is one `unchanged` `RevenueSchedule` record.
 */
export async function recognizeRevenue(options: RecognizeRevenueOptions): Promise<RevenueReport> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const t0 = performance.now();
  const store = new LedgerJsonStore<PostedRevenue>(options.ledger, "rev", now);
  const closed = new Set(
    options.closedPeriods ?? closedPeriodsOf(await options.netsuite.listAccountingPeriods()),
  );
  let openPeriod = periodOf(options.asOf);
  while (closed.has(openPeriod)) openPeriod = nextPeriod(openPeriod);
  const tPeriods = performance.now();

  const records: StepRecordOutcome[] = [];
  const exceptions: IntegrationException[] = [];
  const schedules: RevenueSchedule[] = [];
  const entries: RevenueEntryOutcome[] = [];
  const posted = new Map<string, Record<string, Money>>();
  for await (const [, value] of store.entries()) {
    const forProject = posted.get(value.project) ?? {};
    forProject[value.period] = value.amount;
    posted.set(value.project, forProject);
  }

  for await (const input of options.projects) {
    const { project } = input;
    let schedule: RevenueSchedule | undefined;
    try {
      schedule = scheduleOf(input, options.asOf, now());
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const issue = error.issues[0];
      records.push({
        key: project.key,
        type: "RevenueSchedule",
        status: "rejected",
        reason: {
          code: "INVALID_TERMS",
          ...(issue ? { field: String(issue.path) } : {}),
          message: error.message,
        },
      });
      exceptions.push(revenueException(project, "REVENUE_TERMS_INVALID", error.message, now()));
      continue;
    }
    if (!schedule) {
      // Terms that recognise no revenue (non-billable, retainer): accounted for, nothing to post.
      records.push({ key: project.key, type: "RevenueSchedule", status: "unchanged" });
      continue;
    }
    schedules.push(schedule);
    const held = await verifyClosed(options, store, project, schedule, posted.get(project.key) ?? {}, closed);
    const plan = planRevenuePostings({
      schedule,
      posted: held,
      closedPeriods: closed,
      openPeriod,
    });
    if (plan.length === 0) {
      // Nothing earned yet and nothing posted: the project is accounted for with nothing to post.
      records.push({ key: project.key, type: "RevenueSchedule", status: "unchanged" });
    }
    for (const posting of plan) {
      const outcome = await postOne(options, store, project, posting, now, input.ids);
      entries.push(outcome.entry);
      records.push(outcome.record);
      if (outcome.exception) exceptions.push(outcome.exception);
    }
  }
  const finishedAt = now();
  const counts = { written: 0, unchanged: 0, rejected: 0, failed: 0 };
  for (const r of records) counts[r.status]++;
  return {
    step: "recognizeRevenue",
    received: records.length,
    ...counts,
    records,
    exceptions,
    timings: {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: Math.round(performance.now() - t0),
      phases: { periods: Math.round(tPeriods - t0), post: Math.round(performance.now() - tPeriods) },
    },
    openPeriod,
    schedules,
    entries,
  };
}

/**
 * What closed periods hold, checked against NetSuite where the ledger's record would cause an adjustment
 * (the record may be stale: a crash after NetSuite took an entry and before the ledger recorded it). The
 * ledger record is repaired to what NetSuite holds.
 */
async function verifyClosed(
  options: RecognizeRevenueOptions,
  store: LedgerJsonStore<PostedRevenue>,
  project: Project,
  schedule: RevenueSchedule,
  recorded: Record<string, Money>,
  closed: ReadonlySet<string>,
): Promise<Record<string, Money>> {
  const read = options.netsuite.readJournalEntry;
  if (!read) return recorded;
  const currency = schedule.total.currency;
  const earned = new Map<string, bigint>();
  for (const line of schedule.lines) {
    if (line.status === "recognized")
      earned.set(line.period, (earned.get(line.period) ?? 0n) + toMinorUnits(line.amount));
  }
  const out = { ...recorded };
  for (const period of new Set([...earned.keys(), ...Object.keys(recorded)])) {
    if (!closed.has(period)) continue;
    const known = recorded[period] ? toMinorUnits(recorded[period]) : 0n;
    if (known === (earned.get(period) ?? 0n)) continue;
    const key = revenueJournalKey(project, period);
    const entry = await read(key);
    let holds = 0n;
    for (const line of entry?.lines ?? []) {
      if (line.account !== options.accounts.deferredRevenue) continue;
      holds +=
        toMinorUnits(money(line.debit ?? "0", currency)) - toMinorUnits(money(line.credit ?? "0", currency));
    }
    if (holds === known) continue;
    out[period] = fromMinorUnits(holds, currency);
    await store.put(key, { project: project.key, period, amount: out[period] });
  }
  return out;
}

function scheduleOf(input: RevenueProject, asOf: string, now: Date): RevenueSchedule | undefined {
  const { project, engagement } = input;
  const terms = engagement ?? project;
  const method = revenueMethodOf(terms);
  if (!method) return undefined;
  const approvedTime = (input.time ?? []).filter((t) => t.approval.state === "approved");
  const delivery: RevenueDelivery[] =
    method === "as_delivered"
      ? [
          ...approvedTime
            .filter((t) => t.billable)
            .map((t, i) => {
              if (!t.billRate) {
                throw new ValidationError(`revenue: time entry has no bill rate`, [
                  { path: `time[${i}].billRate`, message: "is required to recognise T&M revenue" },
                ]);
              }
              return {
                date: t.date,
                minutes: t.minutes,
                value: rateTimesDuration(t.billRate, t.minutes, { rounding: "half-even" }),
              };
            }),
          ...(input.expenses ?? []).map((e) => ({ date: e.date, minutes: 0, value: e.amount })),
        ]
      : approvedTime.map((t) => ({ date: t.date, minutes: t.minutes }));
  const total = engagement?.billingTerms.contractValue ?? project.budget;
  const budgetedMinutes = engagement?.billingTerms.budgetedMinutes;
  return computeRevenueSchedule({
    project: { key: project.key, name: project.name },
    ...(engagement ? { engagement: { key: engagement.key, name: engagement.name } } : {}),
    method,
    currency: engagement?.currency ?? project.currency,
    ...(total ? { total } : {}),
    ...(budgetedMinutes === undefined ? {} : { budgetedMinutes }),
    ...(input.milestones ? { milestones: input.milestones } : {}),
    delivery,
    asOf,
    updatedAt: now.toISOString(),
  });
}

async function postOne(
  options: RecognizeRevenueOptions,
  store: LedgerJsonStore<PostedRevenue>,
  project: Project,
  posting: RevenuePosting,
  now: () => Date,
  ids?: Readonly<Record<string, string>>,
): Promise<{ entry: RevenueEntryOutcome; record: StepRecordOutcome; exception?: IntegrationException }> {
  const journalKey = revenueJournalKey(project, posting.period);
  const base = {
    project: project.key,
    period: posting.period,
    journalKey,
    amount: posting.amount,
    adjustment: posting.adjustment,
  };
  const done = (
    status: StepRecordOutcome["status"],
    extra: Partial<StepRecordOutcome> = {},
    exception?: IntegrationException,
  ) => ({
    entry: { ...base, status },
    record: { key: journalKey, type: "JournalEntry", status, ...extra },
    ...(exception ? { exception } : {}),
  });
  if (posting.change === "unchanged") return done("unchanged");
  if (posting.amount.amount.replace(/[-0.]/g, "") === "") {
    // An entry cannot hold zero: the revenue once posted for this open period must be reversed by hand.
    const message = `revenue entry for ${posting.period} must be reversed to zero; NetSuite entries need an amount`;
    return done(
      "rejected",
      { reason: { code: "REVENUE_REVERSAL_REQUIRED", field: "amount", message } },
      revenueException(project, "REVENUE_REVERSAL_REQUIRED", message, now()),
    );
  }
  const rate = options.exchangeRate?.(project);
  const entry = revenueJournalEntry({
    project: { key: project.key, name: project.name, ...(ids ? { ids: { ...ids } } : {}) },
    period: posting.period,
    amount: posting.amount,
    accounts: options.accounts,
    ...(project.dimensions ? { dimensions: project.dimensions } : {}),
    ...(rate === undefined ? {} : { exchangeRate: rate }),
    updatedAt: now().toISOString(),
  });
  let result: NetSuiteRecordResult;
  try {
    result = await options.netsuite.upsertJournalEntry(entry);
  } catch (error) {
    return done("failed", {
      reason: { code: "FAILED", message: error instanceof Error ? error.message : String(error) },
    });
  }
  if (result.status === "written" || result.status === "unchanged") {
    await store.put(journalKey, { project: project.key, period: posting.period, amount: posting.amount });
    return done(result.status, result.internalId ? { targets: { netsuite: result.internalId } } : {});
  }
  const reason = {
    code: result.status === "rejected" ? (result.issues?.[0]?.code ?? "REJECTED") : "FAILED",
    ...(result.field === undefined ? {} : { field: result.field }),
    message: result.reason ?? "NetSuite did not take the journal entry",
  };
  return done(
    result.status,
    { reason },
    result.status === "rejected"
      ? revenueException(
          project,
          "REVENUE_ENTRY_REJECTED",
          `revenue entry for ${posting.period}: ${reason.message}`,
          now(),
        )
      : undefined,
  );
}

function revenueException(project: Project, code: string, message: string, now: Date): IntegrationException {
  return createIntegrationException({
    code,
    impact: "blocks-revenue",
    message,
    record: { key: project.key, type: "Project", project: project.key },
    now,
  });
}
