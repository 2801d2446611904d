import { type Approval, normalizeApprovalState } from "@ledgerline/canonical";
import type { KantataExpenseReportSubmission, KantataTimesheetSubmission } from "../kantata-types.js";
import { kantataRef } from "./source.js";

/**
 * The canonical approval of a Kantata **time entry** (which carries `approved` itself):
 * - `approved: true` → `approved`;
 * - otherwise the status of its active timesheet submission when the response includes it (`pending` →
 *   `submitted`, `rejected` → `rejected`, `cancelled` → `draft`);
 * - no active submission → `draft` (never submitted);
 * - an active submission the response does not include → `other` with the raw facts: its status is unknown
 *   and is not guessed.
 */
export function kantataApproval(
  record: { approved: boolean; active_submission_id?: string | null | undefined },
  submission?: KantataTimesheetSubmission,
): Approval {
  if (record.approved) return { state: "approved", raw: "approved" };
  if (submission !== undefined) {
    const { state } = normalizeApprovalState(submission.status);
    // A submission approved while the entry itself is not: Kantata says "not approved"; keep it as other.
    return { state: state === "approved" ? "other" : state, raw: `submission ${submission.status}` };
  }
  if (record.active_submission_id === null || record.active_submission_id === undefined) {
    return { state: "draft", raw: "not submitted" };
  }
  return { state: "other", raw: "not approved, submission status unknown" };
}

/** The submission ids an expense carries. */
export interface ExpenseSubmissionIds {
  id: string;
  active_submission_id?: string | null | undefined;
  recent_submission_id?: string | null | undefined;
}

/**
 * The canonical approval of a Kantata **expense**. Expenses carry no approval attribute: approval lives on
 * the expense report submission (`active_submission_id`, else `recent_submission_id`), side-loaded with
 * `include=active_submission`.
 * - the submission is given, is the expense's and lists it in `expense_ids` → its `status`: `approved` →
 *   `approved` (with `approvedBy` / the resolution day when sent), `pending` → `submitted`, `rejected` →
 *   `rejected`, `cancelled` → `draft`;
 * - the expense was never submitted (no submission ids) → `draft`;
 * - anything else (the submission not in the response, or not listing the expense) → `other`: the status
 *   is unknown and never guessed, so the posting policy refuses the expense.
 */
export function expenseApproval(
  expense: ExpenseSubmissionIds,
  submission?: KantataExpenseReportSubmission,
): Approval {
  const submissionId = expense.active_submission_id ?? expense.recent_submission_id ?? undefined;
  if (submissionId === undefined) return { state: "draft", raw: "not submitted" };
  if (submission === undefined || submission.id !== submissionId) {
    return { state: "other", raw: "expense report submission not in the response; status unknown" };
  }
  if (!Array.isArray(submission.expense_ids) || !submission.expense_ids.includes(expense.id)) {
    return { state: "other", raw: "expense report submission does not list the expense" };
  }
  const { state } = normalizeApprovalState(submission.status);
  if (state !== "approved") return { state, raw: `expense report submission ${submission.status}` };
  const by = submission.current_resolution_creator_id;
  return {
    state: "approved",
    raw: "expense report submission approved",
    ...(typeof by === "string" ? { approvedBy: kantataRef("users", by) } : {}),
  };
}
