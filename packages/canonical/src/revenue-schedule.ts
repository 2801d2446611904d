import { ValidationError } from "@ledgerline/core";
import { z } from "zod";
import { canonicalKey } from "./canonical-key.js";
import type { CurrencyCode } from "./currency.js";
import { divRound, type RoundingMode } from "./decimal.js";
import type { Engagement } from "./engagement.js";
import { RevenueTreatment } from "./enums.js";
import type { Milestone } from "./milestone.js";
import { fromMinorUnits, type Money, MoneySchema, sumMoney, toMinorUnits } from "./money.js";
import { nextPeriod, PeriodSchema, periodEnd, periodOf } from "./period.js";
import { recordFields } from "./record.js";
import { type Ref, RefSchema } from "./ref.js";
import { IsoDateSchema } from "./source.js";

/** State of one revenue line. */
export const REVENUE_LINE_STATUSES = ["planned", "recognized", "reversed"] as const;

/** Revenue planned or recognised in one accounting period (`YYYY-MM`). */
export const RevenueLineSchema = z.object({
  period: PeriodSchema,
  amount: MoneySchema,
  status: z.enum(REVENUE_LINE_STATUSES),
  recognizedOn: IsoDateSchema.optional(),
});
/** A revenue line. */
export type RevenueLine = z.infer<typeof RevenueLineSchema>;

/** How revenue of a project / engagement is recognised over periods; lines sum exactly to `total`. */
export const RevenueScheduleSchema = z
  .object({
    ...recordFields,
    project: RefSchema,
    engagement: RefSchema.optional(),
    treatment: RevenueTreatment.schema,
    total: MoneySchema,
    lines: z.array(RevenueLineSchema),
  })
  .check((ctx) => {
    const { total, lines } = ctx.value;
    const mismatch = lines.findIndex((l) => l.amount.currency !== total.currency);
    if (mismatch !== -1) {
      ctx.issues.push({
        code: "custom",
        input: undefined,
        path: ["lines", mismatch, "amount", "currency"],
        message: "must equal total.currency",
      });
      return;
    }
    try {
      if (
        sumMoney(
          lines.map((l) => l.amount),
          total.currency,
        ).amount !== sumMoney([total]).amount
      ) {
        ctx.issues.push({
          code: "custom",
          input: undefined,
          path: ["lines"],
          message: "line amounts must sum exactly to total",
        });
      }
    } catch {
      // Malformed amounts are reported by the Money schema itself.
    }
  })
  .meta({ title: "RevenueSchedule", description: "Revenue recognition plan per period" });
/** A revenue schedule. See {@link RevenueScheduleSchema}. */
export type RevenueSchedule = z.infer<typeof RevenueScheduleSchema>;

/**
 * How a project's revenue is earned, as {@link computeRevenueSchedule} reads the engagement terms:
 * - `milestones`: fixed fee recognised when each milestone is completed (or accepted), at its amount;
 * - `percent_complete`: fixed fee recognised by approved hours against the budgeted hours (capped at 100%);
 * - `as_delivered`: time and materials, recognised at the value of the approved work in the period it was done.
 */
export type RevenueMethod = "milestones" | "percent_complete" | "as_delivered";

/** Approved work delivered on a day: minutes (percent complete) and its billable value (T&M). */
export interface RevenueDelivery {
  /** Day worked, `YYYY-MM-DD`. */
  date: string;
  /** Whole minutes. */
  minutes: number;
  /** Billable value of the work (as delivered); required for `as_delivered`. */
  value?: Money;
}

/** Input of {@link computeRevenueSchedule}. */
export interface RevenueScheduleInput {
  project: Ref;
  engagement?: Ref;
  method: RevenueMethod;
  /** Currency of the schedule (the engagement's). */
  currency: CurrencyCode;
  /** Contract value (fixed fee). Required for `percent_complete`; for `milestones` defaults to the milestones' sum. */
  total?: Money;
  /** Budgeted minutes (`percent_complete`). */
  budgetedMinutes?: number;
  /** The project's milestones (`milestones`). Cancelled ones earn nothing. */
  milestones?: readonly Milestone[];
  /** Approved delivery (`percent_complete`, `as_delivered`). */
  delivery?: readonly RevenueDelivery[];
  /** Nothing after this day (`YYYY-MM-DD`) is recognised; the rest of a fixed fee is planned after it. */
  asOf: string;
  /** Rounding of percent-complete amounts to the minor unit. @default "half-even" */
  rounding?: RoundingMode;
  /** When the inputs were read (the schedule's `source.updatedAt`). @default asOf at 00:00 UTC */
  updatedAt?: string;
}

const COMPLETED = new Set(["completed", "accepted"]);

function invalid(path: string, message: string): never {
  throw new ValidationError(`revenue schedule: ${path} ${message}`, [{ path, message }]);
}

/**
 * Computes a project's {@link RevenueSchedule} from its engagement terms and delivery, exactly: one
 * `recognized` line per period up to `asOf` holding what was earned in that period, and for a fixed fee one
 * `planned` line (the period after `asOf`) for what is not earned yet. Lines sum exactly to `total`.
 * Percent complete: cumulative earned = total × min(minutes to date, budget) / budget, rounded once per
 * period on the cumulative figure, so the periods always add up and 100% is exactly the total.
 * @throws ValidationError naming the input field at fault (missing total or budget, a milestone or
 * delivery value in another currency, milestones worth more than the total …)
 */
