import type { SuiteQL } from "../suiteql.js";
import { sql } from "../suiteql-statement.js";

/** A NetSuite accounting period as Ledgerline reads it. */
export interface AccountingPeriod {
  /** Internal id (what a transaction's `postingPeriod` references). */
  id: string;
  /** The period's name in the account (`Feb 2026`). */
  name: string;
  /** First day, `YYYY-MM-DD`. */
  startDate: string;
  /** Last day, `YYYY-MM-DD`. */
  endDate: string;
  /** True when the period is closed (or all its transactions are locked): nothing posts into it. */
  closed: boolean;
  /** True for a quarter or year period (a summary, never posted to). */
  summary: boolean;
}

/**
 * Every accounting period of the account (SuiteQL `accountingperiod`), in start-date order, with whether it
 * is closed — what a revenue step needs to know which periods it must not write into.
 */
export async function listAccountingPeriods(suiteql: SuiteQL): Promise<AccountingPeriod[]> {
  const rows = await suiteql.all(
    sql`SELECT id, periodname, TO_CHAR(startdate, 'YYYY-MM-DD') AS startdate, TO_CHAR(enddate, 'YYYY-MM-DD') AS enddate, closed, alllocked, isquarter, isyear FROM accountingperiod ORDER BY startdate`,
  );
  const text = (value: unknown) =>
    typeof value === "string" || typeof value === "number" ? String(value) : "";
  return rows.map((row) => ({
    id: text(row.id),
    name: text(row.periodname),
    startDate: text(row.startdate),
    endDate: text(row.enddate),
    closed: row.closed === "T" || row.alllocked === "T",
    summary: row.isquarter === "T" || row.isyear === "T",
  }));
}
