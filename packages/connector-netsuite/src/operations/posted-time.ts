import type { TimeEntry } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import type { NetSuiteMasterData } from "../mappers/context.js";
import { fromTimeBillRow, type TimeBillRow } from "../mappers/posted-time.js";
import type { SuiteQL, SuiteQLOptions } from "../suiteql.js";
import { sql } from "../suiteql-statement.js";

/** Options of `listPostedTime`. */
export interface ListPostedTimeOptions extends SuiteQLOptions {
  /** First day, `YYYY-MM-DD`, inclusive. */
  from: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  to: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Posted time (`timebill`) with `trandate` in `[from, to]`, as canonical time entries keyed by the
 * external id Ledgerline wrote — the ERP side of a PSA-vs-ERP reconciliation. Streams page by page.
 * @throws ValidationError naming `from` / `to` when they are not dates in order
 * @throws SuiteQLRowLimitError when the range holds more than 100,000 entries (split the range)
 */
export async function* listPostedTime(
  suiteql: SuiteQL,
  masterData: NetSuiteMasterData,
  options: ListPostedTimeOptions,
): AsyncIterable<TimeEntry> {
  const { from, to, ...paging } = options;
  const issues = [
    ...(ISO_DATE.test(from ?? "") ? [] : [{ path: "from", message: "must be a date YYYY-MM-DD" }]),
    ...(ISO_DATE.test(to ?? "") ? [] : [{ path: "to", message: "must be a date YYYY-MM-DD" }]),
  ];
  if (issues.length === 0 && from > to) issues.push({ path: "to", message: "must not be before from" });
  if (issues.length > 0) throw new ValidationError("invalid listPostedTime range", issues);
  const statement = sql`SELECT id, externalid, employee, customer, casetaskevent, TO_CHAR(trandate, 'YYYY-MM-DD') AS trandate, hours, isbillable, memo, approvalstatus, department, class, location, subsidiary, lastmodifieddate FROM timebill WHERE trandate >= TO_DATE(${from}, 'YYYY-MM-DD') AND trandate <= TO_DATE(${to}, 'YYYY-MM-DD') ORDER BY id`;
  for await (const row of suiteql.rows(statement, paging)) {
    yield fromTimeBillRow(row as unknown as TimeBillRow, masterData);
  }
}
