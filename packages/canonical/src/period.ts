import { z } from "zod";

/** Pattern of an accounting period `YYYY-MM` (a calendar month). */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Schema of an accounting period `YYYY-MM`. */
export const PeriodSchema = z.string().regex(PERIOD_PATTERN, { error: "must be a period YYYY-MM" });

/** The accounting period (`YYYY-MM`) of a date `YYYY-MM-DD` or an ISO instant (its UTC date). */
export function periodOf(date: string): string {
  const period = typeof date === "string" ? date.slice(0, 7) : "";
  if (!PERIOD_PATTERN.test(period)) throw new TypeError("periodOf: date must start with YYYY-MM");
  return period;
}

/** The period after `period`: `2026-12` → `2027-01`. */
export function nextPeriod(period: string): string {
  if (!PERIOD_PATTERN.test(period)) throw new TypeError("nextPeriod: period must be YYYY-MM");
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
}

/** Last day of a period as `YYYY-MM-DD`: `2026-02` → `2026-02-28`. */
export function periodEnd(period: string): string {
  if (!PERIOD_PATTERN.test(period)) throw new TypeError("periodEnd: period must be YYYY-MM");
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${period}-${String(last).padStart(2, "0")}`;
}
