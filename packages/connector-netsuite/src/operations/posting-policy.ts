import { checkPostable, type ExpenseLine, type PostingContext, type TimeEntry } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import { APPROVAL_REQUIRED } from "../mappers/context.js";

/**
 * Supplies canonical's posting context (project status and billing type, open periods, required and mapped
 * dimensions) for a record; return `undefined` to apply only the approval gate.
 */
export type PostingPolicy<T> = (record: T) => PostingContext | undefined;

/**
 * The approval gate every time entry and expense passes before it is posted, plus canonical's
 * `checkPostable` when a policy gives a context. Throws `ValidationError` with every violation (code =
 * canonical's reason code, e.g. `APPROVAL_REQUIRED`, `PERIOD_CLOSED`), which the batch runner files under
 * rejected. Never posts unapproved records, whatever the types say at compile time.
 */
export function assertPostable<T extends TimeEntry | ExpenseLine>(
  record: T,
  policy: PostingPolicy<T> | undefined,
): void {
  const context = policy?.(record);
  if (context) {
    const check = checkPostable(record, context);
    if (!check.postable) {
      throw new ValidationError(
        `${record.key} is not postable`,
        check.violations.map((v) => ({ path: v.field, message: v.message, code: v.code })),
      );
    }
    return;
  }
  if (record.approval?.state !== "approved") {
    throw new ValidationError(`${record.key} is not approved`, [
      { path: "approval.state", message: "only approved records may be posted", code: APPROVAL_REQUIRED },
    ]);
  }
}
