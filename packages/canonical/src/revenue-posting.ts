import { ValidationError } from "@ledgerline/core";
import { canonicalKey } from "./canonical-key.js";
import type { Dimensions } from "./dimensions.js";
import type { JournalEntry, JournalLine } from "./journal-entry.js";
import { fromMinorUnits, type Money, toMinorUnits } from "./money.js";
import { PERIOD_PATTERN, periodEnd } from "./period.js";
import type { Ref } from "./ref.js";
import type { RevenueSchedule } from "./revenue-schedule.js";

/** Input of {@link planRevenuePostings}. */
export interface RevenuePostingPlanInput {
  /** The project's schedule; only its `recognized` lines are posted. */
  schedule: RevenueSchedule;
  /** What the ERP already holds per period for this project (the journal entry's amount), by `YYYY-MM`. */
  posted: Readonly<Record<string, Money>>;
  /** Periods closed in the ERP: what they hold is final. */
  closedPeriods: Iterable<string>;
  /**
   * The open period that takes the adjustments for closed periods (usually the current one). It must not
   * be closed.
   */
  openPeriod: string;
}

/** What one period's revenue journal entry must hold. */
export interface RevenuePosting {
  period: string;
  /** The entry's amount: positive recognises revenue, negative reverses it. */
  amount: Money;
  /** Part of `amount` that corrects closed periods (non-zero only in the open period). */
  adjustment: Money;
  /** What the ERP holds now for the period, if anything. */
  previous?: Money;
  /** `new`: nothing posted yet; `changed`: the posted amount must be replaced; `unchanged`: nothing to do. */
  change: "new" | "changed" | "unchanged";
}

/**
 * Decides the revenue journal entry of each open period, so the ERP holds exactly the schedule without
 * ever touching a closed period: an open period holds what it earned; a closed period keeps what it holds,
 * and the difference between what it earned and what it holds (a late milestone, revised progress) is
 * posted as an adjustment in `openPeriod`. Because the difference is taken against what closed periods
 * actually hold, a rerun yields the same amounts, and the sum over all periods always equals the revenue
 * recognised to date. Returns one posting per open period that has or had an amount, in period order.
 * @throws ValidationError when `openPeriod` is not a period or is closed, or a currency differs
 */