export function computeRevenueSchedule(input: RevenueScheduleInput): RevenueSchedule {
  const { currency, asOf } = input;
  if (!IsoDateSchema.safeParse(asOf).success) invalid("asOf", "must be a date YYYY-MM-DD");
  const asOfPeriod = periodOf(asOf);
  const earned = new Map<string, bigint>();
  const add = (period: string, minor: bigint) => earned.set(period, (earned.get(period) ?? 0n) + minor);
  const sameCurrency = (m: Money, path: string) => {
    if (m.currency !== currency) invalid(path, "must be in the schedule currency");
    return toMinorUnits(m);
  };
  let totalMinor: bigint;
  if (input.method === "milestones") {
    const milestones = (input.milestones ?? []).filter((m) => m.state !== "cancelled");
    const amounts = milestones.map((m, i) =>
      m.amount === undefined
        ? invalid(`milestones[${i}].amount`, "is required")
        : sameCurrency(m.amount, `milestones[${i}].amount`),
    );
    const sum = amounts.reduce((a, b) => a + b, 0n);
    totalMinor = input.total ? sameCurrency(input.total, "total") : sum;
    if (sum > totalMinor) invalid("milestones", "are worth more than the total");
    for (const [i, m] of milestones.entries()) {
      if (!COMPLETED.has(m.state) || m.completedOn === undefined || m.completedOn > asOf) continue;
      add(periodOf(m.completedOn), amounts[i] ?? 0n);
    }
  } else if (input.method === "percent_complete") {
    if (!input.total) invalid("total", "is required for percent complete");
    totalMinor = sameCurrency(input.total, "total");
    const budget = input.budgetedMinutes;
    if (budget === undefined || !Number.isSafeInteger(budget) || budget <= 0) {
      invalid("budgetedMinutes", "must be a positive integer for percent complete");
    }
    const byPeriod = new Map<string, number>();
    for (const [i, d] of (input.delivery ?? []).entries()) {
      if (!Number.isSafeInteger(d.minutes) || d.minutes < 0)
        invalid(`delivery[${i}].minutes`, "must be a whole number");
      if (d.date > asOf) continue;
      const p = periodOf(d.date);
      byPeriod.set(p, (byPeriod.get(p) ?? 0) + d.minutes);
    }
    const rounding = input.rounding ?? "half-even";
    let cumulativeMinutes = 0n;
    let cumulativeEarned = 0n;
    for (const p of [...byPeriod.keys()].sort()) {
      cumulativeMinutes += BigInt(byPeriod.get(p) ?? 0);
      const capped = cumulativeMinutes > BigInt(budget) ? BigInt(budget) : cumulativeMinutes;
      const target = divRound(totalMinor * capped, BigInt(budget), rounding);
      add(p, target - cumulativeEarned);
      cumulativeEarned = target;
    }
  } else if (input.method === "as_delivered") {
    totalMinor = 0n;
    for (const [i, d] of (input.delivery ?? []).entries()) {
      if (d.date > asOf) continue;
      if (!d.value) invalid(`delivery[${i}].value`, "is required as delivered");
      const minor = sameCurrency(d.value, `delivery[${i}].value`);
      add(periodOf(d.date), minor);
      totalMinor += minor;
    }
  } else {
    invalid("method", "must be milestones, percent_complete or as_delivered");
  }
  const lines: RevenueLine[] = [...earned.keys()]
    .sort()
    .filter((p) => earned.get(p) !== 0n)
    .map((p) => ({
      period: p,
      amount: fromMinorUnits(earned.get(p) ?? 0n, currency),
      status: "recognized" as const,
      recognizedOn: p === asOfPeriod ? asOf : periodEnd(p),
    }));
  const recognized = [...earned.values()].reduce((a, b) => a + b, 0n);
  if (totalMinor !== recognized) {
    lines.push({
      period: nextPeriod(asOfPeriod),
      amount: fromMinorUnits(totalMinor - recognized, currency),
      status: "planned",
    });
  }
  const source = {
    system: "ledgerline",
    type: "revenue_schedule",
    id: input.project.key,
    version: asOf,
    updatedAt: input.updatedAt ?? `${asOf}T00:00:00Z`,
  };
  return {
    key: canonicalKey(source),
    source,
    project: input.project,
    ...(input.engagement ? { engagement: input.engagement } : {}),
    treatment: TREATMENT_OF[input.method],
    total: fromMinorUnits(totalMinor, currency),
    lines,
  };
}

const TREATMENT_OF: Record<RevenueMethod, RevenueSchedule["treatment"]> = {
  milestones: { code: "milestone" },
  percent_complete: { code: "percent_complete" },
  as_delivered: { code: "as_billed" },
};

/**
 * The revenue method the engagement terms call for: time and materials → `as_delivered`; a fixed fee whose
 * revenue treatment is percent complete → `percent_complete`; a milestone project, or a fixed fee with
 * milestone treatment → `milestones`. `undefined` for terms that recognise no revenue (non-billable,
 * retainers, or a treatment this function does not compute).
 */
export function revenueMethodOf(
  terms: Pick<Engagement, "billingType" | "revenueTreatment">,
): RevenueMethod | undefined {
  const billing = terms.billingType.code;
  const treatment = terms.revenueTreatment?.code;
  if (billing === "time_and_materials") return "as_delivered";
  if (billing === "milestone") return treatment === "percent_complete" ? "percent_complete" : "milestones";
  if (billing === "fixed_fee") {
    if (treatment === "percent_complete") return "percent_complete";
    if (treatment === "milestone" || treatment === undefined) return "milestones";
  }
  return undefined;
}
