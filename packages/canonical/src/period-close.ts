import { ValidationError } from "@ledgerline/core";
import type { CurrencyCode } from "./currency.js";
import { DECIMAL_PATTERN, parseDecimal } from "./decimal.js";
import { createIntegrationException, type IntegrationException } from "./integration-exception.js";
import {
  addMoney,
  convertMoney,
  fromMinorUnits,
  type Money,
  subtractMoney,
  toMinorUnits,
  zeroMoney,
} from "./money.js";

/** What finance reconciles per project at period close. */
export interface ProjectCloseInput {
  /** Canonical key of the project (the same in every system). */
  project: string;
  /** Display name. */
  name?: string;
  /** Minutes of approved time in the PSA for the period. */
  approvedMinutes: number;
  /** Minutes of that time posted to the ERP. */
  postedMinutes: number;
  /** Value of the approved billable time and expenses (transaction currency). */
  approvedBillable: Money;
  /** Invoiced in the ERP. */
  billed: Money;
  /** Approved, billable and not invoiced yet (work in progress). */
  unbilled: Money;
  /** Revenue earned per the revenue schedule up to the period's end. */
  accrued: Money;
  /** Revenue recognised in the ERP (revenue journal entries). */
  recognized: Money;
  /** The subsidiary's (books') currency. @default the transaction currency */
  subsidiaryCurrency?: CurrencyCode;
  /** Units of the subsidiary's currency per unit of the transaction currency. @default "1" */
  rate?: string;
}

/** The measures a close checks; each is a difference that should be zero. */
export const CLOSE_MEASURES = ["hours", "billing", "revenue"] as const;
/**
 * A close measure: `hours` = approved − posted minutes; `billing` = approved billable − (billed + unbilled);
 * `revenue` = accrued − recognised.
 */
export type CloseMeasure = (typeof CLOSE_MEASURES)[number];

/**
 * How far a measure may be off before it is an exception. A difference is tolerated when it is within the
 * `absolute` tolerance (minutes for `hours`, an amount in the subsidiary's currency otherwise) or within
 * `relative` × the measure's base (approved minutes, approved billable value, accrued revenue). Without a
 * tolerance every non-zero difference is an exception.
 */
export interface CloseTolerance {
  /** A decimal, e.g. `"30"` minutes or `"5.00"`. @default "0" */
  absolute?: string;
  /** A decimal fraction, e.g. `"0.01"` for 1%. @default "0" */
  relative?: string;
}

/** Tolerances per measure. */
export type CloseTolerances = Partial<Record<CloseMeasure, CloseTolerance>>;

/** Amounts of one project in the transaction and the subsidiary currency, with the rate used. */
export interface CloseAmounts {
  approvedBillable: Money;
  billed: Money;
  unbilled: Money;
  accrued: Money;
  recognized: Money;
  /** Billed − recognised: positive is deferred revenue, negative is revenue not billed yet. */
  deferred: Money;
}

/** One measure of one project. */
export interface CloseCheck {
  measure: CloseMeasure;
  /** The difference: minutes as a decimal string for `hours`, else an amount in the subsidiary currency. */
  difference: string;
  /** True when the difference is beyond the tolerance. */
  exception: boolean;
}

/** The close of one project. */
export interface ProjectClose {
  project: string;
  name?: string;
  approvedMinutes: number;
  postedMinutes: number;
  unpostedMinutes: number;
  /** In the transaction currency. */
  transaction: CloseAmounts;
  /** In the subsidiary's currency, converted at `rate` (half-even, once per figure). */
  subsidiary: CloseAmounts;
  rate: string;
  checks: CloseCheck[];
  /** True when no check is an exception. */
  tiesOut: boolean;
}

/** Totals of a close in one subsidiary currency. */
export interface CloseTotals {
  currency: string;
  projects: number;
  approvedMinutes: number;
  postedMinutes: number;
  amounts: CloseAmounts;
  exceptions: number;
}

/** Result of {@link computeClose}. */
export interface CloseComputation {
  period: string;
  projects: ProjectClose[];
  /** One entry per subsidiary currency, in currency order. */
  totals: CloseTotals[];
  /** One exception per project and measure beyond tolerance, first seen now. */
  exceptions: IntegrationException[];
}