export function planRevenuePostings(input: RevenuePostingPlanInput): RevenuePosting[] {
  const { schedule, openPeriod } = input;
  if (!PERIOD_PATTERN.test(openPeriod ?? "")) {
    throw new ValidationError("planRevenuePostings: openPeriod must be YYYY-MM", [
      { path: "openPeriod", message: "must be a period YYYY-MM" },
    ]);
  }
  const closed = new Set(input.closedPeriods);
  if (closed.has(openPeriod)) {
    throw new ValidationError("planRevenuePostings: openPeriod is closed", [
      { path: "openPeriod", message: "must be an open period" },
    ]);
  }
  const currency = schedule.total.currency;
  const minor = (m: Money, path: string) => {
    if (m.currency !== currency) {
      throw new ValidationError(`planRevenuePostings: ${path} is in another currency`, [
        { path, message: "must be in the schedule currency" },
      ]);
    }
    return toMinorUnits(m);
  };
  const earned = new Map<string, bigint>();
  for (const line of schedule.lines) {
    if (line.status !== "recognized") continue;
    earned.set(line.period, (earned.get(line.period) ?? 0n) + minor(line.amount, `schedule.${line.period}`));
  }
  const posted = new Map<string, bigint>();
  for (const [period, amount] of Object.entries(input.posted))
    posted.set(period, minor(amount, `posted.${period}`));
  const periods = [...new Set([...earned.keys(), ...posted.keys(), openPeriod])].sort();
  let carry = 0n;
  const targets = new Map<string, bigint>();
  for (const period of periods) {
    if (closed.has(period)) carry += (earned.get(period) ?? 0n) - (posted.get(period) ?? 0n);
    else targets.set(period, earned.get(period) ?? 0n);
  }
  targets.set(openPeriod, (targets.get(openPeriod) ?? 0n) + carry);
  const out: RevenuePosting[] = [];
  for (const [period, target] of [...targets.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const previous = posted.get(period);
    if (previous === undefined && target === 0n) continue;
    out.push({
      period,
      amount: fromMinorUnits(target, currency),
      adjustment: fromMinorUnits(period === openPeriod ? carry : 0n, currency),
      ...(previous === undefined ? {} : { previous: fromMinorUnits(previous, currency) }),
      change: previous === undefined ? "new" : previous === target ? "unchanged" : "changed",
    });
  }
  return out;
}

/** GL account codes of revenue recognition. */
export interface RevenueAccounts {
  /** Deferred revenue (debited when revenue is recognised). */
  deferredRevenue: string;
  /** Revenue (credited when revenue is recognised). */
  revenue: string;
}

/** Input of {@link revenueJournalEntry}. */
export interface RevenueJournalInput {
  project: Ref;
  period: string;
  /** Positive recognises (Dr deferred revenue, Cr revenue); negative reverses (the sides swap). Not zero. */
  amount: Money;
  accounts: RevenueAccounts;
  /** The project's dimensions, on the header and on each line. */
  dimensions?: Dimensions;
  /** Units of the subsidiary's currency per unit of `amount.currency`, when they differ. */
  exchangeRate?: string;
  /** Transaction date. @default the period's last day */
  date?: string;
  /** When the amounts were computed (the entry's `source.updatedAt`). */
  updatedAt: string;
}

/** The canonical key of a project's revenue journal entry for a period — its external id in the ERP. */
export function revenueJournalKey(project: Ref, period: string): string {
  return canonicalKey({ system: "ledgerline", type: "revenue_je", id: `${project.key}:${period}` });
}

/**
 * The revenue journal entry of a project and period: deferred revenue ↔ revenue for `amount`, with the
 * project as the lines' entity and its dimensions, keyed by {@link revenueJournalKey} so a rerun or an
 * adjustment updates the same entry instead of adding one.
 * @throws ValidationError when `amount` is zero (an entry needs a non-zero amount) or the period is invalid
 */
export function revenueJournalEntry(input: RevenueJournalInput): JournalEntry {
  const { project, period, amount, accounts } = input;
  if (!PERIOD_PATTERN.test(period ?? "")) {
    throw new ValidationError("revenueJournalEntry: period must be YYYY-MM", [
      { path: "period", message: "must be a period YYYY-MM" },
    ]);
  }
  const value = toMinorUnits(amount);
  if (value === 0n) {
    throw new ValidationError("revenueJournalEntry: amount must not be zero", [
      { path: "amount", message: "must not be zero" },
    ]);
  }
  const abs = fromMinorUnits(value < 0n ? -value : value, amount.currency);
  const [debitAccount, creditAccount] =
    value > 0n ? [accounts.deferredRevenue, accounts.revenue] : [accounts.revenue, accounts.deferredRevenue];
  const memo = `Revenue ${period}${value < 0n ? " (reversal)" : ""}`;
  const common: Omit<JournalLine, "account"> = {
    memo,
    entity: project,
    ...(input.dimensions ? { dimensions: input.dimensions } : {}),
  };
  const key = revenueJournalKey(project, period);
  return {
    key,
    source: {
      system: "ledgerline",
      type: "revenue_je",
      id: `${project.key}:${period}`,
      version: `${amount.amount}`,
      updatedAt: input.updatedAt,
    },
    date: input.date ?? periodEnd(period),
    period,
    currency: amount.currency,
    ...(input.exchangeRate === undefined ? {} : { exchangeRate: input.exchangeRate }),
    project,
    memo,
    ...(input.dimensions ? { dimensions: input.dimensions } : {}),
    lines: [
      { account: debitAccount, debit: abs, ...common },
      { account: creditAccount, credit: abs, ...common },
    ],
  };
}
