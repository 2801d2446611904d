import { type Approval, normalizeApprovalState } from "@ledgerline/canonical";
import type { KantataTimesheetSubmission } from "../kantata-types.js";

/**
 * The canonical approval of a Kantata time entry or expense:
 * - `approved: true` → `approved`;
 * - otherwise the status of its active submission when the response includes it (`pending` → `submitted`,
 *   `rejected` → `rejected`, `cancelled` → `draft`);
 * - no active submission → `draft` (never submitted);
 * - an active submission the response does not include → `other` with the raw facts: its status is unknown
 *   and is not guessed.
 */
export function kantataApproval(
  record: { approved: boolean; active_submission_id?: string | null },
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
