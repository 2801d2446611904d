import { parseTimeEntry, type TimeEntry } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import type {
  KantataStory,
  KantataTimeEntry,
  KantataTimesheetSubmission,
  KantataUser,
  KantataWorkspace,
} from "../kantata-types.js";
import { kantataApproval } from "./approval.js";
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
 * {@link kantataApproval}). Pure. Minutes stay integer minutes; `rate_in_cents` and `cost_rate_in_cents`
 * become exact hourly `billRate` / `costRate` in the entry's currency.
 *
 * Throws {@link ValidationError} naming `time_in_minutes` when it is not a whole number from 0 to 1440.
 */
export function toTimeEntry(entry: KantataTimeEntry, context: TimeEntryContext = {}): TimeEntry {
  if (!Number.isInteger(entry.time_in_minutes) || entry.time_in_minutes < 0 || entry.time_in_minutes > 1440) {
    throw new ValidationError(`Time entry ${entry.id} has invalid minutes`, [
      { path: "time_in_minutes", message: "must be a whole number of minutes from 0 to 1440" },
    ]);
  }
  const base = entry.currency_base_unit;
  const billRate = moneyFromCents(entry.rate_in_cents, entry.currency, "rate_in_cents", base);
  const costRate = moneyFromCents(entry.cost_rate_in_cents, entry.currency, "cost_rate_in_cents", base);
  return parseTimeEntry({
    ...kantataOrigin("time_entries", entry),
    resource: kantataRef("users", entry.user_id, context.user?.full_name),
    project: kantataRef("workspaces", entry.workspace_id, context.workspace?.title),
    ...(entry.story_id ? { task: kantataRef("stories", entry.story_id, context.story?.title) } : {}),
    date: entry.date_performed,
    minutes: entry.time_in_minutes,
    billable: entry.billable,
    approval: kantataApproval(entry, context.submission),
    ...(billRate ? { billRate } : {}),
    ...(costRate ? { costRate } : {}),
    ...(entry.notes ? { notes: entry.notes } : {}),
    ...(entry.is_invoiced !== undefined ? { invoiced: entry.is_invoiced } : {}),
    ...(entry.active_submission_id ? { timesheetId: entry.active_submission_id } : {}),
  });
}
