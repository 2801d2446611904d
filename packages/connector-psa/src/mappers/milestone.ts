import { type Milestone, parseMilestone } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import type { KantataStory, KantataWorkspace } from "../kantata-types.js";
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
 * Kantata story of type `milestone` → canonical {@link Milestone}. Pure.
 *
 * `amount` comes from `budget_estimate_in_cents` in the workspace's currency (only when the workspace is
 * given: the currency is never assumed). Throws {@link ValidationError} naming `story_type` for a story
 * that is not a milestone, and `completedOn` for a completed one without `context.completedOn`.
 */
export function toMilestone(story: KantataStory, context: MilestoneContext = {}): Milestone {
  if (story.story_type !== "milestone") {
    throw new ValidationError(`Story ${story.id} is not a milestone`, [
      {
        path: "story_type",
        message: `is "${story.story_type}", expected "milestone"`,
        code: "not_a_milestone",
      },
    ]);
  }
  const state = STATES[story.state.trim().toLowerCase()] ?? "other";
  if ((state === "completed" || state === "accepted") && context.completedOn === undefined) {
    throw new ValidationError(`Milestone ${story.id} is ${state} but has no completion date`, [
      { path: "completedOn", message: "Kantata stories carry no completion date; pass context.completedOn" },
    ]);
  }
  const workspace = context.workspace;
  const amount =
    workspace === undefined
      ? undefined
      : moneyFromCents(story.budget_estimate_in_cents, workspace.currency, "budget_estimate_in_cents");
  return parseMilestone({
    ...kantataOrigin("stories", story),
    project: kantataRef("workspaces", story.workspace_id, workspace?.title),
    name: story.title,
    state,
    ...(story.due_date ? { dueDate: story.due_date } : {}),
    ...(context.completedOn !== undefined && (state === "completed" || state === "accepted")
      ? { completedOn: context.completedOn }
      : {}),
    ...(amount ? { amount } : {}),
    billable: story.billable,
    ...(story.percentage_complete !== undefined ? { percentComplete: story.percentage_complete } : {}),
  });
}
