import { parseTimeEntry, type TimeEntry } from "@ledgerline/canonical";
import type {
  KantataStory,
  KantataTimeEntry,
  KantataTimesheetSubmission,
  KantataUser,
  KantataWorkspace,
} from "../kantata-types.js";
import { kantataApproval } from "./approval.js";
import { FieldReader, nameOf } from "./fields.js";
import { moneyFromCents } from "./money.js";
import { kantataOrigin, kantataRef } from "./source.js";

/** Records side-loaded with a time entry that {@link toTimeEntry} uses when present (all optional). */
export interface TimeEntryContext {
  user?: KantataUser | undefined;
  workspace?: KantataWorkspace | undefined;
  story?: KantataStory | undefined;
  /** The entry's active timesheet submission: tells pending from rejected when the entry is not approved. */
  submission?: KantataTimesheetSubmission | undefined;
}

/**
 * Kantata time entry → canonical {@link TimeEntry} in whatever approval state it is (see
 * {@link kantataApproval}). Pure and total: any record that is not a valid time entry — of whatever shape —
 * throws a `ValidationError` naming every offending field with its reason (never a value). Minutes stay
 * integer minutes; `rate_in_cents` and `cost_rate_in_cents` (sent only to tokens with financial access)
 * become exact hourly `billRate` / `costRate` in the entry's currency.
 */
export function toTimeEntry(entry: KantataTimeEntry, context: TimeEntryContext = {}): TimeEntry {
  const r = new FieldReader(entry, "Kantata time entry");
  const id = r.id("id");
  const updatedAt = r.instant("updated_at");
  const userId = r.id("user_id");
  const workspaceId = r.id("workspace_id");
  const storyId = r.id("story_id", "nullable");
  const date = r.date("date_performed");
  const minutes = r.integer("time_in_minutes");
  const billable = r.boolean("billable");
  const approved = r.boolean("approved");
  const activeSubmissionId = r.id("active_submission_id", "nullable");
  const currency = r.string("currency", "nullable");
  const base = r.integer("currency_base_unit", "nullable");
  const rate = r.integer("rate_in_cents", "nullable");
  const costRate = r.integer("cost_rate_in_cents", "nullable");
  const notes = r.string("notes", "nullable");
  const invoiced = r.boolean("is_invoiced", "optional");
  if (r.valid("time_in_minutes") && (minutes < 0 || minutes > 1440)) {
    r.add("time_in_minutes", "must be a whole number of minutes from 0 to 1440", "out_of_range");
  }
  r.check();
  const billRate = moneyFromCents(rate, currency, "rate_in_cents", base);
  const cost = moneyFromCents(costRate, currency, "cost_rate_in_cents", base);
  const submission = submissionOf(context.submission);
  return parseTimeEntry({
    ...kantataOrigin("time_entries", { id, updated_at: updatedAt }),
    resource: kantataRef("users", userId, nameOf(context.user, "full_name")),
    project: kantataRef("workspaces", workspaceId, nameOf(context.workspace, "title")),
    ...(storyId ? { task: kantataRef("stories", storyId, nameOf(context.story, "title")) } : {}),
    date,
    minutes,
    billable,
    approval: kantataApproval({ approved, active_submission_id: activeSubmissionId }, submission),
    ...(billRate ? { billRate } : {}),
    ...(cost ? { costRate: cost } : {}),
    ...(notes ? { notes } : {}),
    ...(invoiced !== undefined ? { invoiced } : {}),
    ...(activeSubmissionId ? { timesheetId: activeSubmissionId } : {}),
  });
}

/** The side-loaded submission when it has a usable id and status (a malformed include tells nothing). */
function submissionOf(
  submission: KantataTimesheetSubmission | undefined,
): KantataTimesheetSubmission | undefined {
  if (submission === undefined) return undefined;
  const r = new FieldReader(submission, "Kantata timesheet submission");
  r.id("id");
  r.string("status");
  return r.issues.length === 0 ? submission : undefined;
}