const AMOUNT_FIELDS = ["approvedBillable", "billed", "unbilled", "accrued", "recognized"] as const;

const EXCEPTION_CODES: Record<CloseMeasure, string> = {
  hours: "CLOSE_UNPOSTED_TIME",
  billing: "CLOSE_BILLING_MISMATCH",
  revenue: "CLOSE_REVENUE_MISMATCH",
};

function decimalOption(value: string | undefined, path: string): { units: bigint; scale: number } {
  const parsed = parseDecimal(value ?? "0");
  if (!parsed || !DECIMAL_PATTERN.test(value ?? "0") || parsed.units < 0n) {
    throw new ValidationError(`computeClose: ${path} must be a non-negative decimal`, [
      { path, message: "must be a non-negative decimal string" },
    ]);
  }
  return parsed;
}

/** |diff| beyond both tolerances? All values scaled to a common scale. */
function beyond(
  diff: { units: bigint; scale: number },
  base: { units: bigint; scale: number },
  tol: CloseTolerance | undefined,
  path: string,
): boolean {
  const abs = decimalOption(tol?.absolute, `${path}.absolute`);
  const rel = decimalOption(tol?.relative, `${path}.relative`);
  const scale = Math.max(diff.scale, abs.scale, base.scale + rel.scale);
  const up = (v: { units: bigint; scale: number }) => v.units * 10n ** BigInt(scale - v.scale);
  const d = up(diff) < 0n ? -up(diff) : up(diff);
  const b = base.units < 0n ? -base.units : base.units;
  const relLimit = b * rel.units * 10n ** BigInt(scale - base.scale - rel.scale);
  return d > up(abs) && d > relLimit;
}

function scaled(m: Money): { units: bigint; scale: number } {
  const parsed = parseDecimal(m.amount);
  if (!parsed) throw new TypeError("computeClose: amount is not a decimal");
  return parsed;
}

/**
 * Reconciles a period per project and in total on the same project keys: approved vs posted time, billed +
 * unbilled vs approved billable value, accrued vs recognised revenue, and the deferred balance — in the
 * transaction currency and in the subsidiary's currency at the given rate, exactly. Each measure is an
 * exception when beyond the finance {@link CloseTolerances}; exceptions carry the business impact and the
 * hours (never amounts) in their message.
 * @throws ValidationError naming the field when a figure is in another currency, minutes are not whole,
 * or a tolerance or rate is not a decimal
 */
