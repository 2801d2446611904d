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
  /**
   * Called for each row that cannot be read as a time entry (a column of the wrong type or form), with the
   * row's position, its id when readable, and the `ValidationError` naming the columns. The read goes on.
   * Without it, the rows are still all read and the iteration ends with a `ValidationError` listing them.
   */
  onRejected?: (rejection: PostedTimeRejection) => void;
}

/** A posted-time row that could not be read. */
export interface PostedTimeRejection {
  /** 0-based position of the row in the result. */
  index: number;
  /** The row's internal id, when it is readable. */
  id?: string;
  error: ValidationError;
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
  const { from, to, onRejected, ...paging } = options;
  const issues = [
    ...(ISO_DATE.test(from ?? "") ? [] : [{ path: "from", message: "must be a date YYYY-MM-DD" }]),
    ...(ISO_DATE.test(to ?? "") ? [] : [{ path: "to", message: "must be a date YYYY-MM-DD" }]),
  ];
  if (issues.length === 0 && from > to) issues.push({ path: "to", message: "must not be before from" });
  if (issues.length > 0) throw new ValidationError("invalid listPostedTime range", issues);
  const statement = sql`SELECT id, externalid, employee, customer, casetaskevent, TO_CHAR(trandate, 'YYYY-MM-DD') AS trandate, hours, isbillable, memo, approvalstatus, department, class, location, subsidiary, lastmodifieddate FROM timebill WHERE trandate >= TO_DATE(${from}, 'YYYY-MM-DD') AND trandate <= TO_DATE(${to}, 'YYYY-MM-DD') ORDER BY id`;
  const rejected: PostedTimeRejection[] = [];
  let index = 0;
  for await (const row of suiteql.rows(statement, paging)) {
    let entry: TimeEntry;
    try {
      entry = fromTimeBillRow(row as unknown as TimeBillRow, masterData);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const id = idOf(row);
      const rejection: PostedTimeRejection = { index, ...(id ? { id } : {}), error };
      if (onRejected) onRejected(rejection);
      else rejected.push(rejection);
      index++;
      continue;
    }
    index++;
    yield entry;
  }
  if (rejected.length > 0) {
    throw new ValidationError(
      `${rejected.length} posted time rows could not be read`,
      rejected.flatMap((r) =>
        r.error.issues.map((issue) => ({ ...issue, path: `rows[${r.index}].${issue.path}` })),
      ),
    );
  }
}

function idOf(row: unknown): string | undefined {
  try {
    const id = (row as { id?: unknown } | null)?.id;
    return typeof id === "string" || typeof id === "number" ? String(id) : undefined;
  } catch {
    return undefined;
  }
}
