import { type Milestone, parseMilestone } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import type { KantataStory, KantataWorkspace } from "../kantata-types.js";
import { FieldReader, nameOf, objectOrUndefined } from "./fields.js";
import { moneyFromCents } from "./money.js";
import { kantataOrigin, kantataRef } from "./source.js";

/** What {@link toMilestone} needs besides the story. */
export interface MilestoneContext {
  /** The story's workspace: names the project reference and gives the currency of `amount`. */
  workspace?: KantataWorkspace | undefined;
  /**
   * The day the milestone was completed. Kantata stories carry no completion date, so a completed
   * milestone needs it from the caller (e.g. the day an incremental read first saw it completed).
   */
  completedOn?: string | undefined;
}

/** Kantata story states and their canonical milestone state. Anything else maps to `other`. */
const STATES: Record<string, Milestone["state"]> = {
  "not started": "open",
  started: "open",
  "needs feedback": "open",
  blocked: "open",
  completed: "completed",
  accepted: "accepted",
  cancelled: "cancelled",
  canceled: "cancelled",
};

/**
 * Kantata story of type `milestone` → canonical {@link Milestone}. Pure and total: a record that is not a
 * valid story throws a `ValidationError` naming every offending field (never a value).
 *
 * `amount` comes from `budget_estimate_in_cents` in the workspace's currency (only when the workspace is
 * given and sends its currency: the currency is never assumed). Throws `ValidationError` naming
 * `story_type` for a story that is not a milestone, and `completedOn` for a completed one without
 * `context.completedOn`.
 */
export function toMilestone(story: KantataStory, context: MilestoneContext = {}): Milestone {
  const r = new FieldReader(story, "Kantata story");
  const id = r.id("id");
  const updatedAt = r.instant("updated_at");
  const title = r.string("title");
  const storyType = r.string("story_type");
  const rawState = r.string("state");
  const workspaceId = r.id("workspace_id");
  const dueDate = r.date("due_date", "nullable", true);
  const billable = r.boolean("billable");
  const budget = r.integer("budget_estimate_in_cents", "nullable");
  const percent = r.integer("percentage_complete", "nullable");
  if (r.valid("story_type") && storyType !== "milestone") {
    r.add("story_type", 'must be "milestone" (the story is another type)', "not_a_milestone");
  }
  r.check();
  const stateKey = rawState.trim().toLowerCase();
  const state = Object.hasOwn(STATES, stateKey) ? (STATES[stateKey] ?? "other") : "other";
  if ((state === "completed" || state === "accepted") && context.completedOn === undefined) {
    throw new ValidationError(`Milestone ${id} is ${state} but has no completion date`, [
      { path: "completedOn", message: "Kantata stories carry no completion date; pass context.completedOn" },
    ]);
  }
  const workspace = objectOrUndefined(context.workspace);
  const currency = workspace?.currency;
  const amount =
    workspace === undefined || currency === undefined || currency === null
      ? undefined
      : moneyFromCents(budget, currency, "budget_estimate_in_cents");
  return parseMilestone({
    ...kantataOrigin("stories", { id, updated_at: updatedAt }),
    project: kantataRef("workspaces", workspaceId, nameOf(workspace, "title")),
    name: title,
    state,
    ...(dueDate ? { dueDate } : {}),
    ...(context.completedOn !== undefined && (state === "completed" || state === "accepted")
      ? { completedOn: context.completedOn }
      : {}),
    ...(amount ? { amount } : {}),
    billable,
    ...(percent !== undefined ? { percentComplete: percent } : {}),
  });
}