export function computeClose(
  period: string,
  inputs: readonly ProjectCloseInput[],
  options: { tolerances?: CloseTolerances; now?: Date } = {},
): CloseComputation {
  const now = options.now ?? new Date();
  const projects: ProjectClose[] = [];
  const exceptions: IntegrationException[] = [];
  for (const [i, input] of inputs.entries()) {
    const currency = input.approvedBillable.currency;
    for (const field of AMOUNT_FIELDS) {
      if (input[field].currency !== currency) {
        throw new ValidationError(`computeClose: projects[${i}].${field} is in another currency`, [
          { path: `projects[${i}].${field}.currency`, message: "must equal approvedBillable.currency" },
        ]);
      }
    }
    for (const field of ["approvedMinutes", "postedMinutes"] as const) {
      if (!Number.isSafeInteger(input[field]) || input[field] < 0) {
        throw new ValidationError(`computeClose: projects[${i}].${field} must be whole minutes`, [
          { path: `projects[${i}].${field}`, message: "must be a non-negative integer" },
        ]);
      }
    }
    const rate = input.rate ?? "1";
    const parsedRate = parseDecimal(rate);
    if (!parsedRate || parsedRate.units <= 0n) {
      throw new ValidationError(`computeClose: projects[${i}].rate must be a positive decimal`, [
        { path: `projects[${i}].rate`, message: "must be a positive decimal string" },
      ]);
    }
    const books = input.subsidiaryCurrency ?? currency;
    const transaction: CloseAmounts = {
      approvedBillable: input.approvedBillable,
      billed: input.billed,
      unbilled: input.unbilled,
      accrued: input.accrued,
      recognized: input.recognized,
      deferred: subtractMoney(input.billed, input.recognized),
    };
    const convert = (m: Money): Money =>
      books === currency && rate === "1" ? m : convertMoney(m, { to: books, rate, rounding: "half-even" });
    const subsidiary = Object.fromEntries(
      Object.entries(transaction).map(([k, v]) => [k, convert(v)]),
    ) as unknown as CloseAmounts;
    const unposted = input.approvedMinutes - input.postedMinutes;
    const billingDiff = subtractMoney(
      subsidiary.approvedBillable,
      addMoney(subsidiary.billed, subsidiary.unbilled),
    );
    const revenueDiff = subtractMoney(subsidiary.accrued, subsidiary.recognized);
    const tol = options.tolerances ?? {};
    const checks: CloseCheck[] = [
      {
        measure: "hours",
        difference: String(unposted),
        exception: beyond(
          { units: BigInt(unposted), scale: 0 },
          { units: BigInt(input.approvedMinutes), scale: 0 },
          tol.hours,
          "tolerances.hours",
        ),
      },
      {
        measure: "billing",
        difference: billingDiff.amount,
        exception: beyond(
          scaled(billingDiff),
          scaled(subsidiary.approvedBillable),
          tol.billing,
          "tolerances.billing",
        ),
      },
      {
        measure: "revenue",
        difference: revenueDiff.amount,
        exception: beyond(scaled(revenueDiff), scaled(subsidiary.accrued), tol.revenue, "tolerances.revenue"),
      },
    ];
    for (const check of checks) {
      if (!check.exception) continue;
      exceptions.push(
        createIntegrationException({
          code: EXCEPTION_CODES[check.measure],
          impact:
            check.measure === "hours"
              ? "blocks-cost-posting"
              : check.measure === "billing"
                ? "blocks-billing"
                : "blocks-revenue",
          message: closeMessage(check.measure, input, period),
          record: { key: input.project, type: "Project", project: input.project },
          field: check.measure,
          now,
        }),
      );
    }
    projects.push({
      project: input.project,
      ...(input.name === undefined ? {} : { name: input.name }),
      approvedMinutes: input.approvedMinutes,
      postedMinutes: input.postedMinutes,
      unpostedMinutes: unposted,
      transaction,
      subsidiary,
      rate,
      checks,
      tiesOut: checks.every((c) => !c.exception),
    });
  }
  return { period, projects, totals: totalsOf(projects), exceptions };
}

function closeMessage(measure: CloseMeasure, input: ProjectCloseInput, period: string): string {
  const who = input.name ?? input.project;
  if (measure === "hours") {
    const hours = (input.approvedMinutes - input.postedMinutes) / 60;
    return `project ${who} has ${hours} h of approved time not posted in ${period}`;
  }
  if (measure === "billing")
    return `project ${who}: billed + unbilled does not equal approved billable value in ${period}`;
  return `project ${who}: recognised revenue differs from the revenue schedule in ${period}`;
}

function totalsOf(projects: readonly ProjectClose[]): CloseTotals[] {
  const byCurrency = new Map<string, ProjectClose[]>();
  for (const p of projects) {
    const c = p.subsidiary.approvedBillable.currency;
    byCurrency.set(c, [...(byCurrency.get(c) ?? []), p]);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, list]) => {
      const sum = (field: keyof CloseAmounts) =>
        fromMinorUnits(
          list.reduce((acc, p) => acc + toMinorUnits(p.subsidiary[field]), toMinorUnits(zeroMoney(currency))),
          currency,
        );
      return {
        currency,
        projects: list.length,
        approvedMinutes: list.reduce((a, p) => a + p.approvedMinutes, 0),
        postedMinutes: list.reduce((a, p) => a + p.postedMinutes, 0),
        amounts: {
          approvedBillable: sum("approvedBillable"),
          billed: sum("billed"),
          unbilled: sum("unbilled"),
          accrued: sum("accrued"),
          recognized: sum("recognized"),
          deferred: sum("deferred"),
        },
        exceptions: list.reduce((a, p) => a + p.checks.filter((c) => c.exception).length, 0),
      };
    });
}
