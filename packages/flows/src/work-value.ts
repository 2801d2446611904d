import {
  type ExpenseLine,
  type Money,
  type Project,
  rateTimesDuration,
  type TimeEntry,
} from "@ledgerline/canonical";

/** A piece of billable work: a time entry or an expense, with its exact billable value. */
export interface BillableWork {
  key: string;
  type: "TimeEntry" | "ExpenseLine";
  project: string;
  date: string;
  /** Minutes (time) or 0 (expenses). */
  minutes: number;
  /** Billable value: bill rate × minutes / 60 rounded half-even once (time), the amount (expenses). */
  value: Money;
  /** The record itself. */
  record: TimeEntry | ExpenseLine;
}

/** Why a time entry or expense is not billable work of a period, or undefined when it is. */
export function notBillableReason(
  record: TimeEntry | ExpenseLine,
  project: Project | undefined,
  periodEnd: string,
): string | undefined {
  if (!project) return "UNKNOWN_PROJECT";
  if (project.billingType.code !== "time_and_materials") return "NOT_TIME_AND_MATERIALS";
  if (!record.billable) return "NOT_BILLABLE";
  if (record.approval.state !== "approved") return "NOT_APPROVED";
  if (record.date > periodEnd) return "AFTER_PERIOD";
  if ("minutes" in record && record.billRate === undefined) return "NO_BILL_RATE";
  const currency = "minutes" in record ? record.billRate?.currency : record.amount.currency;
  if (currency !== project.currency) return "CURRENCY_MISMATCH";
  return undefined;
}

/** The billable value of a time entry (bill rate × minutes / 60, half-even) or an expense (its amount). */
export function workOf(record: TimeEntry | ExpenseLine): BillableWork {
  if ("minutes" in record) {
    if (!record.billRate)
      throw new TypeError("workOf: a time entry without a bill rate has no billable value");
    return {
      key: record.key,
      type: "TimeEntry",
      project: record.project.key,
      date: record.date,
      minutes: record.minutes,
      value: rateTimesDuration(record.billRate, record.minutes, { rounding: "half-even" }),
      record,
    };
  }
  return {
    key: record.key,
    type: "ExpenseLine",
    project: record.project.key,
    date: record.date,
    minutes: 0,
    value: record.amount,
    record,
  };
}
